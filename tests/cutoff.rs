//! The cutoff in force is one rule, said the same by every output: the workflow config,
//! the BPMN process and the review page state the cutoff the deadline engine applies and
//! who states it (the procedure, its decision's reach, or the calendar's convention), so a
//! workflow engine reading a config cannot disagree with the API. A procedure can also
//! state that it has no cutoff (`cutoff none`); `vn`'s 15:00 reaches same-day counts only
//! unless a decision says `cutoff applies to every count`.

use chrono::{DateTime, FixedOffset};
use tthc::check::{CheckOptions, Input, check};
use tthc::deadline::{Case, Plan, compute_due};
use tthc::emit::{Options, WorkingDay, build};

const CATALOGUE: &str = "\
authority commune \"UBND cấp xã\"
role desk \"Bộ phận một cửa\" authority commune

decision \"1/QĐ-UBND\" {
  signed 2024-04-09
  effective 2024-04-09
  issuer \"UBND tỉnh\"
}

decision \"2/QĐ-UBND\" {
  signed 2024-04-09
  effective 2024-04-09
  issuer \"UBND tỉnh\"
  cutoff applies to every count
}

procedure days-default {
  name \"Hai ngày, giờ chốt của lịch không áp dụng\"
  authority commune
  source \"1/QĐ-UBND\" item \"B.5\"
  total 2 days
  step receive \"Tiếp nhận, giải quyết\" by desk
}

procedure days-in-reach {
  name \"Hai ngày, quyết định áp dụng giờ chốt cho mọi thời hạn\"
  authority commune
  source \"2/QĐ-UBND\" item \"B.6\"
  total 2 days
  step receive \"Tiếp nhận, giải quyết\" by desk
}

procedure calendar-default {
  name \"Theo giờ chốt của lịch\"
  authority commune
  source \"1/QĐ-UBND\" item \"B.1\"
  total same day
  step receive \"Tiếp nhận, giải quyết\" by desk
}

procedure own-cutoff {
  name \"Giờ chốt riêng 16:00\"
  authority commune
  source \"1/QĐ-UBND\" item \"B.2\"
  total same day, cutoff 16:00
  step receive \"Tiếp nhận, giải quyết\" by desk
}

procedure no-cutoff {
  name \"Không có giờ chốt\"
  authority commune
  source \"1/QĐ-UBND\" item \"B.3\"
  total same day, cutoff none
  step receive \"Tiếp nhận, giải quyết\" by desk
}
";

fn catalogue() -> tthc::model::Catalogue {
    let checked = check(
        vec![Input {
            path: "c.tthc".into(),
            bytes: CATALOGUE.into(),
        }],
        &CheckOptions {
            at: None,
            ..tthc::bundled::check_options()
        },
    );
    // The same-day procedure that states no cutoff is a warning, and only it.
    let found: Vec<(&str, String)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                checked.files[d.loc.file].text[d.loc.span.start..]
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("TTHC040", "same day".to_string())],
        "{:#?}",
        checked.diagnostics
    );
    checked.into_valid().unwrap()
}

