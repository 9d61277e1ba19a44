//! A case's time that belongs to the procedure as a whole (`undivided`): C.2 prints
//! "3 ngày (TH phải xác minh không quá 10 ngày)" beside steps of 0,5 + 02 + 0,5 days and
//! no step's share of the 10 (source lines 270–275). Nothing is invented: in that case
//! every step is due when the procedure is, and every output says so.

use tthc::check::{CheckOptions, Input, check};
use tthc::deadline::{Case, Plan, compute_due};
use tthc::emit::{Options, build};

const C2: &str = "\
authority db \"Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử\"
role agency \"Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử\" authority db
role officer \"Công chức Sở Tư pháp\" authority db

decision \"1/QĐ-UBND\" {
  signed 2024-04-09
  effective 2024-04-09
  issuer \"UBND tỉnh\"
}

procedure c2 {
  name \"Thủ tục xác nhận thông tin hộ tịch\"
  authority db
  source \"1/QĐ-UBND\" item \"C.2\"
  total 3 days, verification 10 days undivided printed \"3 ngày (TH phải xác minh không quá 10 ngày)\"
  step receive \"Tiếp nhận hồ sơ\" by agency 0,5 day
  step appraise \"Thẩm định, dự thảo kết quả\" by officer 02 days
  step approve \"Phê duyệt\" by agency 0,5 day
  step deliver \"Trả kết quả, thu lệ phí\" by agency
}
";

fn codes(text: &str) -> Vec<&'static str> {
    let checked = check(
        vec![Input {
            path: "c2.tthc".into(),
            bytes: text.into(),
        }],
        &CheckOptions::default(),
    );
    checked.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn an_undivided_case_checks_clean_and_invents_no_share() {
    assert_eq!(codes(C2), Vec::<&str>::new());
    // Without `undivided`, the checker asks which step takes the 7 extra days.
    assert_eq!(codes(&C2.replace(" undivided", "")), ["TTHC014"]);
    // A step that claims a share of it contradicts the total.
    let claimed = C2.replace(
        "by officer 02 days",
        "by officer 02 days, verification 9 days",
    );
    assert_eq!(codes(&claimed), ["TTHC012"]);
    // `undivided` belongs on the total.
    let on_step = claimed.replace("verification 9 days", "verification 9 days undivided");
    assert!(
        codes(&on_step).contains(&"TTHC002"),
        "{:?}",
        codes(&on_step)
    );
}

#[test]
fn every_step_is_due_with_the_procedure_in_that_case() {
    let checked = check(
        vec![Input {
            path: "c2.tthc".into(),
            bytes: C2.into(),
        }],
        &CheckOptions::default(),
    );
    let cat = checked.into_valid().unwrap();
    let v = &cat.procedures[0].versions[0];
    let cals = tthc::bundled::calendars().unwrap();
    let vn = cals.get("vn").unwrap();
    let received = chrono::DateTime::parse_from_rfc3339("2025-03-04T10:00:00+07:00").unwrap();
    // Verification: 10 days from Tue 04/03/2025 10:00 → Tue 18/03 10:00, every step too.
    let plan = Plan::from_version(v, Some("verification")).unwrap();
    assert!(plan.undivided);
    let due = compute_due(vn, &plan, &Case::received(received)).unwrap();
    assert_eq!(due.due_at.to_rfc3339(), "2025-03-18T10:00:00+07:00");
    assert!(due.steps.iter().all(|s| s.due_at == due.due_at));
    // The ordinary case keeps its steps' times: receive 0,5 day = 240 minutes from 10:00
    // (90 to 11:30, 150 from 13:00) → Tue 15:30.
    let plan = Plan::from_version(v, None).unwrap();
    let due = compute_due(vn, &plan, &Case::received(received)).unwrap();
    assert_eq!(
        due.steps[0].due_at.to_rfc3339(),
        "2025-03-04T15:30:00+07:00"
    );
    // The workflow config and BPMN say the case is undivided.
    let out = build(&cat, &Options::default()).unwrap();
    let config: serde_json::Value =
        serde_json::from_str(out.text("workflows/c2@2024-04-09.json").unwrap()).unwrap();
    let ver = &config["total"]["variants"][0];
    assert_eq!(ver["variant"], "verification");
    assert_eq!(ver["undivided"], true);
    let bpmn = out.text("bpmn/c2@2024-04-09.bpmn").unwrap();
    assert!(
        bpmn.contains(r#"written="true" undivided="true""#),
        "{bpmn}"
    );
    // The review says so, marked as the tool's words, with no "9 ngày".
    let md = out.text("review/1-qd-ubnd.md").unwrap();
    assert!(
        md.contains("*⊕ Trường hợp cần xác minh: thời hạn của cả thủ tục, không chia cho các bước"),
        "{md}"
    );
    assert!(!md.contains("9 ngày"));
}
