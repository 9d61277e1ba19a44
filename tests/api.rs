//! The HTTP API, through the router (tower `oneshot`) and once over a real socket.

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

fn state_with(sources: Sources, token: Option<&str>) -> Arc<AppState> {
    let snap = sources.load().expect("catalogue loads");
    Arc::new(AppState::new(snap, sources, token.map(str::to_string)))
}

fn bundled() -> Arc<AppState> {
    state_with(Sources::default(), None)
}

struct Reply {
    status: StatusCode,
    content_type: String,
    version: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
}

async fn call(state: &Arc<AppState>, req: Request<Body>) -> Reply {
    let resp = api::router(Arc::clone(state)).oneshot(req).await.unwrap();
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let version = resp
        .headers()
        .get("catalogue-version")
        .map(|v| v.to_str().unwrap().to_string());
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        content_type,
        version,
        body,
    }
}

async fn get(state: &Arc<AppState>, uri: &str) -> Reply {
    call(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(state: &Arc<AppState>, uri: &str, body: Value) -> Reply {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    call(state, req).await
}

fn assert_problem(r: &Reply, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(r.content_type, "application/problem+json");
    let p = r.json();
    assert_eq!(p["code"], code, "{p}");
    assert_eq!(p["status"], status.as_u16());
    assert!(
        !p["detail"].as_str().unwrap().is_empty() && !p["detail_vi"].as_str().unwrap().is_empty()
    );
}

const XNTTHN: &str = "cap-giay-xac-nhan-tinh-trang-hon-nhan";

#[tokio::test]
async fn healthz_reports_the_catalogue_version_in_body_and_header() {
    let s = bundled();
    let r = get(&s, "/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["procedures"], 37);
    assert_eq!(r.version.as_deref(), v["catalogue_version"].as_str());
    assert_eq!(v["catalogue_version"].as_str().unwrap().len(), 16);
}

#[tokio::test]
async fn lists_and_details_procedures() {
    let s = bundled();
    let list = get(&s, "/v1/procedures").await.json();
    let procs = list["procedures"].as_array().unwrap();
    assert_eq!(procs.len(), 37);
    let khai_sinh = procs.iter().find(|p| p["code"] == "1.001193").unwrap();
    assert_eq!(
        khai_sinh["versions"][0]["authority"]["title"],
        "UBND cấp xã"
    );

    let d = get(&s, &format!("/v1/procedures/{XNTTHN}")).await.json();
    let v = &d["versions"][0];
    assert_eq!(v["source"]["item"], "B.16");
    assert_eq!(v["total"]["base"]["days"], "3");
    assert_eq!(
        v["steps"][1]["timing"]["variants"][0]["variant"],
        "verification"
    );
    assert_eq!(
        v["steps"][1]["timing"]["variants"][0]["amount"]["numerator"],
        22
    );
    assert_eq!(v["steps"][0]["timing"]["base"]["denominator"], 2);
    // A case's condition as the decision words it (B.2, `variant … when "…"`), and
    // none where the file states none (B.16).
    assert!(v["variants"][0].get("condition").is_none(), "{v}");
    let b2 = get(&s, "/v1/procedures/dang-ky-ket-hon").await.json();
    assert_eq!(
        b2["versions"][0]["variants"][0]["condition"],
        "Cần xác minh điều kiện kết hôn của 2 bên nam, nữ"
    );

    let at = get(
        &s,
        "/v1/procedures/dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai?at=2025-06-30",
    )
    .await;
    assert_eq!(at.status, StatusCode::OK);
    assert_eq!(at.json()["versions"].as_array().unwrap().len(), 1);
    // Before Decision 1086 took effect, nothing is in force (whatever later decisions the
    // catalogue holds; tests/coverage.rs checks what is in force after the reform).
    let before = get(
        &s,
        "/v1/procedures/dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai?at=2023-06-01",
    )
    .await;
    assert_problem(&before, StatusCode::NOT_FOUND, "no_version_in_force");
    assert_problem(
        &get(&s, &format!("/v1/procedures/{XNTTHN}?at=30/4/2025")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
    );
    let unknown = get(&s, "/v1/procedures/cap-giay-xac-nhan").await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "unknown_procedure");
}

#[tokio::test]
async fn deadline_skips_tet_and_counts_the_swapped_saturday() {
    let s = bundled();
    // Friday before Tết Ất Tỵ; Tết days 27–31/1/2025 are skipped.
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = r.json();
    assert_eq!(d["due_at"], "2025-02-05T10:00:00+07:00");
    assert_eq!(d["clock_started_at"], "2025-01-24T10:00:00+07:00");
    assert_eq!(d["provisional"], false);
    assert_eq!(d["steps"][0]["due_at"], "2025-01-24T15:30:00+07:00");
    assert_eq!(d["version"]["source"]["decision"], "1086/QĐ-UBND");
    // Saturday 26/4/2025 was a working day (swap for Friday 2/5).
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-04-26 09:00"}),
    )
    .await;
    assert_eq!(r.json()["due_at"], "2025-05-05T09:00:00+07:00");
    // Verification: 23 working days.
    let r = post(&s, "/v1/deadlines", json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00", "variant": "verification"})).await;
    assert_eq!(r.json()["due_at"], "2025-03-05T10:00:00+07:00");
}

#[tokio::test]
async fn same_day_after_cutoff_is_due_at_the_close_of_the_next_working_day() {
    let s = bundled();
    let before = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": "dang-ky-khai-sinh", "received_at": "2025-03-04T14:59:00+07:00"}),
    )
    .await
    .json();
    assert_eq!(before["due_at"], "2025-03-04T17:00:00+07:00");
    let after = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": "dang-ky-khai-sinh", "received_at": "2025-04-29T15:30:00+07:00"}),
    )
    .await
    .json();
    assert_eq!(after["clock_started_at"], "2025-05-05T07:30:00+07:00");
    assert_eq!(after["due_at"], "2025-05-05T17:00:00+07:00");
}

#[tokio::test]
async fn explanation_names_the_holidays_the_cutoff_and_the_source() {
    let s = bundled();
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-01-24T17:30:00+07:00", "explain": true}),
    )
    .await;
    let e = &r.json()["explanation"];
    // B.16's 3 days: Decision 1086/QĐ-UBND's file says its cutoff reaches same-day counts
    // only, so 15:00 does not apply; the receipt is after the close (17:00), so the count
    // starts at the next opening.
    assert_eq!(e["clock"]["reason"], "outside_working_hours");
    assert_eq!(e["clock"]["cutoff_applied"], false);
    assert_eq!(e["clock"]["cutoff"], Value::Null);
    assert_eq!(e["clock"]["cutoff_source"], "decision");
    assert_eq!(e["clock"]["cutoff_decision"], "1086/QĐ-UBND");
    assert_eq!(e["clock"]["cutoff_reach"], "same_day");
    assert_eq!(e["clock"]["cutoff_out_of_reach"], "15:00");
    assert!(
        e["clock"]["cutoff_vi"]
            .as_str()
            .unwrap()
            .contains("theo Quyết định 1086/QĐ-UBND"),
        "{}",
        e["clock"]["cutoff_vi"]
    );
    assert_eq!(e["source"]["item"], "B.16");
    assert_eq!(e["calendar"]["days"], "official");
    // Received after the close on the Friday before Tết: the Tết days are skipped before
    // the count starts on Monday 3/2.
    assert_eq!(e["clock"]["clock_started_at"], "2025-02-03T07:30:00+07:00");
    let skipped: Vec<&Value> = e["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["skipped_days"].as_array().unwrap())
        .chain(e["clock"]["skipped_days"].as_array().unwrap())
        .collect();
    assert!(
        skipped
            .iter()
            .any(|d| d["date"] == "2025-01-29" && d["reason"] == "holiday"),
        "{skipped:?}"
    );
    assert!(skipped.iter().any(|d| d["reason"] == "weekend"));
    assert!(
        e["summary_vi"].as_str().unwrap().contains("Tết"),
        "{}",
        e["summary_vi"]
    );
    // Without `explain`, no explanation.
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-01-24T16:00:00+07:00"}),
    )
    .await;
    assert!(r.json().get("explanation").is_none());
}