fn vn() -> tthc::calendar::WorkingCalendar {
    tthc::bundled::calendars()
        .unwrap()
        .get(tthc::calendar::DEFAULT_CALENDAR)
        .unwrap()
        .clone()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Tue 04/03/2025 15:30, after the calendar's 15:00 but before 16:00.
const RECEIVED: &str = "2025-03-04T15:30:00+07:00";

fn due(cat: &tthc::model::Catalogue, id: &str) -> String {
    let p = cat.procedures.iter().find(|p| p.id == id).unwrap();
    let plan = Plan::from_version(&p.versions[0], None).unwrap();
    compute_due(&vn(), &plan, &Case::received(at(RECEIVED)))
        .unwrap()
        .due_at
        .to_rfc3339()
}

#[test]
fn the_engine_applies_the_procedures_cutoff_its_absence_or_the_calendars() {
    let cat = catalogue();
    // Same-day: due at the end of the working day the count starts on (17:00). After the
    // calendar's 15:00 that is Wednesday; a 16:00 cutoff or none keeps Tuesday.
    assert_eq!(due(&cat, "calendar-default"), "2025-03-05T17:00:00+07:00");
    assert_eq!(due(&cat, "own-cutoff"), "2025-03-04T17:00:00+07:00");
    assert_eq!(due(&cat, "no-cutoff"), "2025-03-04T17:00:00+07:00");
    // Two days, nothing stated: vn's 15:00 reaches same-day counts only, so the count
    // starts on receipt, Tue 15:30, and ends Thu 06/03 15:30.
    assert_eq!(due(&cat, "days-default"), "2025-03-06T15:30:00+07:00");
    // Two days under a decision that applies the cutoff to every count: the count starts
    // Wed 07:30, and two whole days end at the close of Thu 06/03.
    assert_eq!(due(&cat, "days-in-reach"), "2025-03-06T17:00:00+07:00");
}

#[test]
fn configs_bpmn_and_review_state_the_cutoff_in_force_and_its_origin() {
    let cat = catalogue();
    let day = WorkingDay::of(&vn());
    assert_eq!(day.cutoff.as_deref(), Some("15:00"));
    assert_eq!(day.due_time, "keep_clock_time");
    // The built-in figure for `vn` is the calendar's own.
    assert_eq!(day, WorkingDay::vn());
    let out = build(
        &cat,
        &Options {
            working_day: day,
            ..Options::default()
        },
    )
    .unwrap();
    let config = |id: &str| -> serde_json::Value {
        let path = format!("workflows/{id}@2024-04-09.json");
        serde_json::from_slice(&out.files[&path]).unwrap()
    };
    let expected = [
        (
            "calendar-default",
            serde_json::json!({"time": "15:00", "from": "calendar", "reach": "same_day"}),
        ),
        (
            "days-default",
            serde_json::json!({"time": null, "from": "calendar", "reach": "same_day", "out_of_reach": "15:00"}),
        ),
        (
            "days-in-reach",
            serde_json::json!({"time": "15:00", "from": "decision", "reach": "every_count", "decision": "2/QĐ-UBND"}),
        ),
        (
            "own-cutoff",
            serde_json::json!({"time": "16:00", "from": "procedure"}),
        ),
        (
            "no-cutoff",
            serde_json::json!({"time": null, "from": "procedure"}),
        ),
    ];
    for (id, cutoff) in &expected {
        let c = config(id);
        assert_eq!(c["format_version"], 3);
        assert_eq!(&c["total"]["cutoff"], cutoff, "{id}");
        assert_eq!(c["calendar"]["cutoff"], "15:00");
        assert_eq!(c["calendar"]["due_time"], "keep_clock_time");
        let bpmn =
            String::from_utf8(out.files[&format!("bpmn/{id}@2024-04-09.bpmn")].clone()).unwrap();
        let time = cutoff["time"].as_str().unwrap_or("none");
        let from = cutoff["from"].as_str().unwrap();
        assert!(
            bpmn.contains(&format!(r#"cutoff="{time}" cutoffFrom="{from}""#)),
            "{id}: {bpmn}"
        );
        assert!(
            bpmn.contains(r#"dueTime="keep_clock_time" cutoffReach="same_day" cutoff="15:00""#)
        );
    }
    // One page per decision: 1/QĐ-UBND's and 2/QĐ-UBND's.
    let review = String::from_utf8(out.files["review/1-qd-ubnd.md"].clone()).unwrap()
        + &String::from_utf8(out.files["review/2-qd-ubnd.md"].clone()).unwrap();
    assert!(
        review.contains("hồ sơ nhận sau 15:00 được tính từ ngày làm việc tiếp theo; theo quy ước của lịch, giờ chốt này áp dụng cho thời hạn trong ngày"),
        "{review}"
    );
    for line in [
        "Giờ chốt áp dụng: trường hợp thông thường: 15:00, giờ chốt của lịch vn (quy ước của lịch vn)",
        "Giờ chốt áp dụng: trường hợp thông thường: 16:00 (thủ tục ghi; quyết định không in, xem Ghi chú)",
        "Giờ chốt áp dụng: trường hợp thông thường: không có giờ chốt (thủ tục ghi; quyết định không in, xem Ghi chú)",
        "Giờ chốt áp dụng: trường hợp thông thường: 15:00, giờ chốt của lịch vn (theo Quyết định 2/QĐ-UBND)",
    ] {
        assert!(review.contains(line), "{line}\n{review}");
    }
}

#[test]
fn a_cases_condition_is_in_the_config_and_the_review() {
    let checked = check(
        tthc::bundled::procedure_inputs(),
        &tthc::bundled::check_options(),
    );
    let cat = checked.into_valid().unwrap();
    let out = build(&cat, &Options::default()).unwrap();
    let b2: serde_json::Value =
        serde_json::from_slice(&out.files["workflows/dang-ky-ket-hon@2024-04-09.json"]).unwrap();
    assert_eq!(
        b2["variants"],
        serde_json::json!([{
            "id": "verification",
            "title": "Trường hợp cần xác minh",
            "condition": "Cần xác minh điều kiện kết hôn của 2 bên nam, nữ"
        }])
    );
    let review = String::from_utf8(out.files["review/1086-qd-ubnd.md"].clone()).unwrap();
    // The review shows the decision's words for B.2's times, condition included.
    assert!(
        review.contains(
            "TH cần xác minh điều kiện kết hôn của 2 bên nam, nữ thì thời hạn không quá 5 ngày"
        ),
        "{review}"
    );
    // A.8's condition is the config's; its review cell is the decision's words.
    let a8: serde_json::Value = serde_json::from_slice(
        &out.files["workflows/thay-doi-cai-chinh-bo-sung-ho-tich-xac-dinh-lai-dan-toc@2024-04-09.json"],
    )
    .unwrap();
    let supplement = a8["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "supplement")
        .unwrap();
    assert!(
        supplement["condition"]
            .as_str()
            .unwrap()
            .starts_with("Yêu cầu bổ sung hộ tịch; không áp dụng cho thay đổi"),
        "{supplement}"
    );
    assert!(
        review.contains("**- Ngay trong ngày (bổ sung hộ tịch)**"),
        "{review}"
    );
}

#[test]
fn cutoff_none_is_written_in_either_keyword_set() {
    use tthc::format::format_text_in;
    use tthc::text::Lang;
    let vi = format_text_in("c.tthc", CATALOGUE, Some(Lang::Vi)).unwrap();
    assert!(vi.contains("tổng trong ngày, giờ chốt không\n"), "{vi}");
    let with_condition = CATALOGUE.replace(
        "  total same day, cutoff none\n",
        "  variant urgent \"Khẩn\" when \"Người yêu cầu đang điều trị\"\n  total same day, cutoff none, urgent same day\n",
    );
    let vi2 = format_text_in("c.tthc", &with_condition, Some(Lang::Vi)).unwrap();
    assert!(
        vi2.contains("trường hợp urgent \"Khẩn\" khi \"Người yêu cầu đang điều trị\"\n"),
        "{vi2}"
    );
    assert_eq!(
        format_text_in("c.tthc", &vi2, Some(Lang::En)).unwrap(),
        with_condition
    );
    assert_eq!(
        format_text_in("c.tthc", &vi, Some(Lang::En)).unwrap(),
        CATALOGUE
    );
}

#[test]
fn a_procedure_without_an_ordinary_case_says_so_in_its_config_and_review() {
    let checked = check(
        tthc::bundled::procedure_inputs(),
        &tthc::bundled::check_options(),
    );
    let cat = checked.into_valid().unwrap();
    let out = build(&cat, &Options::default()).unwrap();
    let a6: serde_json::Value = serde_json::from_slice(
        &out.files["workflows/dang-ky-giam-ho-co-yeu-to-nuoc-ngoai@2024-04-09.json"],
    )
    .unwrap();
    assert_eq!(a6["total"]["case_required"], true);
    assert_eq!(a6["total"]["allotment"]["kind"], "none");
    let b16: serde_json::Value = serde_json::from_slice(
        &out.files["workflows/cap-giay-xac-nhan-tinh-trang-hon-nhan@2024-04-09.json"],
    )
    .unwrap();
    assert_eq!(b16["total"]["case_required"], false);
    let review = String::from_utf8(out.files["review/1086-qd-ubnd.md"].clone()).unwrap();
    assert!(
        review.contains("ngày nếu giám hộ đương nhiên; 05 ngày nếu giám hộ cử*<br>*⊕ Cộng các bước: 03 ngày nếu giám hộ đương nhiên; 05 ngày nếu giám hộ cử*"),
        "{review}"
    );
}

/// A cutoff that belongs to one case only (A.8's same-day "bổ sung" beside cases that
/// take days): declared on the case, it applies to that case; the other cases keep the
/// procedure's (here the calendar's 15:00).
const CASE_CUTOFF: &str = "\
authority commune \"UBND cấp xã\"
role desk \"Bộ phận một cửa\" authority commune

decision \"1/QĐ-UBND\" {
  signed 2024-04-09
  effective 2024-04-09
  issuer \"UBND tỉnh\"
}

procedure case-cutoff {
  name \"Giờ chốt của một trường hợp\"
  authority commune
  source \"1/QĐ-UBND\" item \"B.4\"
  variant change \"Thay đổi\"
  variant supplement \"Bổ sung\" when \"Chỉ yêu cầu bổ sung\" cutoff 16:00
  total change 2 days, supplement same day
  step receive \"Tiếp nhận, giải quyết\" by desk
}
";

fn checked(text: &str) -> tthc::check::Checked {
    check(
        vec![Input {
            path: "c.tthc".into(),
            bytes: text.into(),
        }],
        &CheckOptions {
            at: None,
            ..tthc::bundled::check_options()
        },
    )
}

#[test]
fn a_cases_own_cutoff_applies_to_that_case_only() {
    let checked = checked(CASE_CUTOFF);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let cat = checked.into_valid().unwrap();
    let v = &cat.procedures[0].versions[0];
    let due_in = |case: &str| {
        let plan = Plan::from_version(v, Some(case)).unwrap();
        compute_due(&vn(), &plan, &Case::received(at(RECEIVED)))
            .unwrap()
            .due_at
            .to_rfc3339()
    };
    // Tue 04/03/2025 15:30. Supplement, same day with its own 16:00 cutoff: before it, so
    // due that Tuesday at the close, 17:00.
    assert_eq!(due_in("supplement"), "2025-03-04T17:00:00+07:00");
    // Change, 2 days: vn's 15:00 reaches same-day counts only, so the count starts on
    // receipt and ends Thu 06/03 15:30 (were the cutoff to reach it: Wed 07:30 → Thu 17:00).
    assert_eq!(due_in("change"), "2025-03-06T15:30:00+07:00");
    // The config and the review say which case has its own cutoff.
    let out = build(&cat, &Options::default()).unwrap();
    let config: serde_json::Value =
        serde_json::from_str(out.text("workflows/case-cutoff@2024-04-09.json").unwrap()).unwrap();
    let cases = config["variants"].as_array().unwrap();
    let supplement = cases.iter().find(|c| c["id"] == "supplement").unwrap();
    assert_eq!(supplement["cutoff"]["time"], "16:00");
    assert_eq!(supplement["cutoff"]["from"], "procedure");
    let change = cases.iter().find(|c| c["id"] == "change").unwrap();
    assert!(change.get("cutoff").is_none(), "{change}");
    assert_eq!(config["total"]["cutoff"]["from"], "calendar");
    let md = out.text("review/1-qd-ubnd.md").unwrap();
    assert!(
        md.contains("Trong ngày nếu chỉ yêu cầu bổ sung; nhận hồ sơ sau 16:00 thì tính từ ngày làm việc tiếp theo"),
        "{md}"
    );
}

#[test]
fn a_cases_cutoff_is_checked_and_kept_by_the_formatter_in_either_language() {
    let late = CASE_CUTOFF.replace("cutoff 16:00", "cutoff 18:00");
    let codes: Vec<&str> = checked(&late).diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["TTHC016"]);
    let vi =
        tthc::format::format_text_in("c.tthc", CASE_CUTOFF, Some(tthc::text::Lang::Vi)).unwrap();
    assert!(
        vi.contains("trường hợp supplement \"Bổ sung\" khi \"Chỉ yêu cầu bổ sung\" giờ chốt 16:00"),
        "{vi}"
    );
    let none = vi.replace("giờ chốt 16:00", "giờ chốt không");
    assert_eq!(tthc::format::format_text("c.tthc", &none).unwrap(), none);
    assert_eq!(
        tthc::format::format_text_in("c.tthc", &vi, Some(tthc::text::Lang::En)).unwrap(),
        CASE_CUTOFF
    );
}
