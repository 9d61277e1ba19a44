//! The checker's findings as LSP diagnostics: in the user's language, with the rule's
//! code linked to its explanation, and the "did you mean" fixes carried in `data` for
//! the quick fixes (see [`super::actions`]).

use super::position::Lines;
use super::workspace::{Analysis, path_to_uri};
use lsp_types as lsp;
use std::path::PathBuf;
use std::str::FromStr;
use tthc::diagnostic::{Diagnostic, Severity};
use tthc::syntax::source::FileId;
use tthc::text::Lang;

/// Where a rule's explanation is linked from a diagnostic's code.
#[derive(Debug, Clone)]
pub enum RuleLinks {
    /// A URL template with `{code}` (initialization option `ruleUrl`).
    Template(String),
    /// Pages written once in this folder (one HTML page per rule), the default.
    Pages(PathBuf),
}

impl RuleLinks {
    /// The default: pages under the temporary folder, written now.
    pub fn pages(lang: Lang) -> RuleLinks {
        let dir = std::env::temp_dir().join(format!(
            "tthc-rules-{}-{}",
            env!("CARGO_PKG_VERSION"),
            lang.code()
        ));
        write_pages(&dir, lang);
        RuleLinks::Pages(dir)
    }

    /// The link for a rule's code.
    pub fn href(&self, code: &str) -> Option<lsp::Uri> {
        let s = match self {
            RuleLinks::Template(t) => t.replace("{code}", code),
            RuleLinks::Pages(dir) => path_to_uri(&dir.join(format!("{code}.html"))),
        };
        lsp::Uri::from_str(&s).ok()
    }
}

/// Writes one HTML page per rule (what `tthc explain CODE` prints), leaving pages that
/// are already there.
fn write_pages(dir: &std::path::Path, lang: Lang) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    for rule in tthc::check::rules::ALL {
        let path = dir.join(format!("{}.html", rule.code));
        if path.exists() {
            continue;
        }
        let (summary, explanation) = match lang {
            Lang::En => (rule.summary_en, rule.explanation_en),
            Lang::Vi => (rule.summary_vi, rule.explanation_vi),
        };
        let page = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{code} {name}</title></head>\n<body>\n<h1>{code} <code>{name}</code></h1>\n<p><strong>{summary}</strong></p>\n<p>{explanation}</p>\n<h2>{reported}</h2>\n<pre>{example}</pre>\n<h2>{fixed_h}</h2>\n<pre>{fixed}</pre>\n<p><code>tthc explain {code}</code></p>\n</body></html>\n",
            lang = lang.code(),
            code = rule.code,
            name = rule.name,
            summary = html(summary),
            explanation = html(explanation),
            reported = lang.pick("Reported", "Bị báo lỗi"),
            example = html(rule.example),
            fixed_h = lang.pick("Fixed", "Đã sửa"),
            fixed = html(rule.fixed),
        );
        // Written whole under another name first, so a page is never seen half-written.
        let tmp = dir.join(format!(".{}.{}.tmp", rule.code, std::process::id()));
        if std::fs::write(&tmp, page).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The LSP diagnostics of one file of an analysis.
pub fn for_file(
    analysis: &Analysis,
    file: FileId,
    lang: Lang,
    links: &RuleLinks,
) -> Vec<lsp::Diagnostic> {
    let Some(source) = analysis.checked.files.get(file) else {
        return Vec::new();
    };
    let lines = Lines::of(source);
    analysis
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.loc.file == file)
        .map(|d| convert(d, analysis, &lines, lang, links))
        .collect()
}

fn convert(
    d: &Diagnostic,
    analysis: &Analysis,
    lines: &Lines<'_>,
    lang: Lang,
    links: &RuleLinks,
) -> lsp::Diagnostic {
    let help = d.help.get(lang);
    let mut message = d.message.get(lang).to_string();
    if !help.is_empty() {
        message.push('\n');
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            let uri = analysis.uris.get(l.loc.file)?.as_ref()?;
            let source = analysis.checked.files.get(l.loc.file)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(
                    lsp::Uri::from_str(uri).ok()?,
                    Lines::of(source).range(l.loc.span),
                ),
                message: l.text.get(lang).to_string(),
            })
        })
        .collect();
    let data = (!d.replacements.is_empty()).then(|| {
        serde_json::json!({
            "replacements": d.replacements.iter().map(|r| serde_json::json!({
                "range": lines.range(r.span),
                "newText": r.text,
            })).collect::<Vec<_>>()
        })
    });
    lsp::Diagnostic {
        range: lines.range(d.loc.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: links.href(d.code).map(|href| lsp::CodeDescription { href }),
        source: Some("tthc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}
