//! The review tables legal staff sign off: every one of the bundled procedures' rows,
//! snapshotted one file per item (`snapshots/review/`) so that each can be read beside the
//! decision's appendix; a time cell holds the decision's words, and what the tool adds is
//! marked. Worked from `shared/sources/qd-1086-2024-quang-ninh-ho-tich.txt` by hand.

mod common;

use tthc::check::{self, CheckOptions};
use tthc::emit::review::{ADDED, procedure_markdown};
use tthc::emit::{Sources, WorkingDay};

fn bundled() -> (tthc::model::Catalogue, Sources) {
    let checked = check::check(tthc::bundled::procedure_inputs(), &CheckOptions::default());
    let files = checked.files.clone();
    let cat = checked
        .into_valid()
        .expect("the bundled catalogue checks clean");
    (
        cat,
        Sources {
            files,
            link_base: None,
        },
    )
}

/// The rows of one item, by its appendix number (`B.12`).
fn item(cat: &tthc::model::Catalogue, src: &Sources, item: &str) -> String {
    let (p, v) = cat
        .procedures
        .iter()
        .flat_map(|p| p.versions.iter().map(move |v| (p, v)))
        .find(|(_, v)| v.source.item == item)
        .unwrap_or_else(|| panic!("no item {item}"));
    procedure_markdown(cat, p, v, &WorkingDay::vn(), src).unwrap()
}

#[test]
fn every_procedure_is_snapshotted_beside_the_decision() {
    let (cat, src) = bundled();
    let mut snaps = Vec::new();
    for p in &cat.procedures {
        for v in &p.versions {
            // `B.7` → `B07`, so that the files sort in the appendix's order.
            let (part, n) = v.source.item.split_once('.').unwrap();
            let name = format!("{part}{:0>2}_{}", n, p.id);
            snaps.push((
                name,
                procedure_markdown(&cat, p, v, &WorkingDay::vn(), &src).unwrap(),
            ));
        }
    }
    assert_eq!(snaps.len(), 37);
    common::assert_snapshots("review", snaps);
}

/// The cells the issue found regenerated now hold the decision's words.
#[test]
fn time_cells_are_the_decisions_words() {
    let (cat, src) = bundled();
    // A.1 keeps "mà không giải quyết được ngay" (source line 56).
    assert!(item(&cat, &src, "A.1").contains(
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo"
    ));
    // A.12 keeps "không quá" (line 119) and the step's two printed cells (lines 121–122).
    let a12 = item(&cat, &src, "A.12");
    assert!(a12.contains("05 ngày; TH phải xác minh thì thời gian không quá 25 ngày"));
    assert!(a12.contains("3,5 ngày<br>(23,5 ngày nếu cần xác minh)"));
    // A.8's three cases in the printed order (lines 98, 100, 101), with no condition
    // words the decision lacks.
    let a8 = item(&cat, &src, "A.8");
    assert!(a8.contains("**- Ngay trong ngày (bổ sung hộ tịch)**<br>**- 03 ngày (thay đổi, cải chính, xác định lại dân tộc)**<br>**- T/ hợp cần xác minh 06 ngày**"), "{a8}");
    // B.12 prints no 15-giờ sentence (line 211): none in its cell, and the cutoff the
    // engine applies is on a line marked added.
    let b12 = item(&cat, &src, "B.12");
    assert!(b12.contains(
        "**Trong ngày làm việc, TH phải xác minh thì thời hạn không quá 3 ngày làm việc**"
    ));
    assert!(!b12.contains("nhận hồ sơ sau 15:00 thì trả kết quả"));
    assert!(b12.contains(&format!("*{ADDED} Giờ chốt áp dụng: trường hợp thông thường: 15:00 (thủ tục ghi; quyết định không in, xem Ghi chú)")));
    // "1.5" and "0.5" as printed (lines 86, 167).
    assert!(item(&cat, &src, "A.7").contains("| 1.5 ngày |"));
    assert!(item(&cat, &src, "B.6").contains("| 0.5 ngày |"));
    // C.2 invents no "9 ngày".
    let c2 = item(&cat, &src, "C.2");
    assert!(!c2.contains("9 ngày"), "{c2}");
    assert!(c2.contains("3 ngày (TH phải xác minh không quá 10 ngày)"));
    // "cơ sở" as Bước 1 prints it (line 266), "Cơ sở" as Bước 4 does (line 269).
    let c1 = item(&cat, &src, "C.1");
    assert!(c1.contains("| Cơ quan quản lý cơ sở dữ liệu hộ tịch điện tử |"));
    assert!(
        c1.contains("| Trả kết quả, thu lệ phí | Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử |")
    );
}

/// What the tool adds is marked: a derived total, the steps' sum, national codes, the
/// dates in force, a level the item does not print.
#[test]
fn what_the_tool_adds_is_marked() {
    let (cat, src) = bundled();
    // B.15 prints no total (lines 227–231): the derived one is marked.
    let b15 = item(&cat, &src, "B.15");
    assert!(
        b15.contains(&format!("*{ADDED} 3 ngày (6 ngày nếu cần xác minh)*")),
        "{b15}"
    );
    assert!(b15.contains(&format!(
        "*{ADDED} Cộng các bước: 03 ngày (06 ngày nếu cần xác minh)*"
    )));
    // B.1's national code and A.1's dates in force are not in the decision.
    assert!(item(&cat, &src, "B.1").contains(&format!("*{ADDED} Mã: 1.001193*")));
    assert!(item(&cat, &src, "A.1").contains(&format!(
        "*{ADDED} Áp dụng từ 09/04/2024 đến hết 30/06/2025*"
    )));
    // B.5 prints no level (lines 158–162); B.1 prints "UBND cấp xã" (line 147).
    assert!(item(&cat, &src, "B.5").contains(&format!("*{ADDED} UBND cấp xã*")));
    let b1 = item(&cat, &src, "B.1");
    assert!(b1.contains("| UBND cấp xã |") && !b1.contains(&format!("{ADDED} UBND cấp xã")));
}

/// The page's preamble: the bases complete, the proposal, the replaced decisions with
/// their dates (source lines 19–31).
#[test]
fn the_preamble_is_complete() {
    let out = std::env::temp_dir().join(format!("tthc-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = common::tthc(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = std::fs::read_to_string(out.join("review/1086-qd-ubnd.md")).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    assert!(md.contains("Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;"));
    assert!(md.contains(
        "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 36/TTr-STP ngày 28/3/2024."
    ));
    for dated in [
        "Quyết định số 766/QĐ-UBND ngày 12/03/2021",
        "(2) Quyết định số 353/QĐ-UBND ngày 13/02/2023",
        "(3) Quyết định số 1478/QĐ-UBND ngày 07/06/2023",
        "Quyết định số 3924/QĐ-UBND ngày 18/12/2023",
    ] {
        assert!(md.contains(dated), "{dated}");
    }
    // The legend no longer claims every total is printed as the decision prints it.
    assert!(!md.contains("như quyết định in, kèm"));
}
