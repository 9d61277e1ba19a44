//! Text as people actually type and save it (issue 9, items 4–7): decomposed
//! Vietnamese from Unikey's "Unicode tổ hợp", CRLF line endings and a byte-order mark
//! from Windows editors, what Word pastes, characters that must never be in a file,
//! and names that would break the BPMN and Markdown the build writes.

mod common;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tthc::check::{self, CheckOptions, Input};
use unicode_normalization::UnicodeNormalization;

fn tthc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs tthc")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-text-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A copy of the bundled catalogue with every `.tthc` file rewritten by `change`.
fn converted_catalogue(name: &str, change: impl Fn(&str) -> String) -> PathBuf {
    let dir = temp_dir(name);
    let procedures = dir.join("procedures");
    common::copy_dir(Path::new("procedures"), &procedures);
    for (path, text) in common::catalogue_files() {
        let rel = Path::new(&path).strip_prefix("procedures").unwrap();
        std::fs::write(procedures.join(rel), change(&text)).unwrap();
    }
    dir
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

fn json_check(dir: &Path, path: &str) -> (Option<i32>, serde_json::Value) {
    let o = tthc(dir, &["check", path, "--format", "json"]);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    (o.status.code(), v)
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_catalogue_in_nfd_with_crlf_checks_clean_and_keeps_its_version() {
    let originals = common::catalogue_files();
    // The conversion really changes the files (Vietnamese letters decompose).
    assert!(originals.iter().any(|(_, t)| nfd(t) != *t));
    let dir = converted_catalogue("nfd-crlf", |t| crlf(&nfd(t)));
    let (code, v) = json_check(&dir, "procedures");
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["errors"], 0, "{v}");
    // The same catalogue, as far as anyone serving it is concerned.
    let original =
        tthc::sources::content_version(originals.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    let converted: Vec<(String, String)> = originals
        .iter()
        .map(|(p, t)| (p.clone(), crlf(&nfd(t))))
        .collect();
    let converted =
        tthc::sources::content_version(converted.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    assert_eq!(original, converted);
}

#[test]
fn a_catalogue_with_crlf_alone_passes_fmt_check() {
    let dir = converted_catalogue("crlf", crlf);
    let o = tthc(&dir, &["fmt", "--check", "procedures"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn fmt_writes_nfc_and_keeps_crlf_and_the_byte_order_mark() {
    let dir = temp_dir("fmt-nfd");
    let original = "role commune-leader \"Lãnh đạo UBND cấp xã\" authority commune # người ký\n\
                    authority commune \"UBND cấp xã\"\n";
    let file = dir.join("roles.tthc");
    std::fs::write(&file, format!("\u{feff}{}", crlf(&nfd(original)))).unwrap();
    // --check says what would change, in words, since the letters look the same.
    let o = tthc(&dir, &["fmt", "--check", "roles.tthc"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("roles.tthc") && out.contains("NFC"), "{out}");
    let o = tthc(&dir, &["fmt", "roles.tthc"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("\u{feff}{}", crlf(original))
    );
    assert_eq!(
        tthc(&dir, &["fmt", "--check", "roles.tthc"]).status.code(),
        Some(0)
    );
}

#[test]
fn fmt_check_prints_a_unified_diff() {
    let dir = temp_dir("fmt-diff");
    std::fs::write(
        dir.join("roles.tthc"),
        "authority commune \"UBND cấp xã\"\nrole   leader \"Lãnh đạo\"   authority commune\n",
    )
    .unwrap();
    let o = tthc(&dir, &["fmt", "--check", "roles.tthc"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("--- roles.tthc\n+++ roles.tthc (formatted)\n"),
        "{out}"
    );
    assert!(out.contains("@@ -1,2 +1,2 @@"), "{out}");
    assert!(
        out.contains("\n-role   leader \"Lãnh đạo\"   authority commune\n"),
        "{out}"
    );
    assert!(
        out.contains("\n+role leader \"Lãnh đạo\" authority commune\n"),
        "{out}"
    );
    assert!(
        out.contains("\n authority commune \"UBND cấp xã\"\n"),
        "{out}"
    );
}

fn check_text(text: &str) -> check::Checked {
    check::check(
        vec![Input {
            path: "p.tthc".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        &CheckOptions::default(),
    )
}

const CLEAN: &str = include_str!("fixtures/clean.tthc");

#[test]
fn decomposed_keywords_are_read_as_typed() {
    // `ngày` typed with Unikey's "Unicode tổ hợp" is `nga` + U+0300 + `y`.
    let text = CLEAN.replace("total 3 days", "total 3 nga\u{300}y");
    assert!(text.contains("nga\u{300}y"));
    let checked = check_text(&text);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn pasted_quotes_and_spaces_are_named() {
    let quoted = CLEAN.replace("name \"Thủ tục thử\"", "name “Thủ tục thử”");
    let d = &check_text(&quoted).diagnostics[0];
    assert_eq!(d.code, "TTHC001");
    assert!(
        d.message.en.contains("typographic quote “"),
        "{}",
        d.message.en
    );
    assert!(
        d.message.vi.contains("dấu ngoặc kép kiểu chữ “"),
        "{}",
        d.message.vi
    );
    assert!(d.help.en.contains("straight `\"`"), "{}", d.help.en);
    let spaced = CLEAN.replace("total 3 days", "total\u{a0}3 days");
    let d = &check_text(&spaced).diagnostics[0];
    assert!(
        d.message.en.contains("non-breaking space (U+00A0)"),
        "{}",
        d.message.en
    );
    // A non-breaking space inside a name is just text.
    let named = CLEAN.replace("Thủ tục thử", "Thủ tục\u{a0}thử");
    assert!(check_text(&named).diagnostics.is_empty());
}

#[test]
fn hidden_characters_are_an_error_and_never_reach_a_terminal_or_the_build() {
    let dir = temp_dir("hidden");
    let text = CLEAN
        .replace("name \"Thủ tục thử\"", "name \"Thủ tục thử\u{202e}\u{7}\"")
        .replace("procedure p {", "# \u{1b}[2J ghi chú\nprocedure p {");
    std::fs::write(dir.join("p.tthc"), &text).unwrap();
    let (code, v) = json_check(&dir, "p.tthc");
    assert_eq!(code, Some(1));
    assert_eq!(codes(&v), ["TTHC033", "TTHC033", "TTHC033"], "{v}");
    // The comment's escape is on line 13, column 3.
    let esc = &v["diagnostics"][0];
    assert_eq!(
        (esc["line"].as_u64(), esc["column"].as_u64()),
        (Some(13), Some(3)),
        "{esc}"
    );
    assert!(esc["message"].as_str().unwrap().contains("U+001B"), "{esc}");
    // Columns count characters: `  name "Thủ tục thử` is 19 characters, so U+202E is at 20.
    let bidi = &v["diagnostics"][1];
    assert_eq!(
        (bidi["line"].as_u64(), bidi["column"].as_u64()),
        (Some(15), Some(20)),
        "{bidi}"
    );
    assert!(
        bidi["message"].as_str().unwrap().contains("U+202E"),
        "{bidi}"
    );
    // The terminal report shows the characters by name and sends none of them.
    let o = tthc(&dir, &["check", "p.tthc"]);
    assert_eq!(o.status.code(), Some(1));
    for stream in [&o.stdout, &o.stderr] {
        assert!(
            !stream.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{}",
            String::from_utf8_lossy(stream)
        );
    }
    // The build refuses, so no BPMN is written from it.
    let o = tthc(&dir, &["build", "p.tthc", "--out", "out"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!dir.join("out/bpmn").exists());
}

#[test]
fn an_escape_sequence_in_a_file_name_is_shown_not_obeyed() {
    let dir = temp_dir("escape-name");
    let name = "p\u{1b}[31m.tthc";
    std::fs::write(
        dir.join(name),
        CLEAN.replace("total 3 days", "total 3 dayz"),
    )
    .unwrap();
    let o = tthc(&dir, &["check", name]);
    assert_eq!(o.status.code(), Some(1));
    let out = [o.stdout, o.stderr].concat();
    assert!(!out.contains(&0x1b), "{}", String::from_utf8_lossy(&out));
    assert!(String::from_utf8_lossy(&out).contains("<U+001B>"));
}

/// Text a legal officer might put in a name or a step: any Unicode scalar but the
/// quote, the backslash and line breaks (written as the escapes the language has).
fn free_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>(),
            2 => prop::sample::select(vec!['&', '<', '>', '\'', '\t', 'ư', 'Đ', '\u{a0}', '\u{1b}', '\u{fffe}', '\u{202e}']),
            1 => Just('\n'),
        ],
        1..24,
    )
    // A lone CR would be read as a line break; the language has no escape for it.
    .prop_map(|cs| cs.into_iter().map(|c| if c == '\r' { ' ' } else { c }).collect())
}

fn written(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_emitted_bpmn_is_well_formed_xml(name in free_text(), step in free_text()) {
        let text = CLEAN
            .replace("\"Thủ tục thử\"", &format!("\"{}\"", written(&name)))
            .replace("\"Thẩm định\"", &format!("\"{}\"", written(&step)));
        let checked = check_text(&text);
        let hidden = text.chars().any(|c| tthc::text::chars::forbidden(c).is_some());
        if hidden {
            // What XML cannot hold, the checker refuses to build from.
            prop_assert!(checked.diagnostics.iter().any(|d| d.code == "TTHC033"));
            return Ok(());
        }
        if checked.errors() > 0 {
            // Other mistakes (a name that is only spaces…) are reported; nothing to emit.
            return Ok(());
        }
        let out = tthc::emit::build(&checked.catalogue, &Default::default()).unwrap();
        let bpmn: Vec<(&String, &Vec<u8>)> = out.files.iter().filter(|(p, _)| p.ends_with(".bpmn")).collect();
        prop_assert!(!bpmn.is_empty());
        for (path, bytes) in bpmn {
            let xml = std::str::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(xml);
            prop_assert!(doc.is_ok(), "{path}: {:?}\n{xml}", doc.err());
            let doc = doc.unwrap();
            // The step's text comes back exactly, tabs and line breaks included.
            let step_text: String = step.nfc().collect();
            prop_assert!(
                doc.descendants().any(|n| n.attribute("name") == Some(step_text.as_str())),
                "{path}: no element named {step_text:?}"
            );
        }
    }
}

#[test]
fn times_written_as_decisions_print_them_are_read_and_kept() {
    // `02 ngày làm việc` is 2 working days, `nửa ngày` half a day, `ngay trong ngày`
    // the same day: the same catalogue as the English words.
    let english = CLEAN.to_string();
    let vietnamese = CLEAN
        .replace(
            "total 3 days, verification 23 days",
            "total 03 ngày làm việc, verification 23 ngày làm việc",
        )
        .replace(
            "step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day",
            "step receive \"Tiếp nhận hồ sơ\" by desk nửa ngày",
        )
        .replace("by officer 2 days", "by officer 02 ngày làm việc");
    let a = check_text(&english);
    let b = check_text(&vietnamese);
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    let json = |c: &check::Checked| {
        let mut v = serde_json::to_value(&c.catalogue).unwrap();
        // Places differ with the wording; the meaning must not.
        strip_places(&mut v);
        v
    };
    assert_eq!(json(&a), json(&b));
    // fmt keeps the Vietnamese wording (it used to rewrite `ngày` to `days`).
    let formatted = tthc::format::format_text("p.tthc", &vietnamese).unwrap();
    assert!(
        formatted.contains("total 03 ngày làm việc, verification 23 ngày làm việc"),
        "{formatted}"
    );
    assert!(formatted.contains("by desk nửa ngày"), "{formatted}");
    let same_day = CLEAN.replace(
        "total 3 days, verification 23 days",
        "total ngay trong ngày",
    );
    let formatted = tthc::format::format_text("p.tthc", &same_day).unwrap();
    assert!(formatted.contains("total ngay trong ngày\n"), "{formatted}");
}

fn strip_places(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|k, _| !k.ends_with("loc") && k != "span");
            m.values_mut().for_each(strip_places);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_places),
        _ => {}
    }
}

/// Text as Vietnamese keyboards and editors write it: letters, spaces and quotes, base
/// vowels with any of the combining tone and vowel marks, and precomposed letters.
fn vietnamese_as_typed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_string()),
        Just("o".to_string()),
        Just("u".to_string()),
        Just("e".to_string()),
        Just("y".to_string()),
        Just("đ".to_string()),
        Just("ơ".to_string()),
        Just("ư".to_string()),
        Just("ề".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("\u{300}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{303}".to_string()),
        Just("\u{309}".to_string()),
        Just("\u{323}".to_string()),
        Just("\u{302}".to_string()),
        Just("\u{306}".to_string()),
        Just("\u{31b}".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Issue 21, item 8: every place of the text the checker reads (in NFC) before a
    /// character that starts a letter (not a combining mark left over) is a place of the
    /// text the editor holds, and back: what follows it is the same text.
    #[test]
    fn every_place_of_the_composed_text_is_a_place_of_the_written_one(s in vietnamese_as_typed()) {
        let composed: String = s.nfc().collect();
        match tthc::text::normal::nfc_mapped(&s) {
            None => prop_assert_eq!(&composed, &s),
            Some((nfc, map)) => {
                prop_assert_eq!(&nfc, &composed);
                let starts_a_letter = |i: usize| {
                    nfc[i..].chars().next().is_none_or(|c| {
                        unicode_normalization::char::canonical_combining_class(c) == 0
                    })
                };
                for i in (0..=nfc.len()).filter(|i| nfc.is_char_boundary(*i) && starts_a_letter(*i)) {
                    let w = map.to_written(i);
                    prop_assert!(s.is_char_boundary(w));
                    prop_assert_eq!(map.to_nfc(w), i);
                    // A boundary of the composed text that is one of the written text
                    // holds the same text after it.
                    let rest: String = s[w..].nfc().collect();
                    if rest.len() == nfc.len() - i {
                        prop_assert_eq!(&rest, &nfc[i..]);
                    }
                }
            }
        }
    }
}

/// Issue 21, item 15: dates written as decisions print them, day first (`09/4/2024`),
/// mean the same as `2024-04-09`; `tthc fmt` keeps them as written; a day that does not
/// exist is reported with both forms to write.
#[test]
fn dates_written_as_decisions_print_them_are_read_and_kept() {
    let printed = CLEAN
        .replace("abolished 2025-07-01", "abolished 01/7/2025")
        .replace("signed 2024-04-09", "signed 09/4/2024")
        .replace("effective 2024-04-09", "effective 09/04/2024");
    assert_ne!(printed, CLEAN);
    let (a, b) = (check_text(CLEAN), check_text(&printed));
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    let json = |c: &check::Checked| {
        let mut v = serde_json::to_value(&c.catalogue).unwrap();
        strip_places(&mut v);
        v
    };
    assert_eq!(json(&a), json(&b));
    let formatted = tthc::format::format_text("p.tthc", &printed).unwrap();
    assert!(
        formatted.contains("signed 09/4/2024\n") && formatted.contains("abolished 01/7/2025"),
        "{formatted}"
    );
    let impossible = check_text(&printed.replace("signed 09/4/2024", "signed 31/4/2024"));
    let d = &impossible.diagnostics[0];
    assert_eq!(d.code, "TTHC002");
    assert!(
        d.message.en.contains("`31/4/2024` is not a real date"),
        "{}",
        d.message.en
    );
    assert!(
        d.help.en.contains("09/4/2024") && d.help.en.contains("2024-04-09"),
        "{}",
        d.help.en
    );
}
