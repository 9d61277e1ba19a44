//! SARIF 2.1.0, the format code-scanning dashboards read (GitHub code scanning, GitLab,
//! Azure DevOps, the SARIF viewers of editors).
//!
//! One run. The driver lists every rule of the checker, so a dashboard can explain a code
//! even before it first appears; each result names its rule, its level and its place.
//! File locations are relative to the catalogue's folder (`uriBaseId` `CATALOGUE`,
//! resolved in `originalUriBaseIds` when the catalogue is a folder on disk), so a log made
//! on one machine means the same on another. Columns count characters, as everywhere in
//! tthc (`columnKind` says so).

use crate::check::Checked;
use crate::check::rules::{self, Rule};
use crate::diagnostic::{Lang, Severity};
use serde_json::{Value, json};
use std::path::{Component, Path};

/// Where people read about tthc. The project has no public home yet; this is the
/// placeholder its other documents use (the BPMN namespace), kept in one place.
pub const INFORMATION_URI: &str = "https://tthc.example/";

/// The name `artifactLocation.uriBaseId` gives the catalogue's folder.
pub const CATALOGUE_BASE: &str = "CATALOGUE";

/// SARIF's word for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule's help, the same content `tthc explain CODE` prints: the summary, why the rule
/// exists, and a reported snippet beside its fixed form.
fn help(rule: &Rule, lang: Lang) -> (String, String) {
    let (summary, explanation) = match lang {
        Lang::En => (rule.summary_en, rule.explanation_en),
        Lang::Vi => (rule.summary_vi, rule.explanation_vi),
    };
    let (reported, fixed) = (
        lang.pick("Reported:", "Bị báo:"),
        lang.pick("Fixed:", "Đã sửa:"),
    );
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    let text = format!(
        "{summary}\n\n{explanation}\n\n{reported}\n{}{fixed}\n{}",
        indent(rule.example),
        indent(rule.fixed)
    );
    let markdown = format!(
        "{summary}\n\n{explanation}\n\n{reported}\n\n```\n{}\n```\n\n{fixed}\n\n```\n{}\n```\n",
        rule.example.trim_end(),
        rule.fixed.trim_end()
    );
    (text, markdown)
}

fn rule_descriptor(rule: &Rule, lang: Lang) -> Value {
    let (summary, explanation) = match lang {
        Lang::En => (rule.summary_en, rule.explanation_en),
        Lang::Vi => (rule.summary_vi, rule.explanation_vi),
    };
    let (text, markdown) = help(rule, lang);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": explanation },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

/// Percent-encodes a relative path's segments for a URI reference (RFC 3986: unreserved
/// characters and `/` stay, everything else, Vietnamese letters included, is encoded).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The `file:` URI of an absolute path, on every system: `/tmp/a b` →
/// `file:///tmp/a%20b`; on Windows `C:\x\y` (or the `\\?\C:\x\y` that `canonicalize`
/// gives) → `file:///C:/x/y`, and `\\server\share\x` → `file://server/share/x` (RFC 8089).
///
/// ```
/// use tthc::report::sarif::file_uri;
/// assert_eq!(file_uri("/tmp/a b.tthc"), "file:///tmp/a%20b.tthc");
/// assert_eq!(file_uri(r"\\?\C:\Users\Lan\thủ tục"), "file:///C:/Users/Lan/th%E1%BB%A7%20t%E1%BB%A5c");
/// assert_eq!(file_uri(r"C:\x"), "file:///C:/x");
/// assert_eq!(file_uri(r"\\?\UNC\server\share\x"), "file://server/share/x");
/// ```
pub fn file_uri(path: &str) -> String {
    // A Windows path (a drive or `\\`) has `\` for separators; on Unix `\` is a character
    // a file name may hold, and is encoded like any other.
    let b = path.as_bytes();
    let windows = path.starts_with(r"\\")
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'\\' | b'/'));
    let slashed = if windows {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let plain = match slashed.strip_prefix("//?/") {
        Some(rest) => match rest.strip_prefix("UNC/") {
            Some(unc) => format!("//{unc}"),
            None => rest.to_string(),
        },
        None => slashed,
    };
    let bytes = plain.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        // A drive letter: its colon stays as it is.
        format!("file:///{}:{}", &plain[..1], encode_path(&plain[2..]))
    } else if let Some(unc) = plain.strip_prefix("//") {
        format!("file://{}", encode_path(unc))
    } else {
        format!("file://{}", encode_path(&plain))
    }
}

