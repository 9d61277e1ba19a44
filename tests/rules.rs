//! Every rule has a fixture under tests/fixtures/rules/ that triggers it (and nothing else),
//! and a reviewed snapshot of its diagnostic in English and Vietnamese.

mod common;

use tthc::check::{self, CheckOptions, Input, rules};
use tthc::diagnostic::Lang;

/// The options a fixture or example is checked with: a line `# checked on DATE` checks
/// coverage on that date, as `tthc check --at DATE` does (TTHC034).
fn options_for(bytes: &[u8]) -> CheckOptions {
    let text = String::from_utf8_lossy(bytes);
    let at = text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("# checked on ")
            .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
    });
    CheckOptions {
        at,
        ..CheckOptions::default()
    }
}

fn check_fixture(path: &str) -> check::Checked {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let options = options_for(&bytes);
    check::check(
        vec![Input {
            path: path.to_string(),
            bytes,
        }],
        &options,
    )
}

#[test]
fn every_rule_has_a_fixture_that_triggers_only_it() {
    let mut snapshots = Vec::new();
    let mut wrong = Vec::new();
    for rule in rules::ALL {
        let path = format!("tests/fixtures/rules/{}.tthc", rule.code);
        let checked = check_fixture(&path);
        if !checked.diagnostics.iter().any(|d| d.code == rule.code) {
            wrong.push(format!("{path} does not trigger {}", rule.code));
        }
        let others: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code != rule.code)
            .map(|d| (d.code, d.message.en.clone()))
            .collect();
        if !others.is_empty() {
            wrong.push(format!("{path} also triggers {others:?}"));
        }
        let mut text = tthc_cli::cli::human::render(&checked, Lang::En, false);
        text.push_str("\n--- tiếng Việt ---\n");
        text.push_str(&tthc_cli::cli::human::render(&checked, Lang::Vi, false));
        snapshots.push((rule.code.to_string(), text));
    }
    // Every rule's snapshot is compared, so one run lists every rule that changed.
    let snapshot_outcome =
        std::panic::catch_unwind(|| common::assert_snapshots("rules", snapshots));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    if let Err(e) = snapshot_outcome {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn clean_fixture_has_no_findings() {
    let checked = check_fixture("tests/fixtures/clean.tthc");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.catalogue.procedures.len(), 1);
}

/// Roles, authorities and decisions every documented example may use.
const PREAMBLE_DECLARATIONS: &str = r#"authority commune "UBND cấp xã"
authority district "UBND cấp huyện" abolished 2025-07-01
role desk "Bộ phận một cửa cấp xã" authority commune
role officer "Công chức Tư pháp - hộ tịch" authority commune
role leader "Lãnh đạo UBND cấp xã" authority commune
role commune-civil-status "Công chức Tư pháp - hộ tịch" authority commune
role commune-leader "Lãnh đạo UBND cấp xã" authority commune
role district-desk "Bộ phận một cửa cấp huyện" authority district
"#;

/// The decisions every documented example may cite, by number.
const PREAMBLE_DECISIONS: &[(&str, &str)] = &[
    (
        "1086/QĐ-UBND",
        r#"decision "1086/QĐ-UBND" {
  signed 2024-04-09
  effective 2024-04-09
  issuer "Chủ tịch UBND tỉnh Quảng Ninh"
}
"#,
    ),
    (
        "2000/QĐ-UBND",
        r#"decision "2000/QĐ-UBND" {
  signed 2025-06-25
  effective 2025-07-01
  issuer "Chủ tịch UBND tỉnh Quảng Ninh"
}
"#,
    ),
];

/// The preamble's decisions that `snippet` does not declare itself.
fn preamble_decisions(snippet: &str) -> String {
    PREAMBLE_DECISIONS
        .iter()
        .filter(|(n, _)| !snippet.contains(&format!("decision \"{n}\"")))
        .map(|(_, d)| *d)
        .collect()
}

/// Whether a snippet has a line starting (after its indentation) with `word `.
fn has(snippet: &str, word: &str) -> bool {
    snippet
        .lines()
        .any(|l| l.trim_start().starts_with(&format!("{word} ")))
}

