//! Every rule has a fixture under tests/fixtures/rules/ that triggers it (and nothing else),
//! and a reviewed snapshot of its diagnostic in English and Vietnamese.

use tthc::check::{self, CheckOptions, Input, rules};
use tthc::diagnostic::Lang;
use tthc::report;

fn check_fixture(path: &str) -> check::Checked {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    check::check(
        vec![Input {
            path: path.to_string(),
            bytes,
        }],
        &CheckOptions::default(),
    )
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn every_rule_has_a_fixture_that_triggers_only_it() {
    for rule in rules::ALL {
        let path = format!("tests/fixtures/rules/{}.tthc", rule.code);
        let checked = check_fixture(&path);
        assert!(
            checked.diagnostics.iter().any(|d| d.code == rule.code),
            "{path} does not trigger {}",
            rule.code
        );
        let others: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code != rule.code)
            .map(|d| (d.code, d.message.en.clone()))
            .collect();
        assert!(others.is_empty(), "{path} also triggers {others:?}");
        let mut text = report::human::render(&checked, Lang::En, false);
        text.push_str("\n--- tiếng Việt ---\n");
        text.push_str(&report::human::render(&checked, Lang::Vi, false));
        settings().bind(|| insta::assert_snapshot!(format!("rule_{}", rule.code), text));
    }
}

#[test]
fn clean_fixture_has_no_findings() {
    let checked = check_fixture("tests/fixtures/clean.tthc");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.catalogue.procedures.len(), 1);
}

#[test]
fn severities_match_the_registry() {
    for rule in rules::ALL {
        let checked = check_fixture(&format!("tests/fixtures/rules/{}.tthc", rule.code));
        for d in checked.diagnostics.iter().filter(|d| d.code == rule.code) {
            assert_eq!(d.severity, rule.severity, "{}", rule.code);
        }
    }
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
