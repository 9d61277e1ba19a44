//! The report legal staff read: miette's graphical rendering, with source excerpts.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use tthc::check::Checked;
use tthc::diagnostic::{Diagnostic, Lang, Severity};
use tthc::text::chars::visible;

/// A file's text for miette, with columns counted in characters as everywhere else
/// (the JSON report, the language server before its UTF-16 step, editors' status bars):
/// miette's own count is in bytes, so `thử` would move every later column by 2.
#[derive(Debug)]
struct CharColumns {
    name: String,
    text: String,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let c = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        if c.data().len() > MAX_EXCERPT {
            return Ok(self.window(span));
        }
        // miette reports the column of where the returned text starts, in bytes from
        // the start of its line.
        let start = c.span().offset();
        let bytes = c.column();
        let column = self
            .text
            .get(start.saturating_sub(bytes)..start)
            .map_or(bytes, |s| s.chars().count());
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                c.data(),
                *c.span(),
                c.line(),
                column,
                c.line_count(),
            )
            .with_language("tthc"),
        ))
    }
}

/// Longest excerpt shown whole, in bytes. A finding on a line of a megabyte (pasted
/// control characters, a file with no line breaks) shows a window around it instead:
/// printing the whole line for each of a hundred findings would print a hundred
/// megabytes.
const MAX_EXCERPT: usize = 4096;
/// Bytes shown on each side of a finding in such a window.
const WINDOW: usize = 160;

impl CharColumns {
    /// The text around `span` on its own line(s), at most [`WINDOW`] bytes on each side.
    fn window<'a>(&'a self, span: &SourceSpan) -> Box<dyn SpanContents<'a> + 'a> {
        let text = self.text.as_str();
        let at = span.offset().min(text.len());
        let end = (at + span.len()).min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let mut from = at.saturating_sub(WINDOW).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (end + WINDOW).min(line_end).max(from);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let line = text[..from].matches('\n').count();
        let column = text[line_start..from].chars().count();
        Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                &text.as_bytes()[from..to],
                SourceSpan::from((from, to - from)),
                line,
                column,
                text[from..to].matches('\n').count() + 1,
            )
            .with_language("tthc"),
        )
    }
}

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
                Some(visible(l.text.get(lang)).into_owned()),
                (
                    l.loc.span.start,
                    l.loc.span.end.saturating_sub(l.loc.span.start),
                ),
            ));
        } else {
            let f = &checked.files[l.loc.file];
            let (line, col) = f.line_col(l.loc.span.start);
            elsewhere.push(format!(
                "{}:{line}:{col}: {}",
                visible(&f.path),
                visible(l.text.get(lang))
            ));
        }
    }
    // Everything shown comes from files someone else may have written: an escape
    // sequence hidden in a file name or a message must be shown, never obeyed. (The
    // file text itself had such characters blanked out by the checker, TTHC033.)
    let mut help = visible(d.help.get(lang)).into_owned();
    for e in elsewhere {
        help.push('\n');
        help.push_str(&e);
    }
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let diag = MietteDiagnostic::new(visible(d.message.get(lang)))
        .with_code(d.code)
        .with_severity(severity)
        .with_help(help)
        .with_labels(labels);
    let (line, col) = file.line_col(d.loc.span.start);
    let report = miette::Report::new(diag).with_source_code(CharColumns {
        name: visible(&file.path).into_owned(),
        text: file.text.clone(),
    });
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
            visible(&file.path),
            d.severity.as_str(),
            d.code,
            visible(d.message.get(lang))
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
    out.push_str(&tthc::report::summary(checked, lang));
    out.push('\n');
    out
}
