//! The checker: parse every file, lower to the model, run the rules.

pub mod lower;
pub mod rules;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::Catalogue;
use crate::syntax;
use crate::syntax::source::{FileId, SourceFile};
pub use rules::CheckOptions;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The outcome of checking a set of files.
#[derive(Debug)]
pub struct Checked {
    /// The files, indexed by the `file` of every `Loc`.
    pub files: Vec<SourceFile>,
    /// The catalogue the files describe (complete only when there are no errors).
    pub catalogue: Catalogue,
    /// Findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the findings are reported for, when only some of the files checked are
    /// in focus (see [`Checked::focus_on`]); `None` means all.
    pub focus: Option<Vec<FileId>>,
    /// Errors and warnings found in files outside the focus, not reported.
    pub elsewhere: (usize, usize),
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

    /// Findings of a severity, those counted but not listed ([`Diagnostic::more`]) too.
    fn count(&self, s: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .map(|d| 1 + d.more)
            .sum()
    }

    /// Keeps only the findings whose main place is in one of `paths` (checked in the
    /// context of every file, reported for those), counting the others as elsewhere.
    pub fn focus_on(&mut self, paths: &std::collections::BTreeSet<String>) {
        let focus: Vec<FileId> = (0..self.files.len())
            .filter(|&i| paths.contains(&self.files[i].path))
            .collect();
        let (kept, dropped): (Vec<Diagnostic>, Vec<Diagnostic>) =
            std::mem::take(&mut self.diagnostics)
                .into_iter()
                .partition(|d| focus.contains(&d.loc.file));
        let count = |s: Severity| {
            dropped
                .iter()
                .filter(|d| d.severity == s)
                .map(|d| 1 + d.more)
                .sum()
        };
        self.elsewhere = (count(Severity::Error), count(Severity::Warning));
        self.diagnostics = kept;
        self.focus = Some(focus);
    }

    /// The number of files reported on.
    pub fn files_in_focus(&self) -> usize {
        self.focus.as_ref().map_or(self.files.len(), Vec::len)
    }

    /// The number of procedures the files reported on declare or give a version to (a
    /// later decision's folder adds versions to procedures declared elsewhere: those
    /// count as its own).
    pub fn procedures_in_focus(&self) -> usize {
        match &self.focus {
            None => self.catalogue.procedures.len(),
            Some(f) => self
                .catalogue
                .procedures
                .iter()
                .filter(|p| {
                    f.contains(&p.loc.file) || p.versions.iter().any(|v| f.contains(&v.loc.file))
                })
                .count(),
        }
    }

    /// The catalogue if it has no errors (in focus or elsewhere), else the findings.
    pub fn into_valid(self) -> Result<Catalogue, Box<Checked>> {
        if self.errors() == 0 && self.elsewhere.0 == 0 {
            Ok(self.catalogue)
        } else {
            Err(Box::new(self))
        }
    }
}

/// A file to check: its path and its raw bytes (which may not even be text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Path shown in messages.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Checks a set of files as one catalogue: parses each, lowers them together into the
/// model, runs every rule. A file that is not text or does not parse is reported and left
/// out; the others are still checked.
///
/// ```
/// use tthc::check::{check, CheckOptions, Input};
/// let roles = "authority commune \"UBND cấp xã\"\nrole desk \"Bộ phận một cửa\" authority commune\n";
/// let decision = "decision \"1/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh\"\n}\n";
/// let procedure = "procedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by dsk 1 day\n}\n";
/// let inputs = [("roles.tthc", roles), ("decision.tthc", decision), ("p.tthc", procedure)]
///     .map(|(path, text)| Input { path: path.into(), bytes: text.into() });
/// let checked = check(inputs.into(), &CheckOptions::default());
/// assert_eq!(checked.errors(), 1);
/// let d = &checked.diagnostics[0];
/// assert_eq!((d.code, d.help.en.as_str()), ("TTHC006", "did you mean `desk`?"));
/// ```
pub fn check(inputs: Vec<Input>, options: &CheckOptions) -> Checked {
    let parsed: Vec<Parsed> = inputs.into_iter().map(parse_input).collect();
    check_parsed(&parsed, options)
}

