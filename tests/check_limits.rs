//! A hostile text costs a bounded report (issue 25, item 1): TTHC033 reported one finding
//! per forbidden character, so 64 KiB of DEL characters made a 22 MB answer on
//! `POST /v1/check` and 1 MiB took a minute and 1.3 GB. Now at most 100 findings of a rule
//! are listed per file; the next one stands for the rest (`more`), and every finding is
//! still counted.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::sync::Arc;
use tower::ServiceExt;
use tthc_server::{
    self as api,
    state::{AppState, Sources},
};

const DEL: char = '\u{7f}';

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-check-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What every report of 65,536 DEL characters on one line must say, worked out by hand:
/// the first 100 listed at columns 1 to 100, the 101st (column 101) standing for the
/// 65,435 after it, 65,536 errors in all.
fn assert_capped(report: &Value) {
    assert_eq!(report["errors"], 65_536, "every character is counted");
    let listed = report["diagnostics"].as_array().unwrap();
    assert_eq!(listed.len(), 101);
    for (i, d) in listed.iter().enumerate() {
        assert_eq!(d["code"], "TTHC033");
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(1), Some(i as u64 + 1))
        );
    }
    assert!(listed[..100].iter().all(|d| d.get("more").is_none()));
    let last = &listed[100];
    assert_eq!(last["more"], 65_435);
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .ends_with("; 65,435 more like it in this file are counted, not listed"),
        "{last}"
    );
}

#[test]
fn the_cli_lists_a_hundred_findings_of_a_rule_and_counts_the_rest() {
    let dir = scratch("cli");
    let file = dir.join("pasted.tthc");
    std::fs::write(&file, DEL.to_string().repeat(65_536)).unwrap();
    let o = common::tthc(&["check", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() < 64 * 1024, "{} bytes", o.stdout.len());
    assert_capped(&serde_json::from_slice(&o.stdout).unwrap());

    // The human report shows a window of a long line, not the whole line each time.
    let o = common::tthc(&["check", file.to_str().unwrap(), "--format", "human"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.stdout.len() < 100 * 1024, "{} bytes", o.stdout.len());
    assert_eq!(text.matches("TTHC033").count(), 101);
    assert!(text.contains("pasted.tthc:1:101]"), "{text}");
    assert!(text.contains("65,435 more like it in this file are counted, not"));
    assert!(text.contains("65536 errors"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_caps_each_rule_on_its_own_and_each_file_on_its_own() {
    let dir = scratch("lines");
    // 300 comment lines each hiding a DEL, in two files.
    for name in ["a.tthc", "b.tthc"] {
        std::fs::write(dir.join(name), format!("#{DEL}\n").repeat(300)).unwrap();
    }
    let o = common::tthc(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["errors"], 600);
    let listed = report["diagnostics"].as_array().unwrap();
    for name in ["a.tthc", "b.tthc"] {
        let of: Vec<&Value> = listed
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(name))
            .collect();
        assert_eq!(of.len(), 101, "{name}");
        assert_eq!(of[100]["line"], 101);
        assert_eq!(of[100]["more"], 199);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_check_endpoint_answers_a_small_report_for_a_hostile_text() {
    let sources = Sources::default();
    let snap = sources.load().expect("catalogue loads");
    let state = Arc::new(AppState::new(snap, sources, None));
    let body = json!({"text": DEL.to_string().repeat(65_536), "file": "pasted.tthc"});
    let req = Request::post("/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let resp = api::router(state).oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    let report: Value = serde_json::from_slice(&bytes).unwrap();
    assert_capped(&report);
    // The answer is what the server documents.
    let typed: tthc_server::types::CheckReport = serde_json::from_value(report).unwrap();
    assert_eq!(typed.diagnostics[100].more, 65_435);
    assert_eq!(typed.omitted, 0);
}
