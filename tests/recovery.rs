//! Every error in a file (issue 12, item 1): the parser reads on after a mistake, each
//! independent mistake is reported once, the other rules still run where that gives no
//! false alarm, and the hints people trip on name what to write.

mod common;

use tthc::check::{self, CheckOptions, Input};

const HEAD: &str = include_str!("fixtures/clean.tthc");

fn check_text(text: &str) -> check::Checked {
    check::check(
        vec![Input {
            path: "p.tthc".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        &CheckOptions::default(),
    )
}

/// The declarations of the clean fixture (roles, authorities, decision), without its procedure.
fn declarations() -> &'static str {
    &HEAD[..HEAD.find("procedure p {").unwrap()]
}

const THREE_MISTAKES: &str = r#"procedure q {
  nme "Thủ tục có ba lỗi"
  authority commune
  source "1/QĐ-UBND" item B.1
  total 3 days
  step receive "Tiếp nhận" by desk 1 day
  step appraise "Thẩm định" by Lãnh đạo UBND cấp xã 2 days
}

procedure r {
  name "Thủ tục đúng cú pháp"
  authority commune
  source "1/QĐ-UBND" item "B.2"
  total 1 day
  step receive "Tiếp nhận" by dsk 1 day
}
"#;

#[test]
fn three_independent_mistakes_give_three_errors_and_the_rest_is_still_checked() {
    let text = format!("{}{THREE_MISTAKES}", declarations());
    let checked = check_text(&text);
    let found: Vec<(&str, String, String)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.en.clone(), d.help.en.clone()))
        .collect();
    assert_eq!(checked.diagnostics.len(), 4, "{found:#?}");
    let syntax: Vec<_> = found.iter().filter(|d| d.0 == "TTHC001").collect();
    assert_eq!(syntax.len(), 3, "{found:#?}");
    assert!(
        syntax[0].1.contains("found `nme`") && syntax[0].2 == "did you mean `name`?",
        "{:?}",
        syntax[0]
    );
    assert_eq!(
        syntax[1].2,
        "text values are written in double quotes: `\"B.1\"`"
    );
    assert_eq!(
        syntax[2].2,
        "write the role's id, not its title: `leader` for \"Lãnh đạo UBND cấp xã\""
    );
    // Procedure q lost three statements to the mistakes: nothing else is said about it
    // (no "missing name", no "steps do not add up"). Procedure r parsed: its misspelt
    // role is still found.
    let model: Vec<_> = found.iter().filter(|d| d.0 != "TTHC001").collect();
    assert_eq!(model.len(), 1, "{found:#?}");
    assert_eq!(model[0].0, "TTHC006");
    assert!(model[0].1.contains("dsk"), "{:?}", model[0]);
}

#[test]
fn columns_count_characters_on_vietnamese_lines_in_every_report() {
    let text = format!("{}{THREE_MISTAKES}", declarations());
    let checked = check_text(&text);
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.help.en.contains("`leader`"))
        .unwrap();
    let file = &checked.files[d.loc.file];
    // `  step appraise "Thẩm định" by ` is 31 characters (and 35 bytes): the title starts at 32.
    let (line, column) = file.line_col(d.loc.span.start);
    assert_eq!(column, 32);
    let json: serde_json::Value = serde_json::from_str(&tthc::report::json::render(
        &checked,
        tthc::diagnostic::Lang::En,
    ))
    .unwrap();
    let entry = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["help"].as_str().unwrap().contains("`leader`"))
        .unwrap();
    assert_eq!(
        (entry["line"].as_u64(), entry["column"].as_u64()),
        (Some(line as u64), Some(32))
    );
    let human = tthc_cli::cli::human::render(&checked, tthc::diagnostic::Lang::En, false);
    assert!(human.contains(&format!("p.tthc:{line}:32]")), "{human}");
}

#[test]
fn a_broken_block_header_sets_the_block_aside_and_the_file_reads_on() {
    let text = format!(
        "{}procedur q {{\n  name \"Thủ tục\"\n  total 3 dayz\n}}\n\n{}",
        declarations(),
        &HEAD[HEAD.find("procedure p {").unwrap()..]
    );
    let checked = check_text(&text);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    // One mistake (the keyword): the block it opens is set aside, so `3 dayz` inside it
    // is not reported as a second, follow-on error; procedure p after it is read and clean.
    assert_eq!(codes, ["TTHC001"], "{:#?}", checked.diagnostics);
    assert_eq!(checked.diagnostics[0].help.en, "did you mean `procedure`?");
    assert_eq!(checked.catalogue.procedures.len(), 1);
}

#[test]
fn an_authority_written_as_its_title_gets_the_id() {
    let text = format!(
        "{}{}",
        declarations(),
        &HEAD[HEAD.find("procedure p {").unwrap()..]
    )
    .replace(
        "  authority commune\n  source",
        "  authority UBND cấp xã\n  source",
    );
    let checked = check_text(&text);
    let d = &checked.diagnostics[0];
    assert_eq!(d.code, "TTHC001");
    assert_eq!(
        d.help.en,
        "write the authority's id, not its title: `commune` for \"UBND cấp xã\""
    );
    assert_eq!(
        d.help.vi,
        "viết mã cấp thẩm quyền, không viết tên: `commune` cho \"UBND cấp xã\""
    );
}

