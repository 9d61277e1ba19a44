//! The machine-readable report: one JSON object for CI and editors.

use crate::check::Checked;
use crate::diagnostic::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    catalogue: Option<&'a serde_json::Value>,
    procedures: usize,
    files: usize,
    errors: usize,
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    elsewhere: Option<Elsewhere>,
    diagnostics: &'a [Entry<'a>],
    /// Findings counted in `errors`/`warnings` but left out of `diagnostics` to keep the
    /// report within a size (see [`render_within`]).
    #[serde(skip_serializing_if = "is_zero")]
    omitted: usize,
}

/// Findings in the catalogue around the files checked, counted but not listed.
#[derive(Serialize)]
struct Elsewhere {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    help: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    labels: Vec<LabelEntry<'a>>,
    #[serde(skip_serializing_if = "is_zero")]
    more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct LabelEntry<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

/// `{"procedures", "files", "errors", "warnings", "diagnostics": [...]}`, pretty-printed.
pub fn render(checked: &Checked, lang: Lang) -> String {
    render_for(checked, lang, None)
}

/// As [`render`], with a `catalogue` field first saying which catalogue was checked, and
/// an `elsewhere` count when only some of its files were reported on.
pub fn render_for(checked: &Checked, lang: Lang, catalogue: Option<&serde_json::Value>) -> String {
    render_within(checked, lang, catalogue, usize::MAX)
}

/// As [`render_for`], at most `limit` bytes long when that can be done by listing fewer
/// findings: the first findings that fit are listed, and `omitted` says how many more
/// there were (they are still counted in `errors` and `warnings`).
///
/// ```
/// use tthc::check::{check, CheckOptions, Input};
/// let text = "\u{7f}\n".repeat(50);
/// let checked = check(vec![Input { path: "x.tthc".into(), bytes: text.into() }], &CheckOptions::default());
/// let full = tthc::report::json::render_for(&checked, tthc::diagnostic::Lang::En, None);
/// let cut = tthc::report::json::render_within(&checked, tthc::diagnostic::Lang::En, None, full.len() / 2);
/// let v: serde_json::Value = serde_json::from_str(&cut).unwrap();
/// assert!(cut.len() <= full.len() / 2);
/// assert_eq!(v["errors"], 50);
/// let listed = v["diagnostics"].as_array().unwrap().len() as u64;
/// assert_eq!(listed + v["omitted"].as_u64().unwrap(), 50);
/// ```
pub fn render_within(
    checked: &Checked,
    lang: Lang,
    catalogue: Option<&serde_json::Value>,
    limit: usize,
) -> String {
    let diagnostics: Vec<Entry<'_>> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let f = &checked.files[d.loc.file];
            let (line, column) = f.line_col(d.loc.span.start);
            let (end_line, end_column) = f.line_col(d.loc.span.end);
            Entry {
                code: d.code,
                severity: d.severity.as_str(),
                message: d.message.get(lang),
                help: d.help.get(lang),
                file: &f.path,
                line,
                column,
                end_line,
                end_column,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let lf = &checked.files[l.loc.file];
                        let (line, column) = lf.line_col(l.loc.span.start);
                        LabelEntry {
                            file: &lf.path,
                            line,
                            column,
                            message: l.text.get(lang),
                        }
                    })
                    .collect(),
                more: d.more,
            }
        })
        .collect();
    let render = |listed: usize| {
        let report = Report {
            catalogue,
            procedures: checked.procedures_in_focus(),
            files: checked.files_in_focus(),
            errors: checked.errors(),
            warnings: checked.warnings(),
            elsewhere: checked.focus.as_ref().map(|_| Elsewhere {
                errors: checked.elsewhere.0,
                warnings: checked.elsewhere.1,
            }),
            diagnostics: &diagnostics[..listed],
            omitted: diagnostics[listed..].iter().map(|e| 1 + e.more).sum(),
        };
        serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
    };
    let all = render(diagnostics.len());
    if all.len() <= limit {
        return all;
    }
    // The most findings that fit: a report grows with every finding listed.
    let (mut fits, mut over) = (0, diagnostics.len());
    while over - fits > 1 {
        let mid = fits + (over - fits) / 2;
        if render(mid).len() <= limit {
            fits = mid;
        } else {
            over = mid;
        }
    }
    render(fits)
}
