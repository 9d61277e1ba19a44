//! A repeal is a repeal, a lapse is a lapse (issue 21, item 9): with the fictional
//! amending Decision 2222/QĐ-UBND (effective 01/07/2025: items A.1–A.3 of 1086/QĐ-UBND
//! move to commune level, item A.15 is repealed) laid over a copy of the bundled
//! catalogue, every front end says how each version ended and why nothing is in force.
//!
//! Worked out by hand from the decisions: on 05/01/2026 the 20 commune items (B) and
//! the 2 database items (C) of 1086 are in force, with A.1–A.3 under 2222: 25 of 37.
//! A.4–A.14 (11 items) lapsed with the district level, whose last day was 30/06/2025,
//! and no decision re-publishes them: `tthc check` warns for those 11. A.15 was repealed:
//! having nothing in force is what the decisions say, so no warning.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tthc_server::state::{AppState, Sources};

const A4: &str = "dang-ky-nhan-cha-me-con-co-yeu-to-nuoc-ngoai";
const A15: &str = "dang-ky-lai-khai-tu-co-yeu-to-nuoc-ngoai";
const A1: &str = "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai";

/// A copy of the bundled catalogue with 2222/QĐ-UBND beside 1086/QĐ-UBND.
fn amended(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-lifespan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(Path::new("procedures"), &dir.join("procedures"));
    common::copy_dir(
        Path::new("tests/fixtures/amend-2222/2222-QD-UBND"),
        &dir.join("procedures/2222-QD-UBND"),
    );
    dir
}

