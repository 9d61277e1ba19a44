//! The Vietnamese keyword set: a first-class alternative to the English one. The whole
//! bundled catalogue, written in Vietnamese keywords, must mean exactly what it means in
//! English; `fmt` keeps each file's set and translates on request; a keyword typed
//! without diacritics gets the Vietnamese form suggested.

mod common;

use tthc::check::{CheckOptions, Input, check};
use tthc::format::{format_text, format_text_in};
use tthc::text::Lang;

fn translated(lang: Lang) -> Vec<Input> {
    common::catalogue_files()
        .into_iter()
        .map(|(path, text)| {
            let out = format_text_in(&path, &text, Some(lang))
                .unwrap_or_else(|| panic!("{path} does not parse"));
            Input {
                path,
                bytes: out.into_bytes(),
            }
        })
        .collect()
}

/// The catalogue as JSON without places (which move when keywords change length).
fn meaning(inputs: Vec<Input>) -> serde_json::Value {
    let checked = check(inputs, &tthc::bundled::check_options());
    assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);
    common::placeless(serde_json::to_value(&checked.catalogue).unwrap())
}

#[test]
fn the_bundled_catalogue_in_vietnamese_keywords_means_the_same() {
    let vi = translated(Lang::Vi);
    // It really is Vietnamese: no English keyword starts a line.
    for input in &vi {
        let text = std::str::from_utf8(&input.bytes).unwrap();
        for line in text.lines() {
            let first = line.trim_start().split(' ').next().unwrap_or("");
            assert!(
                ![
                    "procedure",
                    "step",
                    "total",
                    "version",
                    "source",
                    "decision",
                    "role"
                ]
                .contains(&first),
                "{}: `{line}` still starts with an English keyword",
                input.path
            );
        }
    }
    let english: Vec<Input> = common::catalogue_files()
        .into_iter()
        .map(|(path, text)| Input {
            path,
            bytes: text.into_bytes(),
        })
        .collect();
    assert_eq!(meaning(vi), meaning(english));
}

#[test]
fn translating_to_vietnamese_and_back_gives_the_file_back() {
    for (path, text) in common::catalogue_files() {
        let vi = format_text_in(&path, &text, Some(Lang::Vi)).unwrap();
        // A Vietnamese file stays Vietnamese when formatted.
        assert_eq!(format_text(&path, &vi).unwrap(), vi, "{path}");
        // The bundled files are in the canonical English layout, so going back is exact.
        assert_eq!(
            format_text_in(&path, &vi, Some(Lang::En)).unwrap(),
            text,
            "{path}"
        );
    }
}

const VIETNAMESE: &str = "\
vai trò mot-cua \"Bộ phận một cửa\" thẩm quyền xa
thẩm quyền xa \"UBND cấp xã\"

quyết định \"1/QĐ-UBND\" {
  trích yếu \"Về việc công bố thủ tục hành chính\"
  ký ngày 2024-04-09
  hiệu lực 2024-04-09
  ban hành \"Chủ tịch UBND tỉnh\"
}

thủ tục chung-thuc {
  tên \"Chứng thực bản sao từ bản chính\"
  mã 2.000815
  lĩnh vực \"Chứng thực\"
  nguồn \"1/QĐ-UBND\" mục \"B.1\"
  thẩm quyền xa
  trường hợp xac-minh \"Cần xác minh\"
  tổng 03 ngày làm việc, giờ chốt 15:00, xac-minh 05 ngày làm việc
  bước tiep-nhan \"Tiếp nhận hồ sơ\" do mot-cua nửa ngày, xac-minh nửa ngày
  bước tham-dinh \"Thẩm định, chứng thực\" do mot-cua 2,5 ngày, xac-minh 4,5 ngày
}
";

#[test]
fn a_file_written_in_vietnamese_keywords_checks_clean() {
    let input = Input {
        path: "vi.tthc".into(),
        bytes: VIETNAMESE.into(),
    };
    let checked = check(
        vec![input],
        &CheckOptions {
            at: None,
            ..CheckOptions::default()
        },
    );
    assert_eq!(checked.diagnostics, vec![], "{:#?}", checked.diagnostics);
    let p = &checked.catalogue.procedures[0];
    assert_eq!(p.id, "chung-thuc");
    assert_eq!(format_text("vi.tthc", VIETNAMESE).unwrap(), VIETNAMESE);
}

#[test]
fn keyword_sets_may_be_mixed_and_the_file_keeps_the_majority() {
    let mixed = "thủ tục p {\n  tên \"X\"\n  tổng 2 ngày\n  step a \"A\" by r 2 ngày\n}\n";
    let out = format_text("m.tthc", mixed).unwrap();
    assert_eq!(
        out,
        "thủ tục p {\n  tên \"X\"\n  tổng 2 ngày\n  bước a \"A\" do r 2 ngày\n}\n"
    );
}

