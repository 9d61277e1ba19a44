//! Decisions amend decisions (issue 11, item 1): a later decision's own folder adds a
//! version of an existing procedure and says what it replaces or repeals; nobody edits
//! the earlier decision's files.

mod common;

use std::path::{Path, PathBuf};

use common::tthc_in;

fn json_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = tthc_in(dir, args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-amend-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const A1: &str = "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai";

/// The catalogue as Decision 1086/QĐ-UBND of 2024 left it (its roles, its root marker and
/// its folder), copied into `dir/procedures`: what these tests amend, whatever later
/// decisions `procedures/` holds by now.
fn catalogue_of_2024(dir: &Path) {
    let to = dir.join("procedures");
    common::copy_dir(
        Path::new("procedures/1086-QD-UBND"),
        &to.join("1086-QD-UBND"),
    );
    for f in ["roles.tthc", "catalogue.tthc"] {
        std::fs::copy(Path::new("procedures").join(f), to.join(f)).unwrap();
    }
}

#[test]
fn a_2025_decision_moves_a1_to_commune_level_without_touching_the_2024_files() {
    let dir = temp_dir("a1");
    catalogue_of_2024(&dir);
    let before: Vec<(String, String)> = common::catalogue_files()
        .into_iter()
        .filter(|(p, _)| !p.contains("QD-UBND") || p.contains("1086-QD-UBND"))
        .collect();
    common::copy_dir(
        Path::new("tests/fixtures/amend/2000-QD-UBND"),
        &dir.join("procedures/2000-QD-UBND"),
    );
    // The whole catalogue checks clean on a 2026 date but for the 14 district items
    // that are still lapsed; A.1 is in force again.
    let v = json_in(&dir, &["check", "--at", "2026-01-05", "--format", "json"]);
    assert_eq!(v["errors"], 0, "{v:#}");
    let warned: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(warned.len(), 14, "{warned:#?}");
    assert!(warned.iter().all(|m| !m.contains(&format!("`{A1}`"))));
    // A.1 for a 2026 receipt: same day, received Mon 05/01/2026 10:00 before the 15:00
    // cutoff, so due at the close of that day, 17:00, under the 2025 version at commune level.
    let due = json_in(
        &dir,
        &["due", A1, "--received", "2026-01-05 10:00", "--json"],
    );
    assert_eq!(due["due_at"], "2026-01-05T17:00:00+07:00", "{due:#}");
    assert_eq!(
        due["version"]["source"]["decision"], "2000/QĐ-UBND",
        "{due:#}"
    );
    assert_eq!(due["version"]["authority"]["id"], "commune", "{due:#}");
    // On 30/06/2025 the 2024 district version still applies.
    let due = json_in(
        &dir,
        &["due", A1, "--received", "2025-06-30 10:00", "--json"],
    );
    assert_eq!(
        due["version"]["source"]["decision"], "1086/QĐ-UBND",
        "{due:#}"
    );
    // diff shows the change for the pull request.
    let d = json_in(
        &dir,
        &[
            "diff",
            "--at",
            "2025-06-30",
            "--at",
            "2025-07-01",
            "--format",
            "json",
        ],
    );
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{d:#}");
    assert_eq!(changed[0]["after"]["id"], A1);
    let authority = changed[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["what"] == "authority")
        .unwrap();
    assert_eq!(
        (authority["before"].as_str(), authority["after"].as_str()),
        (Some("district"), Some("commune"))
    );
    // The 2024 files are byte for byte what they were.
    for (path, text) in before {
        assert_eq!(
            std::fs::read_to_string(dir.join(&path)).unwrap(),
            text,
            "{path}"
        );
    }
}

/// Three decisions over time in three files: 1 publishes B.1, 2 replaces it with a
/// shorter time from 01/07/2025, 3 repeals it from 01/01/2026.
fn history(dir: &Path, replaced_item: &str) {
    let preamble = "authority commune \"UBND cấp xã\"\nrole desk \"Bộ phận một cửa cấp xã\" authority commune\n";
    std::fs::write(dir.join("roles.tthc"), preamble).unwrap();
    std::fs::write(
        dir.join("d1.tthc"),
        "decision \"1/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"UBND tỉnh\"\n}\n\n\
         procedure p {\n  name \"Thủ tục thử\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.1\"\n  total 3 days\n  step receive \"Tiếp nhận\" by desk 3 days\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("d2.tthc"),
        format!("decision \"2/QĐ-UBND\" {{\n  signed 2025-06-20\n  effective 2025-07-01\n  issuer \"UBND tỉnh\"\n  replaces \"1/QĐ-UBND\" item \"{replaced_item}\"\n}}\n\n\
         procedure p {{\n  version 2025 {{\n    authority commune\n    source \"2/QĐ-UBND\" item \"1\"\n    total 2 days\n    step receive \"Tiếp nhận\" by desk 2 days\n  }}\n}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("d3.tthc"),
        "decision \"3/QĐ-UBND\" {\n  signed 2025-12-20\n  effective 2026-01-01\n  issuer \"UBND tỉnh\"\n  repeals \"2/QĐ-UBND\" item \"1\"\n}\n",
    )
    .unwrap();
}

#[test]
fn a_replaced_version_ends_the_day_before_and_a_repealed_one_is_not_a_lapse() {
    let dir = temp_dir("history");
    history(&dir, "B.1");
    let list = |at: &str| json_in(&dir, &["list", ".", "--at", at, "--format", "json"]);
    // 30/06/2025: decision 1's version, which no file ends: decision 2 ends it.
    assert_eq!(list("2025-06-30")["procedures"][0]["decision"], "1/QĐ-UBND");
    assert_eq!(
        list("2025-06-30")["procedures"][0]["valid_until"],
        "2025-06-30"
    );
    assert_eq!(list("2025-07-01")["procedures"][0]["decision"], "2/QĐ-UBND");
    assert_eq!(list("2025-07-01")["procedures"][0]["total"], "2 days");
    // From 2026 nothing is in force, on purpose: no warning, no gap.
    assert_eq!(
        list("2026-06-01")["procedures"].as_array().unwrap().len(),
        0
    );
    let v = json_in(
        &dir,
        &["check", ".", "--at", "2026-06-01", "--format", "json"],
    );
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
    // Formatting keeps the new statements as written.
    let o = tthc_in(&dir, &["fmt", "--check", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn replacing_an_item_that_does_not_exist_is_an_error_with_a_suggestion() {
    let dir = temp_dir("typo");
    history(&dir, "B.11");
    let v = json_in(
        &dir,
        &["check", ".", "--at", "2025-06-01", "--format", "json"],
    );
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "TTHC036")
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(d["file"], "d2.tthc");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("item `B.11` of decision 1/QĐ-UBND"),
        "{d}"
    );
    assert_eq!(d["help"], "did you mean `B.1`?");
}

#[test]
fn a_part_as_printed_is_recorded_for_an_old_decision_and_refused_for_one_in_the_catalogue() {
    let dir = temp_dir("part");
    history(&dir, "B.1");
    // Decision 2 now replaces "a part" of decision 1 (which the catalogue holds: which
    // versions would end?) and a part of 766/QĐ-UBND (which it does not: recorded).
    let d2 = std::fs::read_to_string(dir.join("d2.tthc"))
        .unwrap()
        .replace(
            "replaces \"1/QĐ-UBND\" item \"B.1\"",
            "replaces \"1/QĐ-UBND\" part \"Mục I Phần B\", \"766/QĐ-UBND\" part \"Mục II Phần B\"",
        );
    std::fs::write(dir.join("d2.tthc"), d2).unwrap();
    let v = json_in(
        &dir,
        &["check", ".", "--at", "2025-06-01", "--format", "json"],
    );
    let found: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TTHC036")
        .collect();
    assert_eq!(found.len(), 1, "{v:#}");
    let d = found[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("decision 1/QĐ-UBND is in the catalogue, so a part written as text"),
        "{d}"
    );
    assert!(d["help"].as_str().unwrap().contains("`B.1`"), "{d}");
    assert_eq!(d["line"], 5, "{d}");
}

/// A decision's appendix column titles and part headings (for the review tables): six
/// titles, one heading per part; a mistake in either is reported at its line.
#[test]
fn column_titles_are_six_and_a_part_has_one_heading() {
    let dir = temp_dir("columns");
    std::fs::create_dir_all(dir.join("procedures")).unwrap();
    std::fs::write(
        dir.join("procedures/decision.tthc"),
        "decision \"7/QĐ-UBND\" {\n  signed 2024-01-02\n  effective 2024-01-02\n  issuer \"UBND tỉnh\"\n  \
         cột \"STT\", \"CÁC BƯỚC\", \"NỘI DUNG\", \"BỘ PHẬN\", \"THỜI GIAN\"\n  \
         đề mục \"A\" \"TTHC CẤP XÃ\"\n  heading \"A\" \"TTHC CẤP XÃ (1 TTHC)\"\n}\n",
    )
    .unwrap();
    let v = json_in(&dir, &["check", "procedures", "--format", "json"]);
    let found: Vec<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("TTHC002", 5));
    assert!(found[0].2.contains("5 column titles"), "{}", found[0].2);
    assert_eq!((found[1].0.as_str(), found[1].1), ("TTHC023", 7));
}

/// Each role of `by a / b` must be declared; a misspelt second one gets its suggestion.
#[test]
fn every_role_of_a_step_with_several_performers_is_checked() {
    let dir = temp_dir("performers");
    catalogue_of_2024(&dir);
    let file = dir.join("procedures/1086-QD-UBND/a02-dang-ky-ket-hon-co-yeu-to-nuoc-ngoai.tthc");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace("/ postal-worker", "/ postal-workr");
    std::fs::write(&file, text).unwrap();
    let v = json_in(
        &dir,
        &[
            "check",
            "procedures",
            "--at",
            "2025-01-01",
            "--format",
            "json",
        ],
    );
    let d = &v["diagnostics"][0];
    assert_eq!(v["errors"], 1, "{v:#}");
    assert_eq!(d["code"], "TTHC006");
    assert_eq!(d["help"], "did you mean `postal-worker`?");
}

/// `tthc new decision` then `tthc new version`: the new decision's folder gets a copy of
/// the version in force to edit, the 2024 files are untouched, nothing is overwritten,
/// and the checker then points at what the copy still says of the old decision.
#[test]
fn tthc_new_scaffolds_a_decision_and_a_version_copied_from_the_one_in_force() {
    let dir = temp_dir("new");
    catalogue_of_2024(&dir);
    let before = std::fs::read_to_string(
        dir.join("procedures/1086-QD-UBND/a01-dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai.tthc"),
    )
    .unwrap();
    let o = tthc_in(
        &dir,
        &[
            "new",
            "decision",
            "2000/QĐ-UBND",
            "--signed",
            "2025-06-25",
            "--effective",
            "2025-07-01",
            "--issuer",
            "Chủ tịch UBND tỉnh Quảng Ninh",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let decision = dir.join("procedures/2000-QD-UBND/decision.tthc");
    let text = std::fs::read_to_string(&decision).unwrap();
    assert!(text.contains("decision \"2000/QĐ-UBND\" {") && text.contains("effective 2025-07-01"));
    // The decision says what it replaces (the one line legal staff add by hand).
    std::fs::write(
        &decision,
        text.replace("}\n", "  replaces \"1086/QĐ-UBND\" item \"A.1\"\n}\n"),
    )
    .unwrap();
    let args = [
        "new",
        "version",
        A1,
        "--decision",
        "2000/QĐ-UBND",
        "--item",
        "1",
    ];
    let o = tthc_in(&dir, &args);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        !stdout.contains("note:"),
        "the decision replaces A.1: {stdout}"
    );
    let new = dir.join(format!("procedures/2000-QD-UBND/01-{A1}.tthc"));
    let copy = std::fs::read_to_string(&new).unwrap();
    assert!(
        copy.contains(&format!("procedure {A1} {{\n  version 2025 {{\n")),
        "{copy}"
    );
    assert!(
        copy.contains("source \"2000/QĐ-UBND\" item \"1\""),
        "{copy}"
    );
    assert!(copy.contains("step receive") && copy.contains("total same day, cutoff 15:00"));
    assert!(
        !copy.contains("until") && !copy.contains("name \""),
        "{copy}"
    );
    // The 2024 record is untouched; the copy formats clean.
    assert_eq!(
        std::fs::read_to_string(
            dir.join("procedures/1086-QD-UBND/a01-dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai.tthc")
        )
        .unwrap(),
        before
    );
    assert_eq!(
        tthc_in(&dir, &["fmt", "--check", "procedures"])
            .status
            .code(),
        Some(0)
    );
    // The copy still says district level, abolished from 2025-07-01: the checker says so
    // at the copy's line, which is what the editor changes next.
    let v = json_in(&dir, &["check", "--at", "2026-01-05", "--format", "json"]);
    let in_copy: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .ends_with(&format!("01-{A1}.tthc"))
        })
        .collect();
    assert!(
        in_copy.iter().any(|d| d["code"] == "TTHC018"),
        "{in_copy:#?}"
    );
    // Run again: the procedure has its version from that decision, the file is kept.
    let o = tthc_in(&dir, &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already has a version from 2000/QĐ-UBND"));
    assert_eq!(std::fs::read_to_string(&new).unwrap(), copy);
    // A file of that name written by someone else is never overwritten.
    let a2 = "dang-ky-ket-hon-co-yeu-to-nuoc-ngoai";
    let theirs = dir.join(format!("procedures/2000-QD-UBND/a02-{a2}.tthc"));
    std::fs::write(&theirs, "# bản nháp của tôi\n").unwrap();
    let o = tthc_in(&dir, &["new", "version", a2, "--decision", "2000/QĐ-UBND"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "# bản nháp của tôi\n"
    );
    // Without the --item it is the copied version's item, and a decision that does not
    // replace that item is told how to say it does.
    std::fs::remove_file(&theirs).unwrap();
    let o = tthc_in(&dir, &["new", "version", a2, "--decision", "2000/QĐ-UBND"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(theirs.exists());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(r#"add `replaces "1086/QĐ-UBND" item "A.2"`"#),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A decision that is not declared gets the command that declares it.
    let o = tthc_in(&dir, &["new", "version", A1, "--decision", "9/QĐ-UBND"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("tthc new decision \"9/QĐ-UBND\""));
}

/// A later decision renames a procedure, gives it a new national code and moves it to
/// another field: `name`, `code` and `field` inside the new version change them for that
/// version only; the earlier version keeps its own, and list, diff, configs, the API's
/// lookup by code and the checker all follow the version.
#[test]
fn a_version_can_change_the_name_code_and_field() {
    let dir = temp_dir("rename");
    catalogue_of_2024(&dir);
    common::copy_dir(
        Path::new("tests/fixtures/amend/2000-QD-UBND"),
        &dir.join("procedures/2000-QD-UBND"),
    );
    let file = dir.join(format!("procedures/2000-QD-UBND/a01-{A1}.tthc"));
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "    authority commune # UBND cấp xã\n",
        "    authority commune # UBND cấp xã\n    name \"Thủ tục đăng ký khai sinh có yếu tố nước ngoài (cấp xã)\"\n    code 2.000528\n    field \"Hộ tịch - Quốc tịch\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let v = json_in(&dir, &["check", "--at", "2025-06-30", "--format", "json"]);
    assert_eq!(v["errors"], 0, "{v:#}");
    let list = |date: &str| -> serde_json::Value {
        let l = json_in(&dir, &["list", "--at", date, "--format", "json"]);
        l["procedures"]
            .as_array()
            .or(l.as_array())
            .unwrap()
            .iter()
            .find(|p| p["id"] == A1)
            .cloned()
            .unwrap()
    };
    let old = list("2025-06-30");
    assert_eq!(
        old["name"],
        "Thủ tục đăng ký khai sinh có yếu tố nước ngoài"
    );
    let new = list("2025-07-01");
    assert_eq!(
        new["name"],
        "Thủ tục đăng ký khai sinh có yếu tố nước ngoài (cấp xã)"
    );
    assert_eq!(new["code"], "2.000528");
    let d = json_in(
        &dir,
        &[
            "diff",
            "--at",
            "2025-06-30",
            "--at",
            "2025-07-01",
            "--format",
            "json",
        ],
    );
    let whats: Vec<&str> = d["changed"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["what"].as_str().unwrap())
        .collect();
    for what in ["name", "code", "field", "authority"] {
        assert!(whats.contains(&what), "{what} in {whats:?}");
    }
    // The new code finds the procedure.
    let due = json_in(
        &dir,
        &[
            "due",
            "2.000528",
            "--received",
            "2026-01-05 10:00",
            "--json",
        ],
    );
    assert_eq!(due["due_at"], "2026-01-05T17:00:00+07:00", "{due:#}");
    let human = tthc_in(&dir, &["due", "2.000528", "--received", "2026-01-05 10:00"]);
    assert!(
        String::from_utf8_lossy(&human.stdout)
            .contains("Thủ tục đăng ký khai sinh có yếu tố nước ngoài (cấp xã)"),
        "{}",
        String::from_utf8_lossy(&human.stdout)
    );
    // A malformed code in a version is reported where it is written.
    let bad = std::fs::read_to_string(&file)
        .unwrap()
        .replace("2.000528", "2.0005");
    std::fs::write(&file, bad).unwrap();
    let v = json_in(&dir, &["check", "--at", "2025-06-30", "--format", "json"]);
    assert_eq!(v["diagnostics"][0]["code"], "TTHC019", "{v:#}");
    assert!(
        v["diagnostics"][0]["file"]
            .as_str()
            .unwrap()
            .contains("2000-QD-UBND")
    );
}

/// The walk of issue 21 on a copy of the bundled catalogue: the fictional decision
/// 2222/QĐ-UBND (effective 01/07/2025) moves A.1–A.3 to commune level and repeals A.15,
/// written with `tthc new decision` and `tthc new version` as the README says.
fn walk_2222(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    catalogue_of_2024(&dir);
    let o = tthc_in(
        &dir,
        &[
            "new",
            "decision",
            "2222/QĐ-UBND",
            "--signed",
            "2025-06-20",
            "--effective",
            "2025-07-01",
            "--issuer",
            "Chủ tịch UBND tỉnh Quảng Ninh",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    set_amendments(
        &dir,
        "replaces \"1086/QĐ-UBND\" item \"A.1\", \"1086/QĐ-UBND\" item \"A.2\", \"1086/QĐ-UBND\" item \"A.3\"\n  repeals \"1086/QĐ-UBND\" item \"A.15\"",
    );
    for (n, id) in [
        ("1", A1),
        ("2", "dang-ky-ket-hon-co-yeu-to-nuoc-ngoai"),
        ("3", "dang-ky-khai-tu-co-yeu-to-nuoc-ngoai"),
    ] {
        let o = tthc_in(
            &dir,
            &[
                "new",
                "version",
                id,
                "--decision",
                "2222/QĐ-UBND",
                "--item",
                n,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{o:?}");
    }
    dir
}

/// The level as the amending decision's appendix prints it, in place of the words the
/// copy kept from Decision 1086 (what TTHC041 asks for once the level changes).
const PRINTED_LEVELS: (&str, &str) = ("printed \"UBND cấp huyện\"", "printed \"UBND cấp xã\"");

/// Brings the copies of 2222/QĐ-UBND's versions to commune level, roles and printed level
/// included: what the checker's hints lead to (see the test of item 1).
fn bring_to_commune_level(dir: &Path) {
    for entry in std::fs::read_dir(dir.join("procedures/2222-QD-UBND")).unwrap() {
        let file = entry.unwrap().path();
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("authority district", "authority commune")
            .replace(PRINTED_LEVELS.0, PRINTED_LEVELS.1)
            .replace(
                "district-justice-officer-at-centre",
                "commune-civil-status-at-desk",
            )
            .replace("district-justice-officer", "commune-civil-status")
            .replace("district-leader", "commune-leader")
            .replace("district-centre-desk", "commune-civil-status-at-desk");
        std::fs::write(&file, text).unwrap();
    }
}

/// Writes the amendments of 2222/QĐ-UBND's declaration (the lines after `issuer`).
fn set_amendments(dir: &Path, lines: &str) {
    let file = dir.join("procedures/2222-QD-UBND/decision.tthc");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("  issuer").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    let close = text.rfind('}').unwrap();
    let text = format!("{}  {lines}\n{}", &text[..end], &text[close..]);
    std::fs::write(&file, text).unwrap();
}

/// The findings of `tthc check --at 2026-01-05` other than the lapse warnings, as
/// (code, file name, message, help).
fn findings(dir: &Path) -> Vec<(String, String, String, String)> {
    let v = json_in(dir, &["check", "--at", "2026-01-05", "--format", "json"]);
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] != "TTHC034")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            let file = s("file");
            (
                s("code"),
                file.rsplit('/').next().unwrap().to_string(),
                s("message"),
                s("help"),
            )
        })
        .collect()
}

/// Issue 21, item 1: a version copied from a district version starts on 01/07/2025, when
/// the district level no longer exists. The fix proposed is its authority (and its
/// roles), never an `until` before it starts; following it checks clean.
#[test]
fn a_new_version_copied_from_a_district_one_is_told_to_name_the_level_that_took_over() {
    let dir = walk_2222("item1");
    let found = findings(&dir);
    let abolished: Vec<_> = found.iter().filter(|f| f.0 == "TTHC018").collect();
    assert_eq!(abolished.len(), 3, "{found:#?}");
    for (_, file, message, help) in &abolished {
        assert!(file.starts_with("0"), "{file}");
        assert!(
            message.contains("this version starts on 2025-07-01"),
            "{message}"
        );
        assert!(help.contains("`authority commune`"), "{help}");
        assert!(!help.contains("until"), "{help}");
    }
    // Following the hint: the level, then the roles the checker names (TTHC037).
    for n in ["01", "02", "03"] {
        let file = std::fs::read_dir(dir.join("procedures/2222-QD-UBND"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(n))
            .unwrap();
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("authority district", "authority commune");
        std::fs::write(&file, text).unwrap();
    }
    // The copy still quotes Decision 1086's level: TTHC041 says so, once per version.
    let found = findings(&dir);
    let printed: Vec<_> = found.iter().filter(|f| f.0 == "TTHC041").collect();
    assert_eq!(printed.len(), 3, "{found:#?}");
    assert!(
        printed
            .iter()
            .all(|f| f.2.contains("\"UBND cấp huyện\"") && f.2.contains("`commune`")),
        "{printed:#?}"
    );
    for (_, file, ..) in &printed {
        let file = dir.join("procedures/2222-QD-UBND").join(file);
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace(PRINTED_LEVELS.0, PRINTED_LEVELS.1);
        std::fs::write(&file, text).unwrap();
    }
    let found = findings(&dir);
    assert!(found.iter().all(|f| f.0 == "TTHC037"), "{found:#?}");
    assert_eq!(found.len(), 12, "{found:#?}");
    let leader = found
        .iter()
        .find(|f| f.2.starts_with("`district-leader`"))
        .unwrap();
    assert!(leader.3.contains("`commune-leader`"), "{leader:?}");
    bring_to_commune_level(&dir);
    assert_eq!(findings(&dir), vec![]);
}

/// Issue 21, item 3: a commune-level version whose steps are performed by district
/// roles is an error, so that it neither builds nor serves.
#[test]
fn a_commune_version_performed_by_district_roles_is_an_error() {
    let dir = walk_2222("item3");
    for entry in std::fs::read_dir(dir.join("procedures/2222-QD-UBND")).unwrap() {
        let file = entry.unwrap().path();
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("authority district", "authority commune")
            .replace(PRINTED_LEVELS.0, PRINTED_LEVELS.1);
        std::fs::write(&file, text).unwrap();
    }
    let found = findings(&dir);
    assert_eq!(found.len(), 12, "{found:#?}");
    assert!(found.iter().all(|f| f.0 == "TTHC037"), "{found:#?}");
    assert!(
        found.iter().all(
            |f| f.2.contains("abolished on 1 Jul 2025") && f.2.contains("decided at `commune`")
        ),
        "{found:#?}"
    );
    let o = tthc_in(&dir, &["build", "--out", "build"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
}

/// Issue 21, item 2: a later decision's version of B.1 overlaps the 2024 one when the
/// decision does not say it replaces B.1. The hint is the `replaces` line in the new
/// decision, not an `until` in the signed 1086 record; `tthc explain` teaches the same.
#[test]
fn an_overlap_with_an_earlier_decision_is_fixed_by_saying_what_the_new_one_replaces() {
    let dir = walk_2222("item2");
    let o = tthc_in(
        &dir,
        &[
            "new",
            "version",
            "dang-ky-khai-sinh",
            "--decision",
            "2222/QĐ-UBND",
            "--item",
            "4",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let found = findings(&dir);
    let overlap = found
        .iter()
        .find(|f| f.0 == "TTHC017")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(overlap.1, "04-dang-ky-khai-sinh.tthc");
    assert!(
        overlap
            .3
            .contains(r#"`replaces "1086/QĐ-UBND" item "B.1"`"#),
        "{overlap:?}"
    );
    assert!(!overlap.3.contains("`until`"), "{overlap:?}");
    let explain =
        String::from_utf8_lossy(&tthc_in(&dir, &["explain", "TTHC017"]).stdout).into_owned();
    let fixed = &explain[explain.find("Fixed:").unwrap()..];
    assert!(
        fixed.contains(r#"replaces "1086/QĐ-UBND" item "B.1""#),
        "{explain}"
    );
    assert!(!fixed.contains("until"), "{explain}");
    // Saying it in the new decision, the record untouched, is the whole fix.
    set_amendments(
        &dir,
        "replaces \"1086/QĐ-UBND\" item \"A.1\", \"1086/QĐ-UBND\" item \"A.2\", \"1086/QĐ-UBND\" item \"A.3\", \"1086/QĐ-UBND\" item \"B.1\"\n  repeals \"1086/QĐ-UBND\" item \"A.15\"",
    );
    assert!(findings(&dir).iter().all(|f| f.0 != "TTHC017"));
}

/// Issue 21, item 4: a decision number typed with D for Đ (or in another case) is the
/// same decision, so the repeal of A.15 takes effect; no hint leads to dropping an
/// amendment; an item named twice, or replaced and repealed, is an error; a suggestion
/// never names an item the decision already replaced.
#[test]
fn amendments_match_numbers_as_folders_do_and_none_is_dropped_silently() {
    let dir = walk_2222("item4");
    bring_to_commune_level(&dir);
    let replaces = "replaces \"1086/QĐ-UBND\" item \"A.1\", \"1086/QĐ-UBND\" item \"A.2\", \"1086/QĐ-UBND\" item \"A.3\"";
    set_amendments(
        &dir,
        &format!("{replaces}\n  repeals \"1086/QD-UBND\" item \"A.15\""),
    );
    let v = json_in(&dir, &["check", "--at", "2026-01-05", "--format", "json"]);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "TTHC036"),
        "{v:#}"
    );
    // A.15 is repealed, not lapsed: no warning for it; the other 11 district items lapse.
    let lapsed: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TTHC034")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(lapsed.len(), 11, "{lapsed:#?}");
    assert!(
        lapsed.iter().all(|m| !m.contains("lai-khai-tu-co-yeu-to")),
        "{lapsed:#?}"
    );
    let l = json_in(&dir, &["list", "--at", "2025-06-30", "--format", "json"]);
    let a15 = l["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["item"] == "A.15")
        .unwrap();
    assert_eq!(a15["decision"], "1086/QĐ-UBND");
    // A misspelt item ("A.1S" is one edit from A.1 and from A.10–A.15): the suggestion is
    // never A.1, A.2 or A.3, which this decision already replaces.
    set_amendments(
        &dir,
        &format!("{replaces}\n  repeals \"1086/QĐ-UBND\" item \"A.1S\""),
    );
    let found = findings(&dir);
    let d = found
        .iter()
        .find(|f| f.0 == "TTHC036")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(d.3.starts_with("did you mean `A.1"), "{d:?}");
    for taken in ["A.1", "A.2", "A.3"] {
        assert_ne!(d.3, format!("did you mean `{taken}`?"), "{d:?}");
    }
    // A number the catalogue does not hold: the help never says to name the whole decision.
    set_amendments(
        &dir,
        &format!("{replaces}\n  repeals \"1068/QĐ-UBND\" item \"A.15\""),
    );
    let found = findings(&dir);
    let d = found
        .iter()
        .find(|f| f.0 == "TTHC036")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(d.3, "did you mean \"1086/QĐ-UBND\"?", "{d:?}");
    set_amendments(
        &dir,
        &format!("{replaces}\n  repeals \"999/QĐ-UBND\" item \"A.15\""),
    );
    let found = findings(&dir);
    let d = found
        .iter()
        .find(|f| f.0 == "TTHC036")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(!d.3.contains("whole decision"), "{d:?}");
    assert!(
        d.3.contains("part \\\"…\\\"") || d.3.contains("part \"…\""),
        "{d:?}"
    );
    // Replaced and repealed; replaced twice (once as D for Đ).
    set_amendments(
        &dir,
        &format!(
            "{replaces}\n  repeals \"1086/QĐ-UBND\" item \"A.3\", \"1086/QĐ-UBND\" item \"A.15\""
        ),
    );
    let found = findings(&dir);
    let twice: Vec<_> = found.iter().filter(|f| f.0 == "TTHC038").collect();
    assert_eq!(twice.len(), 1, "{found:#?}");
    assert!(
        twice[0].2 == "this decision both replaces and repeals item `A.3` of decision 1086/QĐ-UBND",
        "{twice:?}"
    );
    set_amendments(
        &dir,
        &format!(
            "{replaces}, \"1086/QD-UBND\" item \"A.2\"\n  repeals \"1086/QĐ-UBND\" item \"A.15\""
        ),
    );
    let found = findings(&dir);
    let twice: Vec<_> = found.iter().filter(|f| f.0 == "TTHC038").collect();
    assert_eq!(twice.len(), 1, "{found:#?}");
    assert_eq!(
        twice[0].2,
        "this decision replaces item `A.2` of decision 1086/QĐ-UBND twice"
    );
}
