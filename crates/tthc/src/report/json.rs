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
    diagnostics: Vec<Entry<'a>>,
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
    let diagnostics = checked
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
            }
        })
        .collect();
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
        diagnostics,
    };
    serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
}