#[tokio::test]
async fn statuses_at_a_moment_and_at_completion() {
    let s = bundled();
    let case = |extra: Value| {
        let mut v = json!({"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00"});
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        v
    };
    let st = |r: Reply| r.json();
    let a = st(post(
        &s,
        "/v1/status",
        case(json!({"at": "2025-01-06T10:00:00+07:00"})),
    )
    .await);
    assert_eq!(a["status"], "due_soon");
    assert_eq!(a["due_at"], "2025-01-07T08:00:00+07:00");
    assert_eq!(a["working_minutes"], 360);
    assert_eq!(a["working_time_vi"], "6 giờ");
    assert_eq!(a["label_vi"], "Còn 6 giờ");
    // receive is due Thu 13:30, appraise Mon 13:30, approve Tue 08:00.
    assert_eq!(a["current_step"], "appraise");
    let a = st(post(
        &s,
        "/v1/status",
        case(json!({"at": "2025-01-02T09:00:00+07:00"})),
    )
    .await);
    assert_eq!(a["status"], "not_due");
    assert_eq!(a["current_step"], "receive");
    let a = st(post(
        &s,
        "/v1/status",
        case(json!({"at": "2025-01-08T09:00:00+07:00"})),
    )
    .await);
    assert_eq!(a["status"], "overdue");
    assert!(a["current_step"].is_null());
    assert_eq!(
        st(post(
            &s,
            "/v1/status",
            case(json!({"completed_at": "2025-01-06T16:00:00+07:00"}))
        )
        .await)["status"],
        "early"
    );
    assert_eq!(
        st(post(
            &s,
            "/v1/status",
            case(json!({"completed_at": "2025-01-07T07:45:00+07:00"}))
        )
        .await)["status"],
        "on_time"
    );
    let late = st(post(
        &s,
        "/v1/status",
        case(json!({"completed_at": "2025-01-07T09:00:00+07:00"})),
    )
    .await);
    assert_eq!(late["status"], "late");
    assert_eq!(late["working_minutes"], 60);
    assert_eq!(late["label_vi"], "Trễ hạn 1 giờ");
    let before = post(
        &s,
        "/v1/status",
        case(json!({"completed_at": "2025-01-01T09:00:00+07:00"})),
    )
    .await;
    assert_problem(
        &before,
        StatusCode::UNPROCESSABLE_ENTITY,
        "completion_before_receipt",
    );
    assert_eq!(before.json()["field"], "completed_at");
    let both = post(
        &s,
        "/v1/status",
        case(
            json!({"at": "2025-01-06T10:00:00+07:00", "completed_at": "2025-01-06T10:00:00+07:00"}),
        ),
    )
    .await;
    assert_problem(&both, StatusCode::UNPROCESSABLE_ENTITY, "invalid_field");
}