fn json_in(dir: &Path, args: &[&str]) -> Value {
    let o = common::tthc_in(dir, args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn district_items(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|i| format!("A.{i}")).collect()
}

#[test]
fn list_says_which_items_lapsed_and_which_were_repealed_and_counts_what_check_warns_for() {
    let dir = amended("list");
    let v = json_in(&dir, &["list", "--at", "2026-01-05", "--format", "json"]);
    assert_eq!(v["procedures"].as_array().unwrap().len(), 25, "{v:#}");
    let absent = v["absent"].as_array().unwrap();
    let items: Vec<&str> = absent.iter().map(|a| a["item"].as_str().unwrap()).collect();
    let mut expected = district_items(4..=15);
    expected.sort_by_key(|i| i.clone());
    let mut got: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    got.sort();
    assert_eq!(got, expected);
    let a15 = absent.iter().find(|a| a["id"] == A15).unwrap();
    assert_eq!(a15["ending"]["kind"], "repealed");
    assert_eq!(a15["ending"]["by"]["decision"], "2222/QĐ-UBND");
    assert_eq!(a15["ending"]["by"]["item"], "A.15");
    assert_eq!(a15["warned"], false);
    assert_eq!(
        a15["why"],
        "item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul 2025"
    );
    let a4 = absent.iter().find(|a| a["id"] == A4).unwrap();
    assert_eq!(a4["ending"]["kind"], "lapsed");
    assert_eq!(a4["ending"]["authority_abolished"], "UBND cấp huyện");
    assert_eq!(a4["warned"], true);
    assert_eq!(
        a4["why"],
        "its last version (item A.4 of 1086/QĐ-UBND) lapsed on 30 Jun 2025, the last day of UBND cấp huyện (no later version)"
    );
    assert_eq!(
        a4["why_vi"],
        "phiên bản cuối (mục A.4 của Quyết định 1086/QĐ-UBND) hết hiệu lực ngày 30/06/2025, ngày cuối cùng của UBND cấp huyện (chưa có phiên bản sau)"
    );

    // `check` warns for exactly the procedures `list` marks as warned.
    let warned: Vec<String> = absent
        .iter()
        .filter(|a| a["warned"] == true)
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(warned.len(), 11);
    let c = json_in(&dir, &["check", "--at", "2026-01-05", "--format", "json"]);
    assert_eq!(c["errors"], 0, "{c:#}");
    let mut checked: Vec<String> = c["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "TTHC034")
        .map(|d| {
            let m = d["message"].as_str().unwrap();
            m.split('`').nth(1).unwrap().to_string()
        })
        .collect();
    checked.sort();
    let mut warned = warned;
    warned.sort();
    assert_eq!(checked, warned);

    // The same for people, with the counts.
    let o = common::tthc_in(&dir, &["list", "--at", "2026-01-05"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("In force on 5 Jan 2026: 25 of 37 procedures"),
        "{text}"
    );
    assert!(text.contains("Not in force on 5 Jan 2026: 12"), "{text}");
    assert!(
        text.contains(&format!(
            "{A15}: item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul 2025"
        )),
        "{text}"
    );
    assert!(
        text.contains("11 of them have no version where one is needed: `tthc check --at 2026-01-05` warns for each (TTHC034); 1 repealed"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_says_replaced_and_repealed_and_is_all_vietnamese_in_vietnamese() {
    let dir = amended("diff");
    let v = json_in(
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
    let removed = v["removed"].as_array().unwrap();
    let mut items: Vec<&str> = removed
        .iter()
        .map(|r| r["item"].as_str().unwrap())
        .collect();
    items.sort();
    let mut expected = district_items(4..=15);
    expected.sort();
    assert_eq!(items, expected);
    let a15 = removed.iter().find(|r| r["id"] == A15).unwrap();
    assert_eq!(
        a15["why"],
        "item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul 2025"
    );
    let changed = v["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 3);
    let a1 = changed.iter().find(|c| c["after"]["id"] == A1).unwrap();
    assert_eq!(a1["before"]["ending"]["kind"], "replaced");
    assert_eq!(a1["before"]["ending"]["by"]["decision"], "2222/QĐ-UBND");

    let o = common::tthc_in(&dir, &["diff", "--at", "2025-06-30", "--at", "2025-07-01"]);
    let en = String::from_utf8_lossy(&o.stdout);
    assert!(
        en.contains("replaced by 2222/QĐ-UBND from 1 Jul 2025"),
        "{en}"
    );
    assert!(en.contains("authority: district → commune"), "{en}");

    let o = common::tthc_in(
        &dir,
        &[
            "--lang",
            "vi",
            "diff",
            "--at",
            "2025-06-30",
            "--at",
            "2025-07-01",
        ],
    );
    let vi = String::from_utf8_lossy(&o.stdout);
    assert!(
        vi.contains("được thay thế bởi Quyết định 2222/QĐ-UBND từ ngày 01/07/2025"),
        "{vi}"
    );
    assert!(
        vi.contains("cấp thẩm quyền: UBND cấp huyện → UBND cấp xã"),
        "{vi}"
    );
    assert!(
        vi.contains("nguồn: 1086/QĐ-UBND mục A.2 → 2222/QĐ-UBND mục 2"),
        "{vi}"
    );
    assert!(vi.contains("tổng thời gian: 15 ngày → 10 ngày"), "{vi}");
    assert!(
        vi.contains("receive do commune-civil-status-at-desk: 1 ngày"),
        "{vi}"
    );
    for english in [
        " by ",
        "same day",
        "source:",
        "authority:",
        "total time",
        "steps:",
        " days",
        " item ",
        "cutoff",
        "verification",
        "repealed",
        "replaced",
        "lapsed",
    ] {
        assert!(
            !vi.contains(english),
            "`{english}` in the Vietnamese diff:\n{vi}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_case_received_after_the_repeal_says_repealed_and_one_after_the_lapse_says_lapsed() {
    let dir = amended("due");
    let o = common::tthc_in(&dir, &["due", A15, "--received", "2026-01-05 10:00"]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul 2025"),
        "{err}"
    );
    let o = common::tthc_in(&dir, &["due", A4, "--received", "2026-01-05 10:00"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("lapsed on 30 Jun 2025, the last day of UBND cấp huyện (no later version)"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

async fn call(state: &Arc<AppState>, req: Request<Body>) -> (StatusCode, Value) {
    let resp = tthc_server::router(Arc::clone(state))
        .oneshot(req)
        .await
        .unwrap();
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn the_api_gives_each_version_its_ending_and_says_why_nothing_is_in_force() {
    let dir = amended("api");
    let sources = Sources {
        procedures: vec![dir.join("procedures")],
        calendars: None,
    };
    let snap = sources.load().expect("the amended catalogue loads");
    let state = Arc::new(AppState::new(snap, sources, None));
    let get = |uri: String| Request::get(uri).body(Body::empty()).unwrap();

    let (status, p) = call(&state, get(format!("/v1/procedures/{A15}"))).await;
    assert_eq!(status, StatusCode::OK);
    let ending = &p["versions"][0]["ending"];
    assert_eq!(ending["kind"], "repealed", "{p:#}");
    assert_eq!(ending["last_day"], "2025-06-30");
    assert_eq!(ending["decision"], "2222/QĐ-UBND");
    assert_eq!(ending["item"], "A.15");
    assert_eq!(ending["words"], "repealed by 2222/QĐ-UBND from 1 Jul 2025");

    let (_, p) = call(&state, get(format!("/v1/procedures/{A4}"))).await;
    let ending = &p["versions"][0]["ending"];
    assert_eq!(ending["kind"], "lapsed");
    assert_eq!(ending["authority_abolished"], "UBND cấp huyện");
    assert!(ending.get("decision").is_none());

    let (_, p) = call(&state, get(format!("/v1/procedures/{A1}"))).await;
    assert_eq!(p["versions"][0]["ending"]["kind"], "replaced");
    assert!(p["versions"][1].get("ending").is_none(), "{p:#}");

    // A date with nothing in force: why, in the problem's words.
    let (status, problem) = call(&state, get(format!("/v1/procedures/{A15}?at=2026-01-05"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(problem["code"], "no_version_in_force");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul 2025"),
        "{detail}"
    );
    let req = Request::post("/v1/deadlines")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"procedure": A4, "received_at": "2026-01-05T10:00:00+07:00"}).to_string(),
        ))
        .unwrap();
    let (status, problem) = call(&state, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["detail_vi"]
            .as_str()
            .unwrap()
            .contains("hết hiệu lực ngày 30/06/2025, ngày cuối cùng của UBND cấp huyện (chưa có phiên bản sau)"),
        "{problem:#}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
