//! `tthc check --format sarif`: a SARIF 2.1.0 log that the official schema accepts, with
//! every rule described and each finding at its place, columns in characters.

mod common;

use serde_json::Value;
use std::path::Path;

/// The SARIF 2.1.0 schema (2.1.0-rtm.5, the schema of the OASIS standard), vendored
/// from the npm package `@microsoft/jest-sarif` 1.0.0-beta.0 (MIT); see
/// tests/schemas/README.md.
const SCHEMA: &str = "tests/schemas/sarif-2.1.0-rtm.5.json";

fn sarif_in(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = common::tthc_in(dir, &all);
    let text = String::from_utf8(o.stdout).unwrap();
    let log = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (o.status.code(), log)
}

/// The printed pattern of `language` (in `run` and in `toolComponent`) has a stray `]`
/// (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that JavaScript reads as a literal but
/// Rust's regex engines reject, so the schema would not compile; the evident intent
/// (a two-letter language, optionally `-` and a two-letter region) is put in its place.
/// Nothing else of the vendored file is changed.
const LANGUAGE_AS_PRINTED: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const LANGUAGE_INTENDED: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

fn assert_valid(log: &Value) {
    let errors = schema_errors(log);
    assert!(errors.is_empty(), "{errors:#?}");
}

fn schema_errors(log: &Value) -> Vec<String> {
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap();
    for owner in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(pattern, LANGUAGE_AS_PRINTED, "the vendored schema changed");
        *pattern = LANGUAGE_INTENDED.into();
    }
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_misspelt_role_is_one_result_at_its_place_in_characters() {
    // Line 20 of the fixture is `  step approve "Phê duyệt" by leder 0,5 day`: `leder`
    // begins after 30 characters (34 bytes, since ê and ệ take two and three).
    let (code, log) = sarif_in(
        here(),
        &["--at", "2024-06-01", "tests/fixtures/rules/TTHC006.tthc"],
    );
    assert_eq!(
        code,
        Some(1),
        "errors found exit 1, as with the other formats"
    );
    assert_valid(&log);
    assert_eq!(log["version"], "2.1.0");
    // The schema does judge: a level SARIF does not define is refused.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&wrong).is_empty());
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let r = &results[0];
    assert_eq!(r["ruleId"], "TTHC006");
    assert_eq!(r["level"], "error");
    assert!(r["message"]["text"].as_str().unwrap().contains("leder"));
    let loc = &r["locations"][0]["physicalLocation"];
    // A file that declares its own roles is checked on its own: its path is kept as
    // given, relative to the working folder.
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "tests/fixtures/rules/TTHC006.tthc"
    );
    let region = &loc["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (&20.into(), &31.into(), &20.into(), &36.into())
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    // The result points at its rule in the driver's list.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "TTHC006");
}

#[test]
fn the_driver_describes_every_rule_with_help() {
    let (code, log) = sarif_in(here(), &["--at", "2025-06-30"]);
    assert_eq!(code, Some(0));
    assert_valid(&log);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "tthc");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let registry: Vec<&str> = tthc::check::rules::ALL.iter().map(|r| r.code).collect();
    assert_eq!(ids, registry);
    for rule in driver["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty(),
            "{id}"
        );
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(help.lines().count() > 3, "{id}: {help}");
        assert!(
            ["error", "warning"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn locations_in_a_catalogue_are_relative_to_its_folder() {
    let dir = std::env::temp_dir().join(format!("tthc-sarif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&here().join("procedures"), &dir.join("procedures"));
    let file = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc";
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    assert!(text.contains("by commune-leader 0,5 day"));
    std::fs::write(
        dir.join(file),
        text.replace("by commune-leader 0,5 day", "by commune-leadr 0,5 day"),
    )
    .unwrap();

    let (code, log) = sarif_in(&dir, &["--lang", "vi", "--at", "2025-06-30", "procedures"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, Some(1));
    assert_valid(&log);
    let run = &log["runs"][0];
    assert_eq!(run["language"], "vi");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let artifact = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        artifact["uri"],
        "1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc"
    );
    assert_eq!(artifact["uriBaseId"], "CATALOGUE");
    let base = run["originalUriBaseIds"]["CATALOGUE"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with("/procedures/"),
        "{base}"
    );
}