/// A documented example or fix as a whole file: a top-level snippet with the
/// declarations it does not make itself; a decision's statements inside a decision;
/// other statements inside a procedure that has every statement they leave out.
fn in_context(snippet: &str) -> String {
    let top_level = snippet
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| !l.starts_with(' '));
    let mut file = String::new();
    let declares = |w: &str| snippet.lines().any(|l| l.starts_with(&format!("{w} ")));
    if !(top_level && (declares("role") || declares("authority"))) {
        file.push_str(PREAMBLE_DECLARATIONS);
    }
    if top_level {
        file.push_str(&preamble_decisions(snippet));
        file.push_str(snippet);
        return file;
    }
    if ["signed", "effective", "issuer", "title", "replaces"]
        .iter()
        .any(|w| has(snippet, w))
    {
        file.push_str("decision \"1086/QĐ-UBND\" {\n");
        for (word, line) in [
            ("signed", "  signed 2024-04-09\n"),
            ("effective", "  effective 2024-04-09\n"),
            ("issuer", "  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n"),
        ] {
            if !has(snippet, word) {
                file.push_str(line);
            }
        }
        file.push_str(snippet);
        file.push_str("}\n");
        return file;
    }
    file.push_str(&preamble_decisions(""));
    file.push_str("procedure p {\n");
    let versions = has(snippet, "version");
    if !has(snippet, "name") {
        file.push_str("  name \"Thủ tục mẫu\"\n");
    }
    if !versions && !has(snippet, "authority") {
        file.push_str("  authority commune\n");
    }
    if !versions && !has(snippet, "source") {
        file.push_str("  source \"1086/QĐ-UBND\" item \"B.1\"\n");
    }
    if !versions && !has(snippet, "total") && !has(snippet, "step") {
        file.push_str("  total 3 days\n");
    }
    if !versions && !has(snippet, "step") {
        if has(snippet, "total") {
            // The snippet's total is the point; a step with no time of its own fits any.
            file.push_str("  step receive \"Tiếp nhận, giải quyết\" by desk\n");
        } else {
            file.push_str("  step receive \"Tiếp nhận\" by desk 0,5 day\n");
            file.push_str("  step appraise \"Thẩm định\" by officer 2,5 days\n");
        }
    }
    file.push_str(snippet);
    file.push_str("}\n");
    file
}

fn check_text(name: &str, text: &str) -> check::Checked {
    check::check(
        vec![Input {
            path: name.to_string(),
            bytes: text.as_bytes().to_vec(),
        }],
        &options_for(text.as_bytes()),
    )
}

/// `tthc explain` shows each rule's example and its fix: the example must report the
/// rule, and the fix must check clean, or the documentation teaches the wrong thing.
#[test]
fn every_documented_example_triggers_its_rule_and_its_fix_is_clean() {
    let mut wrong = Vec::new();
    for rule in rules::ALL {
        // A description of bytes that cannot be shown (TTHC027); its fixture covers it.
        if rule.example.starts_with('(') {
            continue;
        }
        let example = in_context(rule.example);
        let checked = check_text("example.tthc", &example);
        if !checked.diagnostics.iter().any(|d| d.code == rule.code) {
            let found: Vec<_> = checked
                .diagnostics
                .iter()
                .map(|d| (d.code, d.message.en.clone()))
                .collect();
            wrong.push(format!(
                "{}: the example does not report it ({found:?}):\n{example}",
                rule.code
            ));
        }
        let fixed = in_context(rule.fixed);
        let checked = check_text("fixed.tthc", &fixed);
        if !checked.diagnostics.is_empty() {
            let found: Vec<_> = checked
                .diagnostics
                .iter()
                .map(|d| (d.code, d.message.en.clone()))
                .collect();
            wrong.push(format!(
                "{}: the fix is not clean ({found:?}):\n{fixed}",
                rule.code
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn explain_documents_every_rule_in_both_languages() {
    for rule in rules::ALL {
        for text in [
            rule.summary_en,
            rule.summary_vi,
            rule.explanation_en,
            rule.explanation_vi,
            rule.example,
            rule.fixed,
        ] {
            assert!(!text.trim().is_empty(), "{} has an empty text", rule.code);
        }
    }
}