/// The artifact location of a file as the checker names it: relative to the catalogue's
/// folder `root` when it lies in it (with the `CATALOGUE` base); else as given, relative
/// to the working folder with no base (consumers such as GitHub code scanning read that
/// as relative to the repository), or, for an absolute path, a `file://` URI.
fn artifact_location(path: &str, root: Option<&Path>) -> Value {
    let p = Path::new(path);
    let in_catalogue = root.and_then(|r| p.strip_prefix(r).ok());
    let joined = in_catalogue
        .unwrap_or(p)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    match in_catalogue {
        Some(_) => json!({ "uri": encode_path(&joined), "uriBaseId": CATALOGUE_BASE }),
        None if p.is_absolute() => json!({ "uri": file_uri(&p.to_string_lossy()) }),
        None => json!({ "uri": encode_path(&joined) }),
    }
}

/// The whole log, pretty-printed. `root` is the catalogue's folder as the checker's file
/// paths begin with it (`procedures` for the bundled catalogue and for `./procedures`);
/// `root_uri`, when the catalogue is a folder on disk, is its absolute `file://` URI
/// (ending in `/`), recorded so that a consumer can resolve the relative locations.
pub fn render(
    checked: &Checked,
    lang: Lang,
    root: Option<&Path>,
    root_uri: Option<&str>,
) -> String {
    let all: &[&Rule] = rules::ALL;
    let results: Vec<Value> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let f = &checked.files[d.loc.file];
            let (start_line, start_column) = f.line_col(d.loc.span.start);
            let (end_line, end_column) = f.line_col(d.loc.span.end);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": format!("{}\n{}", d.message.get(lang), d.help.get(lang)) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&f.path, root),
                        "region": {
                            "startLine": start_line,
                            "startColumn": start_column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        }
                    }
                }],
            });
            if let Some(i) = all.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                let related: Vec<Value> = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(id, l)| {
                        let lf = &checked.files[l.loc.file];
                        let (sl, sc) = lf.line_col(l.loc.span.start);
                        let (el, ec) = lf.line_col(l.loc.span.end);
                        json!({
                            "id": id,
                            "message": { "text": l.text.get(lang) },
                            "physicalLocation": {
                                "artifactLocation": artifact_location(&lf.path, root),
                                "region": {
                                    "startLine": sl,
                                    "startColumn": sc,
                                    "endLine": el,
                                    "endColumn": ec,
                                }
                            }
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "tthc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": all.iter().map(|r| rule_descriptor(r, lang)).collect::<Vec<_>>(),
            }
        },
        "language": lang.pick("en", "vi"),
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    // The base is declared only when some location uses it (files outside any catalogue
    // are named relative to the working folder, with no base).
    if root.is_some() {
        let base = match root_uri {
            Some(uri) => json!({ "uri": uri }),
            None => json!({
                "description": { "text": lang.pick(
                    "The folder of the catalogue that was checked",
                    "Thư mục của danh mục đã kiểm tra",
                ) }
            }),
        };
        run["originalUriBaseIds"] = json!({ CATALOGUE_BASE: base });
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&log).expect("a SARIF log serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_catalogue_and_percent_encoded() {
        let root = Path::new("procedures");
        assert_eq!(
            artifact_location("procedures/1086-QD-UBND/b16 hôn nhân.tthc", Some(root)),
            json!({ "uri": "1086-QD-UBND/b16%20h%C3%B4n%20nh%C3%A2n.tthc", "uriBaseId": "CATALOGUE" })
        );
        assert_eq!(
            artifact_location("elsewhere/x.tthc", Some(root)),
            json!({ "uri": "elsewhere/x.tthc" })
        );
        assert_eq!(
            artifact_location("/tmp/a b.tthc", None),
            json!({ "uri": "file:///tmp/a%20b.tthc" })
        );
    }
}
