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
    /// How many more findings of the same rule in the same file, after this one, are
    /// counted but not listed ([`cap`]); 0 for an ordinary finding.
    pub more: usize,
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
            more: 0,
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

/// How many findings are listed one by one: past these, the rest are counted, not listed
/// (see [`cap`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Findings of one rule listed per file.
    pub per_rule: usize,
    /// Findings of all rules listed per file (each rule past it still gets its one
    /// summary finding).
    pub per_file: usize,
}

impl Default for Limits {
    /// 100 of a rule and 500 in all per file: far more than anyone fixes before checking
    /// again, and few enough that a file of a million pasted control characters gets a
    /// report of kilobytes, not of hundreds of megabytes.
    fn default() -> Limits {
        Limits {
            per_rule: 100,
            per_file: 500,
        }
    }
}

/// Lists at most `limits` findings per rule and per file: the first finding past a
/// limit stays as the summary of its rule in that file, with [`Diagnostic::more`]
/// counting those dropped after it and its message saying so; every finding is still
/// counted. `diagnostics` must be sorted ([`sort`]); it stays sorted.
///
/// ```
/// use tthc::diagnostic::{cap, Limits};
/// use tthc::text::chars::forbidden;
/// let text = "\u{7f}".repeat(1000);
/// let mut found = Vec::new();
/// tthc::check::rules::tthc033_forbidden_character::scan(0, &text, &mut found);
/// cap(&mut found, Limits { per_rule: 10, per_file: 50 });
/// assert_eq!(found.len(), 11);
/// assert_eq!(found[10].more, 989);
/// assert!(found[10].message.en.ends_with("989 more like it in this file are counted, not listed"));
/// assert_eq!(found.iter().map(|d| 1 + d.more).sum::<usize>(), 1000);
/// # let _ = forbidden;
/// ```
pub fn cap(diagnostics: &mut Vec<Diagnostic>, limits: Limits) {
    use std::collections::HashMap;
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len().min(limits.per_file * 2));
    // Per file: findings listed, and per rule how many are listed and where its summary is.
    let mut file = None;
    let mut listed = 0usize;
    let mut per_rule: HashMap<&'static str, (usize, Option<usize>)> = HashMap::new();
    for d in diagnostics.drain(..) {
        if file != Some(d.loc.file) {
            file = Some(d.loc.file);
            listed = 0;
            per_rule.clear();
        }
        let (of_rule, summary) = per_rule.entry(d.code).or_insert((0, None));
        if let Some(at) = *summary {
            kept[at].more += 1 + d.more;
        } else if listed < limits.per_file && *of_rule < limits.per_rule && d.more == 0 {
            listed += 1;
            *of_rule += 1;
            kept.push(d);
        } else {
            *summary = Some(kept.len());
            kept.push(d);
        }
    }
    for d in kept.iter_mut().filter(|d| d.more > 0) {
        let n = d.more;
        d.message = Text::new(
            format!(
                "{}; {} more like it in this file are counted, not listed",
                d.message.en,
                crate::text::words::count(n).en
            ),
            format!(
                "{}; còn {} trường hợp tương tự trong tệp này được đếm nhưng không liệt kê",
                d.message.vi,
                crate::text::words::count(n).vi
            ),
        );
    }
    *diagnostics = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::source::Span;

    struct R(&'static str);
    impl Code for R {
        fn code(&self) -> &'static str {
            self.0
        }
        fn severity(&self) -> Severity {
            Severity::Error
        }
    }

    fn at(file: usize, pos: usize, code: &'static str) -> Diagnostic {
        let loc = Loc {
            file,
            span: Span::new(pos, pos + 1),
        };
        Diagnostic::new(&R(code), loc, Text::new("x", "x"), Text::new("", ""))
    }

    #[test]
    fn past_the_file_limit_each_rule_keeps_one_summary() {
        // Rules A, B, C take turns, ten findings each, in file 0; two more in file 1.
        let codes = ["A", "B", "C"];
        let mut all: Vec<Diagnostic> = (0..30).map(|i| at(0, i, codes[i % 3])).collect();
        all.extend([at(1, 0, "A"), at(1, 1, "A")]);
        cap(
            &mut all,
            Limits {
                per_rule: 5,
                per_file: 8,
            },
        );
        // By hand: positions 0-7 are listed (A 0,3,6; B 1,4,7; C 2,5); then C at 8, A at
        // 9 and B at 10 stand for their rule's rest: C 10-3 = 7, A 10-4 = 6, B 10-4 = 6.
        let kept: Vec<(usize, usize, &str, usize)> = all
            .iter()
            .map(|d| (d.loc.file, d.loc.span.start, d.code, d.more))
            .collect();
        let mut expected: Vec<(usize, usize, &str, usize)> =
            (0..8).map(|i| (0, i, codes[i % 3], 0)).collect();
        expected.extend([(0, 8, "C", 7), (0, 9, "A", 6), (0, 10, "B", 6)]);
        expected.extend([(1, 0, "A", 0), (1, 1, "A", 0)]);
        assert_eq!(kept, expected);
        assert_eq!(all.iter().map(|d| 1 + d.more).sum::<usize>(), 32);
        assert!(
            all[8]
                .message
                .en
                .ends_with("; 7 more like it in this file are counted, not listed")
        );
        assert_eq!(all[0].message.en, "x");
    }
}