/// A misspelt keyword at the start of a line is the mistake: the error points at it
/// (its line and column), not at the end of the complete line before; a missing unit is
/// still pointed at where the number is.
#[test]
fn a_misspelt_keyword_at_a_line_start_is_pointed_at_itself() {
    let text = format!(
        "{}procedure q {{\n  name \"Q\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.1\"\n  total 3 days\n  step receive \"Tiếp nhận\" by desk 1 day\n  stpe appraise \"Thẩm định\" by desk 2 days\n}}\n",
        declarations()
    );
    let checked = check_text(&text);
    let d = &checked.diagnostics[0];
    assert_eq!(d.code, "TTHC001");
    let line = 1 + text.lines().position(|l| l.starts_with("  stpe")).unwrap();
    let file = &checked.files[0];
    assert_eq!(file.line_col(d.loc.span.start), (line, 3));
    assert_eq!(file.slice(d.loc.span), "stpe");
    assert_eq!(d.help.en, "did you mean `step`?");
    // A number without its unit at a line's end: the mistake is on that line.
    let text = text
        .replace("  stpe appraise \"Thẩm định\" by desk 2 days\n", "")
        .replace("by desk 1 day", "by desk 1");
    let checked = check_text(&text);
    let d = &checked.diagnostics[0];
    let line = 1 + text.lines().position(|l| l.contains("by desk 1")).unwrap();
    assert_eq!(
        checked.files[0].line_of(d.loc.span.start),
        line,
        "{:?}",
        d.message.en
    );
}

/// After a step with no time, a misspelt `step` on the next line would read as a case of
/// that step; it is still named as the misspelt keyword, at its place, once.
#[test]
fn a_misspelt_keyword_after_a_step_without_time_is_named_as_such() {
    let text = format!(
        "{}procedure q {{\n  name \"Q\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.1\"\n  total same day\n  step receive \"Tiếp nhận\" by desk\n  stpe appraise \"Thẩm định\" by desk\n  step approve \"Phê duyệt\" by desk\n}}\n",
        declarations()
    );
    let checked = check_text(&text);
    let syntax: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "TTHC001")
        .collect();
    assert_eq!(syntax.len(), 1, "{:#?}", checked.diagnostics);
    let d = syntax[0];
    assert_eq!(checked.files[0].slice(d.loc.span), "stpe");
    assert_eq!(d.help.en, "did you mean `step`?");
    assert!(
        d.message.en.contains("`stpe` is not a keyword"),
        "{}",
        d.message.en
    );
}

/// Issue 21, item 6: four independent mistakes of four kinds in one file (a misspelt
/// keyword, a wrong decision number, steps that do not add up, a misspelt role) are four
/// findings, each at its place; none hides another. The command line's JSON says the same.
#[test]
fn four_mistakes_of_four_kinds_are_four_findings() {
    let (broken, expected) = common::b16_with_four_mistakes();
    let inputs: Vec<Input> = common::catalogue_files()
        .into_iter()
        .map(|(path, text)| {
            let text = if path == common::B16_FILE {
                broken.clone()
            } else {
                text
            };
            Input {
                path,
                bytes: text.into_bytes(),
            }
        })
        .collect();
    let checked = check::check(inputs, &CheckOptions::default());
    let file = checked
        .files
        .iter()
        .position(|f| f.path == common::B16_FILE)
        .unwrap();
    let found: Vec<(&str, usize, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let f = &checked.files[d.loc.file];
            (d.code, f.line_of(d.loc.span.start), f.slice(d.loc.span))
        })
        .collect();
    assert!(checked.diagnostics.iter().all(|d| d.loc.file == file));
    let mut want = expected.clone();
    want.sort_by_key(|(_, line, _)| *line);
    let mut got: Vec<(&str, usize)> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
    got.sort_by_key(|(_, l)| *l);
    assert_eq!(
        got,
        want.iter().map(|(c, l, _)| (*c, *l)).collect::<Vec<_>>(),
        "{found:#?}"
    );
    for (code, _, word) in &expected {
        assert!(
            found.iter().any(|(c, _, w)| c == code && w.contains(word)),
            "{code} at `{word}`: {found:#?}"
        );
    }
    // The command line, on a working copy, in JSON.
    let dir = std::env::temp_dir().join(format!("tthc-recovery-four-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(std::path::Path::new("procedures"), &dir.join("procedures"));
    std::fs::write(dir.join(common::B16_FILE), &broken).unwrap();
    let o = common::tthc_in(&dir, &["check", common::B16_FILE, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = want
        .iter()
        .map(|(c, l, _)| (c.to_string(), *l as u64))
        .collect();
    assert_eq!(lines, want, "{v:#}");
    let _ = std::fs::remove_dir_all(&dir);
}
