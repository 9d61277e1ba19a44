//! The report legal staff read: miette's graphical rendering, with source excerpts.

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

/// Renders one diagnostic. `color` picks the coloured Unicode theme (for terminals) or
/// plain ASCII (for logs and pipes).
pub fn render_one(checked: &Checked, d: &Diagnostic, lang: Lang, color: bool) -> String {
    let file = &checked.files[d.loc.file];
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        (
            d.loc.span.start,
            d.loc.span.end.saturating_sub(d.loc.span.start),
        ),
    )];
    let mut elsewhere = Vec::new();
    for l in &d.labels {
        if l.loc.file == d.loc.file {
            labels.push(LabeledSpan::new_with_span(
                Some(l.text.get(lang).to_string()),
                (
                    l.loc.span.start,
                    l.loc.span.end.saturating_sub(l.loc.span.start),
                ),
            ));
        } else {
            let f = &checked.files[l.loc.file];
            let (line, col) = f.line_col(l.loc.span.start);
            elsewhere.push(format!("{}:{line}:{col}: {}", f.path, l.text.get(lang)));
        }
    }
    let mut help = d.help.get(lang).to_string();
    for e in elsewhere {
        help.push('\n');
        help.push_str(&e);
    }
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let diag = MietteDiagnostic::new(d.message.get(lang))
        .with_code(d.code)
        .with_severity(severity)
        .with_help(help)
        .with_labels(labels);
    let (line, col) = file.line_col(d.loc.span.start);
    let report = miette::Report::new(diag).with_source_code(
        NamedSource::new(file.path.clone(), file.text.clone()).with_language("tthc"),
    );
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!(
            "{}:{line}:{col}: {}[{}]: {}\n",
            file.path,
            d.severity.as_str(),
            d.code,
            d.message.get(lang)
        );
    }
    out
}

/// Renders every diagnostic and the summary line.
pub fn render(checked: &Checked, lang: Lang, color: bool) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        out.push_str(&render_one(checked, d, lang, color));
        out.push('\n');
    }
    out.push_str(&super::summary(checked, lang));
    out.push('\n');
    out
}