#[test]
fn spaces_inside_a_vietnamese_keyword_are_any_run_of_spaces() {
    let text = "thủ   tục p {\n  tên \"X\"\n}\n";
    assert_eq!(
        format_text("s.tthc", text).unwrap(),
        "thủ tục p {\n  tên \"X\"\n}\n"
    );
}

fn syntax_help(text: &str) -> (String, String, String) {
    let e = tthc::syntax::parse(text).unwrap_err();
    (e.message.vi, e.help.en, e.help.vi)
}

#[test]
fn a_keyword_typed_without_diacritics_gets_its_vietnamese_form() {
    let (_, en, vi) = syntax_help("thủ tục p {\n  buoc a \"A\" do r 1 ngày\n}\n");
    assert_eq!(en, "did you mean `bước`?");
    assert_eq!(vi, "có phải bạn định viết `bước`?");
    let (_, en, _) = syntax_help("thu tuc p {\n}\n");
    assert_eq!(en, "did you mean `thủ tục`?");
    let (_, en, _) = syntax_help("procedur p {\n}\n");
    assert_eq!(en, "did you mean `procedure`?");
    // English typos still get the English keyword.
    let (_, en, _) = syntax_help("procedure p {\n  stpe a \"A\" by r 1 day\n}\n");
    assert_eq!(en, "did you mean `step`?");
}

#[test]
fn vietnamese_messages_name_the_vietnamese_keywords() {
    let (message_vi, _, _) = syntax_help("thủ tục p {\n  tên \"X\"\n  42\n}\n");
    assert!(message_vi.contains("`tên`"), "{message_vi}");
    assert!(message_vi.contains("`thẩm quyền`"), "{message_vi}");
}

#[test]
fn tthc_fmt_keywords_vi_translates_a_catalogue_that_then_stays_vietnamese() {
    let dir = std::env::temp_dir().join(format!("tthc-keywords-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(std::path::Path::new("procedures"), &dir.join("procedures"));
    let out = common::tthc_in(&dir, &["fmt", "--keywords", "vi", "procedures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let roles = std::fs::read_to_string(dir.join("procedures/roles.tthc")).unwrap();
    assert!(roles.contains("vai trò "), "{roles}");
    // Formatting again changes nothing (the files keep their Vietnamese keywords), and
    // the translated catalogue checks clean.
    let out = common::tthc_in(&dir, &["fmt", "--check", "procedures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = common::tthc_in(
        &dir,
        &[
            "check",
            "procedures",
            "--deny-warnings",
            "--at",
            "2025-06-30",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

const DECISION: &str = "thẩm quyền xa \"UBND cấp xã\"\n\nquyết định \"1/QĐ-UBND\" {\n  ký ngày 2024-04-09\n  hiệu lực 2024-04-09\n  ban hành \"UBND\"\n}\n\nvai trò r \"Công chức\"\n\n";

fn placeless_meaning(text: &str) -> serde_json::Value {
    meaning(vec![Input {
        path: "t.tthc".into(),
        bytes: format!("{DECISION}{text}").into_bytes(),
    }])
}

#[test]
fn the_verification_case_is_written_as_decisions_print_it() {
    let printed = "thủ tục p {\n  tên \"X\"\n  nguồn \"1/QĐ-UBND\" mục \"B.2\"\n  thẩm quyền xa\n  tổng 03 ngày làm việc, trường hợp phải xác minh không quá 23 ngày\n  bước a \"A\" do r 03 ngày làm việc, cần   xác minh 23 ngày\n}\n";
    let plain = "procedure p {\n  name \"X\"\n  source \"1/QĐ-UBND\" item \"B.2\"\n  authority xa\n  total 3 days, verification 23 days\n  step a \"A\" by r 3 days, verification 23 days\n}\n";
    assert_eq!(placeless_meaning(printed), placeless_meaning(plain));
    // The formatter keeps the Vietnamese wording (one form of it) and `không quá`; in
    // English the case is `verification` and `không quá` goes.
    assert_eq!(
        format_text("t.tthc", printed).unwrap(),
        "thủ tục p {\n  tên \"X\"\n  nguồn \"1/QĐ-UBND\" mục \"B.2\"\n  thẩm quyền xa\n  tổng 03 ngày làm việc, cần xác minh không quá 23 ngày\n  bước a \"A\" do r 03 ngày làm việc, cần xác minh 23 ngày\n}\n"
    );
    assert_eq!(
        format_text_in("t.tthc", printed, Some(Lang::En)).unwrap(),
        "procedure p {\n  name \"X\"\n  source \"1/QĐ-UBND\" item \"B.2\"\n  authority xa\n  total 03 days, verification 23 days\n  step a \"A\" by r 03 days, verification 23 days\n}\n"
    );
}