#[tokio::test]
async fn pauses_delay_and_bad_pauses_are_rejected() {
    let s = bundled();
    let base = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-03T08:00:00+07:00"}),
    )
    .await
    .json();
    let paused = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-03T08:00:00+07:00",
        "pauses": [{"from": "2025-03-04T08:00:00+07:00", "to": "2025-03-05T08:00:00+07:00"}]}),
    )
    .await
    .json();
    assert_eq!(base["due_at"], "2025-03-06T08:00:00+07:00");
    assert_eq!(paused["due_at"], "2025-03-07T08:00:00+07:00");
    let backwards = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-03T08:00:00+07:00",
        "pauses": [{"from": "2025-03-05T08:00:00+07:00", "to": "2025-03-04T08:00:00+07:00"}]}),
    )
    .await;
    assert_problem(
        &backwards,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pause_runs_backwards",
    );
    let overlap = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-03T08:00:00+07:00",
        "pauses": [{"from": "2025-03-04T08:00:00+07:00", "to": "2025-03-05T08:00:00+07:00"},
                   {"from": "2025-03-04T10:00:00+07:00", "to": "2025-03-06T08:00:00+07:00"}]}),
    )
    .await;
    assert_problem(&overlap, StatusCode::UNPROCESSABLE_ENTITY, "pauses_overlap");
    let bad_time = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-03T08:00:00+07:00",
        "pauses": [{"from": "2025-03-04T08:00:00+07:00", "to": "soon"}]}),
    )
    .await;
    assert_problem(&bad_time, StatusCode::UNPROCESSABLE_ENTITY, "bad_datetime");
    assert_eq!(bad_time.json()["field"], "pauses[0].to");
}

