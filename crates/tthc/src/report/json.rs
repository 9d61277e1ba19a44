//! The machine-readable report: one JSON object for CI and editors.

use crate::check::Checked;
use crate::diagnostic::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    procedures: usize,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Entry<'a>>,
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
        procedures: checked.catalogue.procedures.len(),
        files: checked.files.len(),
        errors: checked.errors(),
        warnings: checked.warnings(),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
}
