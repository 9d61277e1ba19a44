//! GitHub Actions workflow commands, so findings appear on the pull request's lines.

use crate::check::Checked;
use crate::diagnostic::{Lang, Severity};

/// Escapes a message per the workflow-command rules.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=…,line=…,col=…,title=…::message` line per diagnostic, then the summary.
pub fn render(checked: &Checked, lang: Lang) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        let f = &checked.files[d.loc.file];
        let (line, col) = f.line_col(d.loc.span.start);
        let (end_line, end_col) = f.line_col(d.loc.span.end);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "::{kind} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
            property(&f.path),
            property(d.code),
            data(&format!("{}\n{}", d.message.get(lang), d.help.get(lang)))
        ));
    }
    out.push_str(&super::summary(checked, lang));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_workflow_command_characters() {
        assert_eq!(super::data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
