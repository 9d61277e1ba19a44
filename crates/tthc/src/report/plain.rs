//! Findings as plain lines (`file:line:col: error[TTHC012]: message`, then the help),
//! for logs and for front ends without a terminal renderer: the server logs a refused
//! reload this way. `tthc check` renders with source excerpts in the binary instead.

use crate::check::Checked;
use crate::diagnostic::{Lang, Severity};
use crate::text::chars::visible;

/// Every finding, one paragraph each, then the summary line.
///
/// ```
/// let checked = tthc::check::check(
///     vec![tthc::check::Input { path: "x.tthc".into(), bytes: b"procedure p {".to_vec() }],
///     &Default::default(),
/// );
/// let text = tthc::report::plain::render(&checked, tthc::diagnostic::Lang::En);
/// assert!(text.starts_with("x.tthc:1:"), "{text}");
/// ```
pub fn render(checked: &Checked, lang: Lang) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        let (path, line, col) = super::position(checked, d);
        let kind = match d.severity {
            Severity::Error => lang.pick("error", "lỗi"),
            Severity::Warning => lang.pick("warning", "cảnh báo"),
        };
        out.push_str(&format!(
            "{}:{line}:{col}: {kind}[{}]: {}\n",
            visible(path),
            d.code,
            visible(d.message.get(lang))
        ));
        let help = d.help.get(lang);
        if !help.is_empty() {
            out.push_str(&format!(
                "  {}: {}\n",
                lang.pick("help", "gợi ý"),
                visible(help)
            ));
        }
    }
    out.push_str(&super::summary(checked, lang));
    out.push('\n');
    out
}