/// Asks a check running elsewhere to stop: the server's, when the request it answers has
/// timed out or its client has gone, so that nobody waits for work no one will read.
/// Clones share one flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not yet raised.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Raises the flag: the check stops at its next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the flag is raised.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// A guard that raises the flag when it is dropped: held by a request's future, it
    /// stops the check when the future is dropped (a timeout, a closed connection).
    pub fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Raises its [`Cancel`] flag when dropped (see [`Cancel::on_drop`]).
#[derive(Debug)]
pub struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// A check stopped by its [`Cancel`] flag before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// As [`check`], stopping between files, phases and rules once `cancel` is raised.
///
/// ```
/// use tthc::check::{check_until, Cancel, Cancelled, CheckOptions, Input};
/// let input = Input { path: "a.tthc".into(), bytes: b"role r \"R\" authority a\n".to_vec() };
/// let cancel = Cancel::new();
/// assert!(check_until(vec![input.clone()], &CheckOptions::default(), &cancel).is_ok());
/// // What a request's future does when it is dropped (a timeout, a closed connection):
/// drop(cancel.on_drop());
/// assert_eq!(check_until(vec![input], &CheckOptions::default(), &cancel).unwrap_err(), Cancelled);
/// ```
pub fn check_until(
    inputs: Vec<Input>,
    options: &CheckOptions,
    cancel: &Cancel,
) -> Result<Checked, Cancelled> {
    let mut parsed = Vec::with_capacity(inputs.len());
    for input in inputs {
        if cancel.is_cancelled() {
            return Err(Cancelled);
        }
        parsed.push(parse_input(input));
    }
    check_parsed_until(&parsed, options, cancel)
}

/// One file read and parsed on its own, before it is checked with the others: what
/// [`check`] does to each input first. A caller that checks the same files again and
/// again (the language server, on every edit) keeps the `Parsed` of the files that did
/// not change and passes them to [`check_parsed`].
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The file's text as the checker reads it (NFC, forbidden characters blanked).
    pub file: SourceFile,
    /// The syntax tree, `None` when the file is not text or could not be read on.
    pub tree: Option<syntax::ast::File>,
    /// What reading and parsing found (not text, forbidden characters, syntax errors),
    /// placed in file 0: [`check_parsed`] moves them to the file's place in the list.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses one input (the first half of [`check`]).
pub fn parse_input(input: Input) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = match String::from_utf8(input.bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            diagnostics.push(rules::tthc027_not_text::diagnostic(0, valid));
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            return Parsed {
                file: SourceFile::new(input.path, text),
                tree: None,
                diagnostics,
            };
        }
    };
    // Every reader works on NFC text: decomposed Vietnamese (Unikey's "Unicode tổ
    // hợp") would otherwise refuse `ngày` while the message shows the same word. The
    // text as written is kept with the map of offsets, for editors that hold it.
    let (text, written) = match crate::text::normal::nfc_mapped(&text) {
        None => (text, None),
        Some((n, map)) => (n, Some((text, map))),
    };
    rules::tthc033_forbidden_character::scan(0, &text, &mut diagnostics);
    // What is reported above is blanked out (byte for byte, so that offsets hold), so
    // that neither the parser nor a report printing the line sees it again.
    let text = rules::tthc033_forbidden_character::blanked(&text).unwrap_or(text);
    let file = match written {
        None => SourceFile::new(input.path, text),
        Some((w, map)) => SourceFile::new(input.path, text).with_written(w, map),
    };
    let recovered = syntax::parse_recovering(&file.text);
    for e in recovered.errors {
        diagnostics.push(rules::tthc001_syntax::diagnostic_in(0, e, &file.text));
    }
    Parsed {
        file,
        tree: recovered.tree,
        diagnostics,
    }
}

/// Checks files already read and parsed (by [`parse_input`]) as one catalogue: the
/// second half of [`check`], which gives the same result for the same files.
pub fn check_parsed<P: std::borrow::Borrow<Parsed>>(
    parsed: &[P],
    options: &CheckOptions,
) -> Checked {
    match check_parsed_until(parsed, options, &Cancel::new()) {
        Ok(c) => c,
        Err(Cancelled) => unreachable!("a flag nobody else holds is never raised"),
    }
}