#[tokio::test]
async fn bad_input_of_every_kind_is_a_4xx_problem() {
    let s = bundled();
    let raw = |body: &str, ct: &str| {
        Request::post("/v1/deadlines")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    assert_problem(
        &call(&s, raw("{not json", "application/json")).await,
        StatusCode::BAD_REQUEST,
        "malformed_json",
    );
    assert_problem(
        &call(&s, raw("{}", "text/plain")).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    assert_problem(
        &call(&s, raw("{\"procedure\": 5}", "application/json")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    );
    let huge = format!(
        "{{\"procedure\": \"{}\", \"received_at\": \"2025-01-01\"}}",
        "x".repeat(api::BODY_LIMIT)
    );
    assert_problem(
        &call(&s, raw(&huge, "application/json")).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
    );
    let cases = [
        (
            json!({"procedure": "khong-co", "received_at": "2025-01-02T08:00:00+07:00"}),
            StatusCode::NOT_FOUND,
            "unknown_procedure",
            "procedure",
        ),
        (
            json!({"procedure": XNTTHN, "received_at": "2025-02-30T08:00:00+07:00"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "impossible_datetime",
            "received_at",
        ),
        (
            json!({"procedure": XNTTHN, "received_at": "2099-01-02T08:00:00+07:00"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "out_of_range",
            "received_at",
        ),
        (
            json!({"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00", "variant": "cu"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_variant",
            "variant",
        ),
        (
            json!({"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00", "calendar": "mars"}),
            StatusCode::NOT_FOUND,
            "unknown_calendar",
            "calendar",
        ),
        (
            // Before Decision 1086 took effect (09/04/2024): nothing is in force, whatever
            // later decisions the catalogue holds.
            json!({"procedure": "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai", "received_at": "2023-08-01T08:00:00+07:00"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_version_in_force",
            "received_at",
        ),
        (
            json!({"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00", "restarted_at": "2024-12-01T08:00:00+07:00"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "restart_before_receipt",
            "restarted_at",
        ),
    ];
    for (body, status, code, field) in cases {
        let r = post(&s, "/v1/deadlines", body.clone()).await;
        assert_problem(&r, status, code);
        assert_eq!(r.json()["field"], field, "{body}");
    }
    assert_problem(
        &get(&s, "/v2/anything").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let wrong_method = call(
        &s,
        Request::delete("/v1/deadlines")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_problem(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn batches_answer_each_case_and_enforce_their_limit() {
    let s = bundled();
    let r = post(
        &s,
        "/v1/deadlines/batch",
        json!({"cases": [
            {"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"},
            {"procedure": "khong-co", "received_at": "2025-01-24T10:00:00+07:00"},
        ]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let results = r.json()["results"].clone();
    assert_eq!(results[0]["ok"], true);
    assert_eq!(
        results[0]["deadline"]["due_at"],
        "2025-02-05T10:00:00+07:00"
    );
    assert_eq!(results[1]["ok"], false);
    assert_eq!(results[1]["error"]["code"], "unknown_procedure");
    assert_eq!(results[1]["error"]["field"], "cases[1].procedure");

    let r = post(&s, "/v1/status/batch", json!({"cases": [
        {"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00", "at": "2025-01-08T09:00:00+07:00"},
        {"procedure": XNTTHN, "received_at": "2025-01-02T08:00:00+07:00", "completed_at": "2024-01-01T08:00:00+07:00"},
    ]})).await.json();
    assert_eq!(r["results"][0]["status"]["status"], "overdue");
    assert_eq!(
        r["results"][1]["error"]["code"],
        "completion_before_receipt"
    );

    let one = json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"});
    let full = post(
        &s,
        "/v1/deadlines/batch",
        json!({"cases": vec![one.clone(); 1000]}),
    )
    .await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.json()["results"].as_array().unwrap().len(), 1000);
    let over = post(&s, "/v1/deadlines/batch", json!({"cases": vec![one; 1001]})).await;
    assert_problem(&over, StatusCode::PAYLOAD_TOO_LARGE, "batch_too_large");
}

#[tokio::test]
async fn calendars_as_json_and_ics() {
    let s = bundled();
    let c = get(&s, "/v1/calendars/vn?year=2025").await.json();
    assert_eq!(c["minutes_per_day"], 480);
    assert_eq!(c["cutoff"], "15:00");
    let days = c["days"].as_array().unwrap();
    assert!(
        days.iter()
            .any(|d| d["date"] == "2025-04-26" && d["kind"] == "working-day")
    );
    assert!(
        days.iter()
            .any(|d| d["date"] == "2025-01-29" && d["kind"] == "holiday")
    );
    let ics = get(&s, "/v1/calendars/vn/2025.ics").await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.content_type.starts_with("text/calendar"));
    assert!(ics.text().contains("BEGIN:VCALENDAR"));
    assert!(
        ics.text().contains("DTSTART;VALUE=DATE:20250430"),
        "{}",
        ics.text()
    );
    let computed = get(&s, "/v1/calendars/vn?year=2030").await.json();
    assert!(
        computed["days"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["provisional"] == true)
    );
    assert_problem(
        &get(&s, "/v1/calendars/vn/3000.ics").await,
        StatusCode::NOT_FOUND,
        "out_of_range",
    );
    assert_problem(
        &get(&s, "/v1/calendars/vn/2025.txt").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_problem(
        &get(&s, "/v1/calendars/mars").await,
        StatusCode::NOT_FOUND,
        "unknown_calendar",
    );
}

#[tokio::test]
async fn openapi_and_metrics() {
    let s = bundled();
    let doc = get(&s, "/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/v1/procedures",
        "/v1/procedures/{id}",
        "/v1/deadlines",
        "/v1/status",
        "/v1/deadlines/batch",
        "/v1/status/batch",
        "/v1/calendars/{id}",
        "/healthz",
        "/metrics",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is not documented");
    }
    assert!(
        doc["paths"].get("/v1/admin/reload").is_none(),
        "no admin route without a token"
    );
    let _ = get(&s, "/healthz").await;
    let m = get(&s, "/metrics").await;
    assert!(m.content_type.starts_with("text/plain"));
    assert!(
        m.text().contains(
            "tthc_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"
        ),
        "{}",
        m.text()
    );
    assert!(
        m.text()
            .contains("tthc_http_request_duration_seconds_bucket{route=\"/healthz\"")
    );
}

#[tokio::test]
async fn reload_replaces_a_valid_catalogue_and_keeps_the_old_one_otherwise() {
    let dir = std::env::temp_dir().join(format!("tthc-api-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(std::path::Path::new("procedures"), &dir);
    let sources = Sources {
        procedures: vec![dir.clone()],
        calendars: None,
    };
    let s = state_with(sources.clone(), Some("s3cret"));
    let v0 = get(&s, "/healthz").await.json()["catalogue_version"].clone();
    let reload = |token: &'static str| {
        Request::post("/v1/admin/reload")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_problem(
        &call(&s, reload("wrong")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );

    // Break a file: the reload is refused and the old catalogue keeps answering.
    let b16 = dir.join("1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc");
    let good = std::fs::read_to_string(&b16).unwrap();
    std::fs::write(&b16, good.replace("total 3 days", "total 4 days")).unwrap();
    let refused = call(&s, reload("s3cret")).await;
    assert_problem(&refused, StatusCode::CONFLICT, "invalid_catalogue");
    assert!(
        refused.json()["detail"]
            .as_str()
            .unwrap()
            .contains("TTHC012")
    );
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.json()["due_at"], "2025-02-05T10:00:00+07:00");
    assert_eq!(r.version.as_deref(), v0.as_str());

    // A valid change is taken, with a new version.
    // (The printed words change with the numbers: TTHC041 holds them together.)
    let changed = good
        .replace("total 3 days", "total 4 days")
        .replace(
            "by commune-civil-status 02 days",
            "by commune-civil-status 03 days",
        )
        .replace("verification 23 days", "verification 24 days")
        .replace("verification 22 days", "verification 23 days")
        .replace(
            "\"3 ngày (TH cần xác minh: 23 ngày)\"",
            "\"4 ngày (TH cần xác minh: 24 ngày)\"",
        )
        .replace(
            "\"02 ngày (22 ngày nếu cần xác minh)\"",
            "\"03 ngày (23 ngày nếu cần xác minh)\"",
        );
    std::fs::write(&b16, changed).unwrap();
    let ok = call(&s, reload("s3cret")).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let v1 = ok.json()["catalogue_version"].clone();
    assert_ne!(v0, v1);
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.json()["due_at"], "2025-02-06T10:00:00+07:00");
    assert_eq!(r.version.as_deref(), v1.as_str());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn serves_over_a_real_socket() {
    use std::io::{Read, Write};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = api::router(bundled());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let body = json!({"procedure": XNTTHN, "received_at": "2025-01-24T10:00:00+07:00"}).to_string();
    let req = format!(
        "POST /v1/deadlines HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let resp = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.write_all(req.as_bytes()).unwrap();
        let mut resp = String::new();
        stream.read_to_string(&mut resp).unwrap();
        resp
    })
    .await
    .unwrap();
    assert!(resp.starts_with("HTTP/1.1 200 OK"), "{resp}");
    assert!(resp.to_ascii_lowercase().contains("catalogue-version: "));
    assert!(resp.contains("\"due_at\":\"2025-02-05T10:00:00+07:00\""));
    server.abort();
}

/// A portal developer trying the CLI sees what the API will return: the same case gives
/// the same keys and values from `tthc due --json` / `tthc status --json` as from
/// `POST /v1/deadlines` / `POST /v1/status` (both read ./procedures and ./calendars here).
#[tokio::test]
async fn the_cli_json_is_the_api_response() {
    let state = bundled();
    let cli = |args: &[&str]| -> Value {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let cases = [
        (
            json!({"procedure": "cap-giay-xac-nhan-tinh-trang-hon-nhan", "received_at": "2025-01-24 10:00", "explain": true}),
            vec![
                "due",
                "cap-giay-xac-nhan-tinh-trang-hon-nhan",
                "--received",
                "2025-01-24 10:00",
                "--explain",
                "--json",
            ],
        ),
        (
            json!({"procedure": "cap-giay-xac-nhan-tinh-trang-hon-nhan", "received_at": "2025-03-03T08:00:00+07:00",
                   "variant": "verification", "pauses": [{"from": "2025-03-04 09:00", "to": "2025-03-05 09:00"}],
                   "restarted_at": "2025-03-03 10:00", "due_time": "end_of_day"}),
            vec![
                "due",
                "cap-giay-xac-nhan-tinh-trang-hon-nhan",
                "--received",
                "2025-03-03T08:00:00+07:00",
                "--variant",
                "verification",
                "--pause",
                "2025-03-04 09:00/2025-03-05 09:00",
                "--restarted",
                "2025-03-03 10:00",
                "--due-time",
                "end-of-day",
                "--json",
            ],
        ),
    ];
    for (body, args) in cases {
        let api = post(&state, "/v1/deadlines", body.clone()).await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.text());
        assert_eq!(cli(&args), api.json(), "{body}");
    }
    let body = json!({"procedure": "dang-ky-khai-sinh", "received_at": "2025-03-04 17:30", "at": "2025-03-05 16:00"});
    let api = post(&state, "/v1/status", body).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.text());
    let args = [
        "status",
        "dang-ky-khai-sinh",
        "--received",
        "2025-03-04 17:30",
        "--at",
        "2025-03-05 16:00",
        "--json",
    ];
    assert_eq!(cli(&args), api.json());
}

#[tokio::test]
async fn datetimes_other_systems_send_are_accepted_and_impossible_ones_refused() {
    let s = bundled();
    // The case of `deadline_skips_tet_and_counts_the_swapped_saturday` (due 05/02/2025
    // 10:00 after Tết), written as other systems write it. The engine counts whole
    // minutes and a started minute counts as begun: a receipt at 10:00:00.750 starts
    // the clock at 10:01, so its appointment is 10:01.
    for (received, due) in [
        ("2025-01-24T10:00:00+0700", "2025-02-05T10:00:00+07:00"),
        ("24/01/2025 10:00:00", "2025-02-05T10:00:00+07:00"),
        ("24/01/2025 10:00", "2025-02-05T10:00:00+07:00"),
        ("2025-01-24T10:00:00.750+0700", "2025-02-05T10:01:00+07:00"),
        ("2025-01-24T03:00:00.5Z", "2025-02-05T10:01:00+07:00"),
    ] {
        let r = post(
            &s,
            "/v1/deadlines",
            json!({"procedure": XNTTHN, "received_at": received}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{received}: {}", r.text());
        assert_eq!(r.json()["due_at"], due, "{received}");
    }
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "30/02/2025 10:00"}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    let body = r.text();
    assert!(body.contains("does not exist"), "{body}");
    assert!(body.contains("04/03/2025 11:04:00"), "{body}");
}

#[tokio::test]
async fn a_case_the_procedure_does_not_have_is_a_4xx_naming_its_cases() {
    let s = bundled();
    // B.1 states no verification time; the ordinary time must not be answered instead.
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": "dang-ky-khai-sinh", "received_at": "2025-03-04 10:00", "variant": "verification"}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    let body = r.json();
    assert_eq!(body["code"], "unknown_variant", "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("only its ordinary case"),
        "{body}"
    );
}

#[tokio::test]
async fn a_deadline_across_an_uncertain_day_lists_it() {
    let s = bundled();
    // Mon 23/11/2026 08:00 + 3 working days: 24/11 (Ngày Văn hóa Việt Nam, uncertain)
    // counts as a day off in `vn`, so: Mon 210 + 240 min, Wed 480, Thu 480, and the last
    // 30 minutes on Fri 27/11 from 07:30 → 08:00.
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2026-11-23T08:00:00+07:00", "explain": true}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = r.json();
    assert_eq!(d["due_at"], "2026-11-27T08:00:00+07:00");
    assert_eq!(d["uncertain_days"], json!(["2026-11-24"]));
    let cal = &d["explanation"]["calendar"];
    assert_eq!(cal["uncertain_days"], json!(["2026-11-24"]));
    assert_eq!(cal["uncertain_days_counted_as"], "day_off");
    let summary = d["explanation"]["summary_en"].as_str().unwrap();
    assert!(summary.contains("Uncertain: 24 Nov 2026"), "{summary}");
    // The calendar marks the day.
    let c = get(&s, "/v1/calendars/vn?year=2026").await.json();
    let day = c["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-11-24")
        .unwrap()
        .clone();
    assert_eq!(day["confidence"], "uncertain");
    assert_eq!(c["uncertain_days"], "day_off");
    // A span that ends before it lists nothing: Mon 16/11/2026 08:00 → Thu 19/11 08:00.
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2026-11-16T08:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.json()["uncertain_days"], json!([]));
}

#[tokio::test]
async fn a_provincial_calendar_folder_extends_the_bundled_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calendars");
    let s = state_with(
        Sources {
            calendars: Some(dir),
            ..Sources::default()
        },
        None,
    );
    let c = get(&s, "/v1/calendars/mua-he?year=2025").await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text());
    let c = c.json();
    assert_eq!(c["extends"], "vn");
    assert_eq!(c["uncertain_days"], "working_day");
    assert_eq!(
        c["seasons"],
        json!([
            "05-01/09-30 07:00-11:00 13:30-17:30",
            "10-01/04-30 07:30-11:30 13:00-17:00"
        ])
    );
    // The national days off are inherited: Tết 2025 (Mon 27/01) is there.
    assert!(
        c["days"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2025-01-27")
    );
    // The An Giang case over the API, on the province's calendar (bundled).
    let s = state_with(Sources::default(), None);
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": XNTTHN, "received_at": "2025-03-04T11:04:42+07:00", "calendar": "an-giang"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // 11:05 is in An Giang's lunch break: start 13:00 Tue 04/03/2025; 3 days (1440 min):
    // Tue 240, Wed 480, Thu 480, Fri 240 → the end of Friday's morning session, 11:00.
    let d = r.json();
    assert_eq!(d["clock_started_at"], "2025-03-04T13:00:00+07:00");
    assert_eq!(d["due_at"], "2025-03-07T11:00:00+07:00");
}

#[tokio::test]
async fn a_procedure_without_an_ordinary_case_asks_for_one_and_lists_its_cases() {
    let s = bundled();
    // A.6: a guardian by law or appointed; neither is the ordinary case.
    let a6 = "dang-ky-giam-ho-co-yeu-to-nuoc-ngoai";
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": a6, "received_at": "2025-03-12 09:00"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let body = r.json();
    assert_eq!(body["code"], "case_required", "{body}");
    assert_eq!(body["field"], "variant", "{body}");
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("`by-law` or `appointed`"), "{body}");
    // Either case answers: 3 and 5 working days from Wed 12/03/2025 09:00.
    for (variant, due) in [
        ("by-law", "2025-03-17T09:00:00+07:00"),
        ("appointed", "2025-03-19T09:00:00+07:00"),
    ] {
        let r = post(
            &s,
            "/v1/deadlines",
            json!({"procedure": a6, "received_at": "2025-03-12 09:00", "variant": variant}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["due_at"], due, "{variant}");
    }
    // The problem type is documented.
    let page = get(&s, "/problems/case_required").await;
    assert_eq!(page.status, StatusCode::OK);
}

/// Every entry point finds a procedure by its national code as by its id: the
/// procedure's own page, its source, and the deadline of a case (issue: `GET
/// /v1/procedures/1.001193` answered 404 while `POST /v1/deadlines` accepted it).
#[tokio::test]
async fn a_national_code_names_its_procedure_everywhere() {
    let s = bundled();
    let by_code = get(&s, "/v1/procedures/1.001193").await;
    assert_eq!(by_code.status, StatusCode::OK, "{}", by_code.text());
    let p = by_code.json();
    assert_eq!(p["id"], "dang-ky-khai-sinh");
    assert_eq!(p["versions"][0]["source"]["item"], "B.1");
    let by_id = get(&s, "/v1/procedures/dang-ky-khai-sinh").await;
    assert_eq!(by_code.json(), by_id.json());
    let source = get(&s, "/v1/procedures/1.001193/source").await;
    assert_eq!(source.status, StatusCode::OK, "{}", source.text());
    assert_eq!(source.json()["procedure"], "dang-ky-khai-sinh");
    let due = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": "1.001193", "received_at": "2025-03-04T09:00:00+07:00"}),
    )
    .await;
    assert_eq!(due.json()["procedure"], "dang-ky-khai-sinh");
    // A code that names nothing is a 404 like an unknown id.
    assert_problem(
        &get(&s, "/v1/procedures/9.999999").await,
        StatusCode::NOT_FOUND,
        "unknown_procedure",
    );
}

/// Issue 21, item 17: the fictional amendment 2222/QĐ-UBND laid over a copy of the
/// bundled catalogue is served: A.1 has its commune version from 01/07/2025, the district
/// one before; A.2's appointment under the new decision is the one worked out by hand in
/// its examples.yaml; A.15, repealed, has nothing in force after 30/06/2025.
#[tokio::test]
async fn an_amendment_over_the_bundled_catalogue_is_served() {
    let dir = common::catalogue_with_2222("api");
    let s = state_with(
        Sources {
            procedures: vec![dir.join("procedures")],
            calendars: Some(dir.join("calendars")),
        },
        None,
    );
    let a1 = "dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai";
    let v = get(&s, &format!("/v1/procedures/{a1}?at=2025-07-01")).await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.text());
    let v = v.json();
    assert_eq!(
        v["versions"][0]["source"]["decision"], "2222/QĐ-UBND",
        "{v:#}"
    );
    assert_eq!(v["versions"][0]["authority"]["id"], "commune", "{v:#}");
    let v = get(&s, &format!("/v1/procedures/{a1}?at=2025-06-30"))
        .await
        .json();
    assert_eq!(
        v["versions"][0]["source"]["decision"], "1086/QĐ-UBND",
        "{v:#}"
    );
    // Tue 03/03/2026 10:00 + 15 working days, no holiday in March 2026 (examples.yaml).
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": "dang-ky-ket-hon-co-yeu-to-nuoc-ngoai", "received_at": "2026-03-03T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = r.json();
    assert_eq!(d["due_at"], "2026-03-24T10:00:00+07:00", "{d:#}");
    assert_eq!(d["version"]["source"]["decision"], "2222/QĐ-UBND");
    let a15 = "dang-ky-lai-khai-tu-co-yeu-to-nuoc-ngoai";
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": a15, "received_at": "2026-03-03T10:00:00+07:00"}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    let r = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": a15, "received_at": "2025-06-30T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The procedures in force in 2026: the three re-published, not A.15.
    let l = get(&s, "/v1/procedures?at=2026-01-05").await.json();
    let ids: Vec<&str> = l
        .as_array()
        .or(l["procedures"].as_array())
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&a1) && !ids.contains(&a15), "{ids:?}");
}

/// Search tolerates how people type (issue 21, item 13): `ki` for `ký`, the other names a
/// procedure carries in its file (`alias`), and whole words, so that `khai tu` does not
/// find the `tu` of "thủ tục" in every name. The expected sets are read off the names in
/// procedures/1086-QD-UBND by hand.
#[tokio::test]
async fn search_finds_the_spellings_people_type_and_whole_words_only() {
    let state = bundled();
    let ids = |v: Value| -> Vec<String> {
        let mut ids: Vec<String> = v["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let found = ids(get(&state, "/v1/procedures?q=dang%20ki%20ket%20hon")
        .await
        .json());
    assert!(found.contains(&"dang-ky-ket-hon".to_string()), "{found:?}");
    let found = ids(get(
        &state,
        "/v1/procedures?q=gi%E1%BA%A5y%20x%C3%A1c%20nh%E1%BA%ADn%20%C4%91%E1%BB%99c%20th%C3%A2n",
    )
    .await
    .json());
    assert_eq!(found, [XNTTHN], "giấy xác nhận độc thân");
    let detail = get(&state, &format!("/v1/procedures/{XNTTHN}"))
        .await
        .json();
    assert_eq!(detail["aliases"][0], "Giấy xác nhận độc thân");
    // Seven names have the word "khai tử": A.3, A.11 (its list of acts), A.15, B.5, B.8,
    // B.12 and B.20.
    let found = ids(get(&state, "/v1/procedures?q=khai%20tu").await.json());
    let mut expected = vec![
        "dang-ky-khai-tu-co-yeu-to-nuoc-ngoai",
        "ghi-vao-so-ho-tich-viec-ho-tich-khac-o-nuoc-ngoai",
        "dang-ky-lai-khai-tu-co-yeu-to-nuoc-ngoai",
        "dang-ky-khai-tu",
        "dang-ky-khai-tu-luu-dong",
        "dang-ky-khai-tu-co-yeu-to-nuoc-ngoai-tai-khu-vuc-bien-gioi",
        "dang-ky-lai-khai-tu",
    ];
    expected.sort();
    assert_eq!(found, expected);
    // The word being typed may begin a word once it has three letters.
    let found = ids(get(&state, "/v1/procedures?q=ket%20hon%20luu%20don")
        .await
        .json());
    assert_eq!(found, ["dang-ky-ket-hon-luu-dong"]);
}
