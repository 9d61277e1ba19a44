//! The checker: parse every file, lower to the model, run the rules.

pub mod lower;
pub mod rules;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::Catalogue;
use crate::syntax::{self, source::SourceFile};
pub use rules::CheckOptions;

/// The outcome of checking a set of files.
#[derive(Debug)]
pub struct Checked {
    /// The files, indexed by the `file` of every `Loc`.
    pub files: Vec<SourceFile>,
    /// The catalogue the files describe (complete only when there are no errors).
    pub catalogue: Catalogue,
    /// Findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// The catalogue if it has no errors, else the findings.
    pub fn into_valid(self) -> Result<Catalogue, Box<Checked>> {
        if self.errors() == 0 {
            Ok(self.catalogue)
        } else {
            Err(Box::new(self))
        }
    }
}

/// A file to check: its path and its raw bytes (which may not even be text).
pub struct Input {
    /// Path shown in messages.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Checks a set of files as one catalogue.
pub fn check(inputs: Vec<Input>, options: &CheckOptions) -> Checked {
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(inputs.len());
    let mut trees = Vec::with_capacity(inputs.len());
    for (id, input) in inputs.into_iter().enumerate() {
        let text = match String::from_utf8(input.bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                diagnostics.push(rules::tthc027_not_text::diagnostic(id, valid));
                let bytes = e.into_bytes();
                let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                files.push(SourceFile::new(input.path, text));
                continue;
            }
        };
        let file = SourceFile::new(input.path, text);
        match syntax::parse(&file.text) {
            Ok(tree) => trees.push((id, tree)),
            Err(e) => diagnostics.push(syntax::expected::diagnostic(id, &file, &e)),
        }
        files.push(file);
    }
    let refs: Vec<(usize, &syntax::ast::File)> = trees.iter().map(|(i, t)| (*i, t)).collect();
    let lowered = lower::lower(&refs, &mut diagnostics);
    let cx = rules::Context {
        catalogue: &lowered.catalogue,
        declared_decisions: &lowered.declared_decisions,
        options,
    };
    rules::run(&cx, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Checked {
        files,
        catalogue: lowered.catalogue,
        diagnostics,
    }
}
