//! Diagnostics: what the checker found, where, and how to fix it, in English and Vietnamese.

use crate::syntax::source::{Loc, Span};
use serde::Serialize;

pub use crate::text::{Lang, Text, edit_distance, suggest};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The catalogue is wrong; nothing may be built or served from it.
    Error,
    /// Probably a mistake, but the catalogue still means something.
    Warning,
}

impl Severity {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a diagnostic is an instance of: anything with a stable code and a severity (the
/// checker's rules implement it), so this module need not know where rules live.
pub trait Code {
    /// The stable code, such as `TTHC012`.
    fn code(&self) -> &'static str;
    /// How serious its findings are.
    fn severity(&self) -> Severity;
}

/// A secondary place that explains a diagnostic (e.g. each step's part of a sum).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub loc: Loc,
    /// What it says about that place.
    pub text: Text,
}

/// A fix a diagnostic proposes ("did you mean `x`?"), as data an editor can apply:
/// write `text` in place of `span`, in the diagnostic's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    /// The bytes to replace.
    pub span: Span,
    /// What to write there.
    pub text: String,
}

/// One finding of the checker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable rule code such as `TTHC012`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The main place.
    pub loc: Loc,
    /// One line saying what is wrong.
    pub message: Text,
    /// One line saying how to fix it.
    pub help: Text,
    /// Other places involved.
    pub labels: Vec<Label>,
    /// Fixes it proposes, one per "did you mean" (the help says them in words; reports
    /// print the help, editors offer these as quick fixes).
    #[serde(skip)]
    pub replacements: Vec<Replacement>,
}

impl Diagnostic {
    /// A diagnostic of a rule at a place; the severity is the rule's.
    pub fn new(rule: &impl Code, loc: Loc, message: Text, help: Text) -> Diagnostic {
        Diagnostic {
            code: rule.code(),
            severity: rule.severity(),
            loc,
            message,
            help,
            labels: Vec::new(),
            replacements: Vec::new(),
        }
    }

    /// Adds a proposed fix: `text` in place of `span` in the diagnostic's file.
    pub fn with_replacement(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.replacements.push(Replacement {
            span,
            text: text.into(),
        });
        self
    }

    /// Adds a secondary place.
    pub fn with_label(mut self, loc: Loc, text: Text) -> Diagnostic {
        self.labels.push(Label { loc, text });
        self
    }
}

/// Sorts diagnostics the way a reader walks the files: by file, then position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.loc.file, a.loc.span.start, a.code).cmp(&(b.loc.file, b.loc.span.start, b.code))
    });
}