fn check_parsed_until<P: std::borrow::Borrow<Parsed>>(
    parsed: &[P],
    options: &CheckOptions,
    cancel: &Cancel,
) -> Result<Checked, Cancelled> {
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(parsed.len());
    let mut trees = Vec::with_capacity(parsed.len());
    for (id, p) in parsed.iter().enumerate() {
        let p = p.borrow();
        diagnostics.extend(p.diagnostics.iter().map(|d| {
            let mut d = d.clone();
            d.loc.file = id;
            for l in &mut d.labels {
                l.loc.file = id;
            }
            d
        }));
        if let Some(tree) = &p.tree {
            trees.push((id, tree));
        }
        files.push(p.file.clone());
    }
    if cancel.is_cancelled() {
        return Err(Cancelled);
    }
    let lowered = lower::lower(&trees, &mut diagnostics);
    let cx = rules::Context {
        catalogue: &lowered.catalogue,
        declared_decisions: &lowered.declared_decisions,
        unread: &lowered.unread,
        options,
    };
    if !rules::run_until(&cx, &mut diagnostics, &|| cancel.is_cancelled()) {
        return Err(Cancelled);
    }
    for d in diagnostics.iter_mut().filter(|d| d.code == "TTHC001") {
        if let Some(help) = title_instead_of_id(
            &files[d.loc.file].text,
            d.loc.span.start,
            &lowered.catalogue,
        ) {
            d.help = help;
        }
    }
    // What a statement set aside after a syntax error may have said is not held against
    // the rest: lowering records it as the version's gaps and the catalogue's unread
    // declarations, and the rules that need it are silent (see `model::Gaps`).
    diagnostic::sort(&mut diagnostics);
    diagnostic::cap(&mut diagnostics, diagnostic::Limits::default());
    Ok(Checked {
        files,
        catalogue: lowered.catalogue,
        diagnostics,
        focus: None,
        elsewhere: (0, 0),
    })
}

/// When a syntax error is a role or authority written as its Vietnamese title
/// (`by Lãnh đạo UBND cấp xã`, `authority "UBND cấp xã"`), the help names the id to
/// write instead: legal staff know the titles, not yet the ids.
fn title_instead_of_id(text: &str, at: usize, catalogue: &Catalogue) -> Option<crate::text::Text> {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..at)?.trim_end();
    let rest = text.get(at..)?;
    let rest = rest[..rest.find('\n').unwrap_or(rest.len())].trim();
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let fold = |s: &str| s.to_lowercase();
    let rest = fold(rest);
    // The longest title the rest of the line starts with.
    let best = |titles: Vec<(&str, &str)>| -> Option<(String, Vec<String>)> {
        let len = titles
            .iter()
            .filter(|(_, t)| !t.is_empty() && rest.starts_with(&fold(t)))
            .map(|(_, t)| t.len())
            .max()?;
        let ids: Vec<String> = titles
            .iter()
            .filter(|(_, t)| t.len() == len && rest.starts_with(&fold(t)))
            .map(|(id, _)| format!("`{id}`"))
            .collect();
        let title = titles.iter().find(|(_, t)| t.len() == len)?.1.to_string();
        Some((title, ids))
    };
    let roles = || {
        catalogue
            .roles
            .iter()
            .map(|r| (r.id.as_str(), r.title.as_str()))
            .collect::<Vec<_>>()
    };
    let authorities = || {
        catalogue
            .authorities
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str()))
            .collect::<Vec<_>>()
    };
    let (what_en, what_vi, (title, ids)) =
        if [" by", " do"].iter().any(|k| before.ends_with(k)) || before == "by" || before == "do" {
            ("role", "vai trò", best(roles())?)
        } else if before.ends_with("authority") || before.ends_with("thẩm quyền") {
            ("authority", "cấp thẩm quyền", best(authorities())?)
        } else {
            return None;
        };
    Some(crate::text::Text::new(
        format!(
            "write the {what_en}'s id, not its title: {} for \"{title}\"",
            ids.join(" or ")
        ),
        format!(
            "viết mã {what_vi}, không viết tên: {} cho \"{title}\"",
            ids.join(" hoặc ")
        ),
    ))
}
