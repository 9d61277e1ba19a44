//! The API as integrators and operators meet it: bounded metrics, a valid OpenAPI
//! document whose problem types resolve, CORS, batch ids, procedure filters, health and
//! readiness, request ids (issue 9, items 10–12).

mod common;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;
use tower::ServiceExt;
use tthc_server::{
    self as api,
    state::{AppState, Sources},
};

fn bundled() -> Arc<AppState> {
    let sources = Sources::default();
    let snap = sources.load().expect("catalogue loads");
    Arc::new(AppState::new(snap, sources, None))
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
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
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn call(state: &Arc<AppState>, req: Request<Body>) -> Reply {
    let resp = api::router(Arc::clone(state)).oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        headers,
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

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The characters RFC 9110 allows in a method name (`token`).
const TCHAR: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// 2,000 requests with random method strings and random paths once grew `/metrics` by a
/// series each (100 MB after 3,000). Now every odd method is `_OTHER` and every
/// unmatched path `unmatched`, so the body stays the size of the route table.
#[tokio::test]
async fn metrics_stay_bounded_under_random_methods_and_paths() {
    let s = bundled();
    // First the worst a client can do within the labels: every known method on a path
    // of every route, with and without a valid body.
    let paths = [
        "/healthz",
        "/readyz",
        "/metrics",
        "/openapi.json",
        "/problems",
        "/problems/not_found",
        "/v1/procedures",
        "/v1/procedures/dang-ky-khai-sinh",
        "/v1/deadlines",
        "/v1/deadlines/batch",
        "/v1/status",
        "/v1/status/batch",
        "/v1/calendars/vn",
        "/v1/calendars/vn/2025.ics",
        "/nope",
    ];
    let known = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ];
    for path in paths {
        for method in known {
            for body in [
                "",
                "{}",
                "{\"procedure\": \"dang-ky-khai-sinh\", \"received_at\": \"2025-03-04 09:00\"}",
            ] {
                let req = Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body))
                    .unwrap();
                let _ = call(&s, req).await;
            }
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let routes = ["/healthz", "/v1/procedures", "/v1/deadlines", "/nope"];
    for i in 0..2_000 {
        let len = 1 + rng.below(12);
        let method: Vec<u8> = (0..len).map(|_| TCHAR[rng.below(TCHAR.len())]).collect();
        let method = Method::from_bytes(&method).unwrap();
        let uri = if i % 2 == 0 {
            routes[rng.below(routes.len())].to_string()
        } else {
            format!("/random/{}/{}", rng.next(), rng.next())
        };
        let r = call(
            &s,
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(r.status.is_client_error(), "{}", r.status);
    }
    let m = get(&s, "/metrics").await;
    eprintln!("/metrics: {} bytes", m.body.len());
    assert_eq!(m.status, StatusCode::OK);
    let text = m.text();
    assert!(
        text.len() < 200 * 1024,
        "/metrics is {} bytes after 2,000 odd requests",
        text.len()
    );
    let methods: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.split("method=\"").nth(1)?.split('"').next())
        .collect();
    let known = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "_OTHER",
    ];
    assert!(
        methods.iter().all(|m| known.contains(m)),
        "method labels: {methods:?}"
    );
    assert!(methods.contains("_OTHER"));
    let routes: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.split("route=\"").nth(1)?.split('"').next())
        .collect();
    assert!(
        routes
            .iter()
            .all(|r| *r == "unmatched" || !r.starts_with("/random")),
        "route labels: {routes:?}"
    );
}

/// Every operation of the document, as (method, path, operationId).
fn operations(doc: &Value) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((
                method.clone(),
                path.clone(),
                op["operationId"].as_str().map(str::to_string),
            ));
        }
    }
    out
}

/// Client generators (Java, .NET, PHP, Python) name methods after operationIds; two
/// operations once shared `get`.
#[tokio::test]
async fn every_operation_has_its_own_meaningful_operation_id() {
    let s = bundled();
    let doc = get(&s, "/openapi.json").await.json();
    let ops = operations(&doc);
    let ids: Vec<String> = ops
        .iter()
        .map(|(m, p, id)| {
            id.clone()
                .unwrap_or_else(|| panic!("{m} {p} has no operationId"))
        })
        .collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate operationIds: {ids:?}");
    let expected = [
        ("get", "/v1/procedures", "listProcedures"),
        ("get", "/v1/procedures/{id}", "getProcedure"),
        ("get", "/v1/procedures/{id}/source", "getProcedureSource"),
        ("post", "/v1/check", "checkText"),
        ("post", "/v1/deadlines", "computeDeadline"),
        ("post", "/v1/status", "computeStatus"),
        ("post", "/v1/deadlines/batch", "batchDeadlines"),
        ("post", "/v1/status/batch", "batchStatuses"),
        ("get", "/v1/calendars/{id}", "getCalendar"),
        ("get", "/v1/calendars/{id}/{year}.ics", "getCalendarIcs"),
        ("get", "/healthz", "getHealth"),
        ("get", "/readyz", "getReadiness"),
        ("get", "/metrics", "getMetrics"),
        ("get", "/problems", "listProblemTypes"),
        ("get", "/problems/{code}", "getProblemType"),
    ];
    for (method, path, id) in expected {
        assert_eq!(
            doc["paths"][path][method]["operationId"], id,
            "{method} {path}"
        );
    }
    assert_eq!(ops.len(), expected.len(), "{ops:?}");

    // With an admin token, the reload operation joins them, with its own id.
    let sources = Sources::default();
    let admin = Arc::new(AppState::new(
        sources.load().unwrap(),
        sources,
        Some("t".into()),
    ));
    let doc = get(&admin, "/openapi.json").await.json();
    assert_eq!(
        doc["paths"]["/v1/admin/reload"]["post"]["operationId"],
        "reloadCatalogue"
    );
    let ids: Vec<Option<String>> = operations(&doc).into_iter().map(|(_, _, id)| id).collect();
    let unique: BTreeSet<&Option<String>> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

/// The schema of `POST /v1/status` says what the server checks: exactly one of `at` and
/// `completed_at`. Validated with an independent JSON Schema implementation.
#[tokio::test]
async fn the_status_schema_requires_exactly_one_moment() {
    let s = bundled();
    let mut doc = get(&s, "/openapi.json").await.json();
    // The whole document as the root, so that `#/components/...` references resolve.
    doc["$ref"] = json!("#/components/schemas/StatusRequest");
    let validator = jsonschema::validator_for(&doc).expect("the document compiles as a schema");
    let case =
        json!({"procedure": "dang-ky-khai-sinh", "received_at": "2025-03-04T09:00:00+07:00"});
    let with = |extra: Value| {
        let mut v = case.clone();
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        v
    };
    let open = with(json!({"at": "2025-03-05T09:00:00+07:00"}));
    let done = with(json!({"completed_at": "2025-03-05T09:00:00+07:00"}));
    let both = with(
        json!({"at": "2025-03-05T09:00:00+07:00", "completed_at": "2025-03-05T09:00:00+07:00"}),
    );
    let neither = case.clone();
    let null_at = with(json!({"at": null, "completed_at": "2025-03-05T09:00:00+07:00"}));
    assert!(validator.is_valid(&open));
    assert!(validator.is_valid(&done));
    assert!(validator.is_valid(&null_at));
    assert!(!validator.is_valid(&both), "both moments must be refused");
    assert!(
        !validator.is_valid(&neither),
        "a missing moment must be refused"
    );
    // And the server agrees with the schema on each.
    for (body, ok) in [
        (open, true),
        (done, true),
        (null_at, true),
        (both, false),
        (neither, false),
    ] {
        let r = post(&s, "/v1/status", body.clone()).await;
        assert_eq!(r.status.is_success(), ok, "{body}: {}", r.text());
    }
}

/// Every problem `type` is `/problems/<code>` and resolves on the server to a plain page
/// with the code's title and explanation; no placeholder host remains.
#[tokio::test]
async fn every_problem_type_resolves() {
    let s = bundled();
    let mut seen = BTreeSet::new();
    let mut check = |r: Reply| {
        assert!(r.status.is_client_error(), "{}: {}", r.status, r.text());
        let p = r.json();
        let code = p["code"].as_str().unwrap().to_string();
        assert_eq!(p["type"], format!("/problems/{code}"), "{p}");
        seen.insert(code);
    };
    let xn = "cap-giay-xac-nhan-tinh-trang-hon-nhan";
    check(get(&s, "/nope").await);
    check(get(&s, "/v1/procedures/nope").await);
    check(get(&s, "/v1/procedures?at=2025-13-01").await);
    check(get(&s, &format!("/v1/procedures/{xn}?at=1999-01-01")).await);
    check(get(&s, "/v1/calendars/mars").await);
    check(get(&s, "/v1/calendars/vn/3000.ics").await);
    check(call(&s, Request::delete("/healthz").body(Body::empty()).unwrap()).await);
    check(
        call(
            &s,
            Request::post("/v1/deadlines")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await,
    );
    check(
        call(
            &s,
            Request::post("/v1/deadlines")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{"))
                .unwrap(),
        )
        .await,
    );
    check(post(&s, "/v1/deadlines", json!({"procedure": 1})).await);
    for body in [
        json!({"procedure": xn, "received_at": "yesterday"}),
        json!({"procedure": xn, "received_at": "2025-03-04 09:00", "variant": "express"}),
        json!({"procedure": xn, "received_at": "2070-03-04 09:00"}),
        json!({"procedure": xn, "received_at": "2025-03-04 09:00", "pauses": [{"from": "2025-03-05 09:00", "to": "2025-03-04 09:00"}]}),
        json!({"procedure": xn, "received_at": "2025-03-04 09:00", "restarted_at": "2025-03-01 09:00"}),
    ] {
        check(post(&s, "/v1/deadlines", body).await);
    }
    check(
        post(
            &s,
            "/v1/status",
            json!({"procedure": xn, "received_at": "2025-03-04 09:00", "completed_at": "2025-03-01 09:00"}),
        )
        .await,
    );
    check(
        post(
            &s,
            "/v1/deadlines/batch",
            json!({"cases": vec![json!({}); 1001]}),
        )
        .await,
    );
    // More than ten kinds of problem were produced; each page answers.
    assert!(seen.len() >= 10, "{seen:?}");
    for code in &seen {
        let page = get(&s, &format!("/problems/{code}")).await;
        assert_eq!(page.status, StatusCode::OK, "/problems/{code}");
        assert!(
            page.header("content-type")
                .unwrap()
                .starts_with("text/plain")
        );
        assert!(page.text().starts_with(code.as_str()), "{}", page.text());
    }
    // The index lists every type the server knows; each of those answers too.
    let index = get(&s, "/problems").await;
    assert_eq!(index.status, StatusCode::OK);
    let listed: Vec<String> = index
        .text()
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(c, _)| c.to_string()))
        .collect();
    assert!(listed.len() >= 25, "{listed:?}");
    for code in &seen {
        assert!(listed.contains(code), "{code} is not in /problems");
    }
    for code in &listed {
        let page = get(&s, &format!("/problems/{code}")).await;
        assert_eq!(page.status, StatusCode::OK, "/problems/{code}");
        assert!(page.text().contains("HTTP status"));
    }
    let unknown = get(&s, "/problems/no_such_thing").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let doc = get(&s, "/openapi.json").await.text();
    assert!(
        !doc.contains("tthc.example"),
        "placeholder URI in the document"
    );
}

fn with_cors(origins: &[&str]) -> Arc<AppState> {
    let sources = Sources::default();
    let snap = sources.load().unwrap();
    Arc::new(
        AppState::new(snap, sources, None)
            .with_cors_origins(origins.iter().map(|o| o.to_string()).collect()),
    )
}

fn preflight(origin: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/deadlines")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap()
}

const PORTAL: &str = "https://dichvucong.example.gov.vn";

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let s = with_cors(&[PORTAL, "http://localhost:3000"]);
    // A preflight from a configured origin is answered with its permissions.
    let ok = call(&s, preflight(PORTAL)).await;
    assert!(ok.status.is_success(), "{}: {}", ok.status, ok.text());
    assert_eq!(ok.header("access-control-allow-origin"), Some(PORTAL));
    let methods = ok.header("access-control-allow-methods").unwrap();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    assert!(
        ok.header("access-control-allow-headers")
            .unwrap()
            .contains("content-type")
    );
    assert_eq!(ok.header("access-control-max-age"), Some("600"));

    // Any other origin is refused, with a problem and no permission.
    let refused = call(&s, preflight("https://evil.example")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["code"], "cors_origin_not_allowed");
    assert_eq!(refused.header("access-control-allow-origin"), None);

    // The actual request from the portal carries the permission and exposes the headers
    // a portal reads.
    let req = Request::post("/v1/deadlines")
        .header(header::ORIGIN, PORTAL)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"procedure": "cap-giay-xac-nhan-tinh-trang-hon-nhan", "received_at": "2025-01-24T10:00:00+07:00"})
                .to_string(),
        ))
        .unwrap();
    let r = call(&s, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("access-control-allow-origin"), Some(PORTAL));
    let exposed = r.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("catalogue-version") && exposed.contains("x-request-id"));
    // Another origin's request is answered (CORS is the browser's rule), without permission.
    let r = call(
        &s,
        Request::get("/healthz")
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn cors_is_off_by_default() {
    let s = bundled();
    let r = call(&s, preflight(PORTAL)).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    let r = call(
        &s,
        Request::get("/healthz")
            .header(header::ORIGIN, PORTAL)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn batch_results_carry_the_client_ids() {
    let s = bundled();
    let xn = "cap-giay-xac-nhan-tinh-trang-hon-nhan";
    let r = post(
        &s,
        "/v1/deadlines/batch",
        json!({"cases": [
            {"id": "HS-001", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00"},
            {"id": "HS-002", "procedure": "nope", "received_at": "2025-01-24T10:00:00+07:00"},
            {"procedure": xn, "received_at": "2025-03-04T09:00:00+07:00"},
            {"id": "", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00"},
        ]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let results = r.json()["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["id"], "HS-001");
    assert_eq!(
        results[0]["deadline"]["due_at"],
        "2025-02-05T10:00:00+07:00"
    );
    assert_eq!(results[1]["id"], "HS-002");
    assert_eq!(results[1]["ok"], false);
    assert_eq!(results[1]["error"]["code"], "unknown_procedure");
    assert!(results[2].get("id").is_none(), "{}", results[2]);
    assert_eq!(results[2]["ok"], true);
    assert_eq!(results[3]["id"], "");

    let r = post(
        &s,
        "/v1/status/batch",
        json!({"cases": [
            {"id": "a", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00", "at": "2025-02-06T10:00:00+07:00"},
            {"id": "b", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00", "completed_at": "2025-01-23T10:00:00+07:00"},
        ]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let results = r.json()["results"].as_array().unwrap().clone();
    assert_eq!(results[0]["id"], "a");
    assert_eq!(results[0]["status"]["status"], "overdue");
    assert_eq!(results[1]["id"], "b");
    assert_eq!(results[1]["error"]["code"], "completion_before_receipt");

    // A case without exactly one moment breaks the schema's `oneOf`: the whole call is
    // refused, as for a field of the wrong type.
    let r = post(
        &s,
        "/v1/status/batch",
        json!({"cases": [
            {"id": "a", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00", "at": "2025-02-06T10:00:00+07:00"},
            {"id": "b", "procedure": xn, "received_at": "2025-01-24T10:00:00+07:00"},
        ]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.json()["field"], "cases[1].at");
}

fn ids(r: &Reply) -> Vec<String> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// The bundled catalogue: Decision 1086/QĐ-UBND's 37 procedures (in force from
/// 2024-04-09), field "Hộ tịch", 15 at district level ending on 2025-06-30, and whatever
/// later decisions add. The expected sets are read from the files (`common::law`).
#[tokio::test]
async fn the_list_filters_by_code_date_field_and_authority() {
    let s = bundled();
    let law = common::law::read(&common::catalogue_files());
    let on = |d: &str| law.in_force(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    let all = law.procedures();
    assert!(all.len() >= 37);
    assert_eq!(ids(&get(&s, "/v1/procedures").await).len(), all.len());
    assert_eq!(
        ids(&get(&s, "/v1/procedures?code=1.001193").await),
        ["dang-ky-khai-sinh"]
    );
    assert!(ids(&get(&s, "/v1/procedures?code=9.999999").await).is_empty());
    let set = |v: Vec<String>| v.into_iter().collect::<std::collections::BTreeSet<_>>();
    let before = set(ids(&get(&s, "/v1/procedures?at=2025-06-30").await));
    assert_eq!(before, on("2025-06-30"));
    assert_eq!(
        before.len(),
        37,
        "Decision 1086 covers all 37 until 30/06/2025"
    );
    let after = set(ids(&get(&s, "/v1/procedures?at=2025-07-01").await));
    assert_eq!(after, on("2025-07-01"));
    assert!(ids(&get(&s, "/v1/procedures?at=2024-04-08").await).is_empty());
    let district = set(ids(&get(&s, "/v1/procedures?authority=district").await));
    assert_eq!(district, law.with_authority("district"));
    assert_eq!(district.len(), 15);
    assert_eq!(
        set(ids(&get(&s, "/v1/procedures?authority=commune").await)),
        law.with_authority("commune")
    );
    assert!(ids(&get(&s, "/v1/procedures?authority=district&at=2025-07-01").await).is_empty());
    assert_eq!(
        ids(&get(&s, "/v1/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch").await).len(),
        all.len()
    );
    assert!(ids(&get(&s, "/v1/procedures?field=%C4%90%E1%BA%A5t%20%C4%91ai").await).is_empty());
    // `at` keeps only the version in force: each listed procedure has exactly one.
    let r = get(&s, "/v1/procedures?at=2025-07-01&code=1.001193")
        .await
        .json();
    assert_eq!(r["procedures"][0]["versions"].as_array().unwrap().len(), 1);
    let bad = get(&s, "/v1/procedures?at=01/07/2025").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "at");
}

#[tokio::test]
async fn healthz_is_alive_and_readyz_reports_the_catalogue_and_the_last_reload() {
    let dir = std::env::temp_dir().join(format!("tthc-api-contract-ready-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(std::path::Path::new("procedures"), &dir);
    let sources = Sources {
        procedures: vec![dir.clone()],
        calendars: None,
    };
    let s = Arc::new(AppState::new(
        sources.load().unwrap(),
        sources,
        Some("tok".into()),
    ));
    let alive = get(&s, "/healthz").await;
    assert_eq!(alive.status, StatusCode::OK);
    assert_eq!(alive.json()["status"], "ok");

    let ready = get(&s, "/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    let v = ready.json();
    assert_eq!(v["status"], "ready");
    assert_eq!(v["procedures"], 37);
    assert_eq!(
        Some(v["catalogue_version"].as_str().unwrap()),
        ready.header("catalogue-version")
    );
    assert_eq!(v["catalogue"]["origin"], "folder");
    assert_eq!(v["last_reload_refused"], false);
    assert!(v["last_reload"].is_null());
    let v0 = v["catalogue_version"].clone();

    let reload = || {
        Request::post("/v1/admin/reload")
            .header(header::AUTHORIZATION, "Bearer tok")
            .body(Body::empty())
            .unwrap()
    };
    let b16 = dir.join("1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc");
    let good = std::fs::read_to_string(&b16).unwrap();
    std::fs::write(&b16, good.replace("total 3 days", "total 4 days")).unwrap();
    assert_eq!(call(&s, reload()).await.status, StatusCode::CONFLICT);
    let v = get(&s, "/readyz").await.json();
    assert_eq!(v["status"], "ready", "the old catalogue keeps serving");
    assert_eq!(v["catalogue_version"], v0);
    assert_eq!(v["last_reload_refused"], true);
    assert_eq!(v["last_reload"]["result"], "refused");
    assert!(
        v["last_reload"]["reason"]
            .as_str()
            .unwrap()
            .contains("TTHC012")
    );

    std::fs::write(
        &b16,
        good.replace("field \"Hộ tịch\"", "field \"Hộ tịch (sửa)\""),
    )
    .unwrap();
    assert_eq!(call(&s, reload()).await.status, StatusCode::OK);
    let v = get(&s, "/readyz").await.json();
    assert_eq!(v["last_reload_refused"], false);
    assert_eq!(v["last_reload"]["result"], "loaded");
    assert_ne!(v["catalogue_version"], v0);
    assert_eq!(
        v["last_reload"]["catalogue_version"],
        v["catalogue_version"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[tokio::test]
async fn the_request_id_is_taken_or_made_and_echoed() {
    let s = bundled();
    let r = call(
        &s,
        Request::get("/healthz")
            .header("x-request-id", "portal-7f3a/42")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.header("x-request-id"), Some("portal-7f3a/42"));
    let a = get(&s, "/healthz").await;
    let b = get(&s, "/v1/nothing").await;
    let (a, b) = (
        a.header("x-request-id").unwrap(),
        b.header("x-request-id").unwrap(),
    );
    assert_eq!(a.len(), 16);
    assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, b);
    // An id that could forge a log line is replaced.
    let r = call(
        &s,
        Request::get("/healthz")
            .header("x-request-id", "a b")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.header("x-request-id").unwrap().len(), 16);
}

#[test]
fn every_serve_option_has_an_environment_variable() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let help = String::from_utf8(o.stdout).unwrap();
    for (flag, var) in [
        ("[PATHS]", "TTHC_PROCEDURES"),
        ("--addr", "TTHC_ADDR"),
        ("--calendars", "TTHC_CALENDARS"),
        ("--admin-token", "TTHC_ADMIN_TOKEN"),
        ("--threads", "TTHC_THREADS"),
        ("--cors-origin", "TTHC_CORS_ORIGIN"),
        ("--log-format", "TTHC_LOG_FORMAT"),
        ("--log-level", "TTHC_LOG_LEVEL"),
        ("--log-requests", "TTHC_LOG_REQUESTS"),
        ("--log-requests-per-second", "TTHC_LOG_REQUESTS_PER_SECOND"),
        ("--max-connections", "TTHC_MAX_CONNECTIONS"),
        ("--office", "TTHC_OFFICE"),
        ("--header-timeout", "TTHC_HEADER_TIMEOUT"),
    ] {
        assert!(help.contains(flag), "{flag} missing:\n{help}");
        assert!(
            help.contains(&format!("[env: {var}")),
            "{var} missing:\n{help}"
        );
    }
    // Every long option in the help (but --help) is one of those.
    let longs: BTreeSet<&str> = help
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches([',', '.', ')']))
        .filter(|w| *w != "--help")
        .collect();
    let known = [
        "--addr",
        "--calendars",
        "--admin-token",
        "--threads",
        "--cors-origin",
        "--log-format",
        "--log-level",
        "--log-requests",
        "--log-requests-per-second",
        "--max-connections",
        "--office",
        "--header-timeout",
        "--lang",
        "--catalogue",
    ];
    for l in &longs {
        assert!(
            known.contains(l),
            "{l} has no environment variable in this test's list"
        );
    }
}

/// The server configured by environment alone (as a container is): address, JSON logs,
/// CORS. Each log line is one JSON object, and the request line carries the request id
/// the caller sent.
#[test]
fn serve_reads_its_environment_and_logs_json_with_the_request_id() {
    use std::io::{BufRead, BufReader, Read, Write};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
        .arg("serve")
        .env("TTHC_ADDR", format!("127.0.0.1:{port}"))
        .env("TTHC_LOG_FORMAT", "json")
        .env(
            "TTHC_CORS_ORIGIN",
            format!("{PORTAL},http://localhost:3000"),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ask = |req: &str| -> Option<String> {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .ok()?;
        s.write_all(req.as_bytes()).ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        Some(out)
    };
    let start = std::time::Instant::now();
    let answer = loop {
        let req = "OPTIONS /v1/deadlines HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\nX-Request-Id: ci-run-77\r\nConnection: close\r\n\r\n";
        if let Some(a) = ask(req) {
            break a;
        }
        assert!(start.elapsed().as_secs() < 30, "the server did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    child.kill().unwrap();
    let lower = answer.to_ascii_lowercase();
    assert!(
        lower.contains("access-control-allow-origin: http://localhost:3000"),
        "{answer}"
    );
    assert!(lower.contains("x-request-id: ci-run-77"), "{answer}");
    let lines: Vec<String> = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .collect();
    let _ = child.wait();
    let events: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: not JSON: {l}")))
        .collect();
    let serving = events
        .iter()
        .find(|e| e["message"] == "serving")
        .expect("a serving line");
    assert_eq!(serving["address"], format!("127.0.0.1:{port}"));
    let request = events
        .iter()
        .find(|e| e["message"] == "request")
        .expect("a request line");
    assert_eq!(request["request_id"], "ci-run-77");
    assert_eq!(request["method"], "OPTIONS");
    assert_eq!(request["level"], "INFO");
    assert!(request["status"].as_u64().unwrap() < 300);
}

/// The schema says what the server requires (issue 25, item 14): moments are
/// `date-time`, days `date`, and the strings a request cannot leave empty have a
/// `minLength`, so that a client (or schemathesis) that follows the schema is not
/// refused for the shape of its request.
#[tokio::test]
async fn the_schema_is_as_strict_as_the_server() {
    let doc = get(&bundled(), "/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    // A flattened struct is `allOf` [the inner one, its own properties].
    let prop = |schema: &str, name: &str| {
        let s = &schemas[schema];
        let own = s["allOf"]
            .as_array()
            .and_then(|parts| parts.iter().find(|p| !p["properties"][name].is_null()));
        own.unwrap_or(s)["properties"][name].clone()
    };
    for (schema, name) in [
        ("DeadlineRequest", "received_at"),
        ("DeadlineRequest", "restarted_at"),
        ("PauseInput", "from"),
        ("PauseInput", "to"),
        ("StatusRequest", "at"),
        ("StatusRequest", "completed_at"),
    ] {
        let p = prop(schema, name);
        assert_eq!(p["format"], "date-time", "{schema}.{name}: {p}");
        assert_eq!(p["minLength"], 1, "{schema}.{name}: {p}");
    }
    for (schema, name) in [
        ("DeadlineRequest", "procedure"),
        ("DeadlineRequest", "variant"),
        ("DeadlineRequest", "calendar"),
    ] {
        assert_eq!(prop(schema, name)["minLength"], 1, "{schema}.{name}");
    }
    assert_eq!(prop("CheckRequest", "at")["format"], "date");
    for path in [
        "/v1/procedures",
        "/v1/procedures/{id}",
        "/v1/procedures/{id}/source",
    ] {
        let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
        let at = params.iter().find(|p| p["name"] == "at").unwrap();
        assert_eq!(at["schema"]["format"], "date", "{path}");
    }
    // And the server refuses what the schema refuses: an empty receipt time.
    let r = post(
        &bundled(),
        "/v1/deadlines",
        json!({"procedure": "cap-giay-xac-nhan-tinh-trang-hon-nhan", "received_at": ""}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.status);
}

/// Every date the API takes is `format: date` in the OpenAPI document: exactly
/// YYYY-MM-DD. schemathesis once had `POST /v1/check` accept `"at": "4844-05-2"`, which
/// chrono's `%Y-%m-%d` reads; a client's validator would refuse what the server took.
#[tokio::test]
async fn every_date_parameter_takes_exactly_yyyy_mm_dd() {
    let state = bundled();
    let id = "cap-giay-xac-nhan-tinh-trang-hon-nhan";
    let text = "procedure vi-du {\n}\n";
    for (at, ok) in [
        ("2025-06-30", true),
        ("4844-05-2", false),
        ("2025-6-30", false),
        ("+2025-06-30", false),
        ("%202025-06-30", false),
        ("2025-02-30", false),
    ] {
        let shown = at.replace("%20", " ");
        let replies = [
            (
                "GET /v1/procedures",
                get(&state, &format!("/v1/procedures?at={at}")).await,
            ),
            (
                "GET /v1/procedures/{id}",
                get(&state, &format!("/v1/procedures/{id}?at={at}")).await,
            ),
            (
                "GET /v1/procedures/{id}/source",
                get(&state, &format!("/v1/procedures/{id}/source?at={at}")).await,
            ),
            (
                "POST /v1/check",
                post(&state, "/v1/check", json!({"text": text, "at": shown})).await,
            ),
        ];
        for (route, reply) in replies {
            if ok {
                assert_eq!(reply.status, StatusCode::OK, "{route} at={shown}");
            } else {
                assert_eq!(
                    reply.status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{route} at={shown}"
                );
                let problem: Value = serde_json::from_slice(&reply.body).unwrap();
                assert_eq!(
                    problem["code"], "invalid_field",
                    "{route} at={shown}: {problem}"
                );
                assert_eq!(problem["field"], "at", "{route} at={shown}: {problem}");
            }
        }
    }
}
