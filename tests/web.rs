//! The web app's routes (`/`, `/calculator`, `/check`, `/procedures/{id}`, its assets) and
//! the endpoints it added: `POST /v1/check`, `GET /v1/procedures/{id}/source`, and the
//! `q` and `decision` filters of the procedure list. The pages themselves are tested in
//! a browser by `tests/web/` (Node.js and chromium).

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

fn bundled() -> Arc<AppState> {
    let sources = Sources::default();
    Arc::new(AppState::new(sources.load().expect("loads"), sources, None))
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
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
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map_or("", |v| v.to_str().unwrap_or(""))
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

const B16: &str = "cap-giay-xac-nhan-tinh-trang-hon-nhan";
const B16_FILE: &str = "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc";

/// Every `src` and `href` attribute value of an HTML or a script text.
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=", "href=", "src:", "href:"] {
        let mut rest = text;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value: String = rest
                .trim_start()
                .trim_start_matches(['"', '\'', '`'])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | '`' | ' ' | '>'))
                .collect();
            out.push(value);
        }
    }
    out
}

#[tokio::test]
async fn every_page_is_the_app_shell_and_refers_to_nothing_on_another_host() {
    let s = bundled();
    for path in [
        "/",
        "/?q=dang+ky",
        "/calculator",
        "/check",
        &format!("/procedures/{B16}"),
    ] {
        let r = get(&s, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        let html = r.text();
        assert!(html.starts_with("<!doctype html>") && html.contains("<html lang=\"vi\">"));
        let refs = references(&html);
        assert!(refs.contains(&"/assets/app.js".to_string()), "{refs:?}");
        assert!(refs.contains(&"/assets/app.css".to_string()), "{refs:?}");
        for r in &refs {
            assert!(
                r.starts_with('/') && !r.starts_with("//")
                    || r.starts_with('#')
                    || r.starts_with("data:"),
                "{path}: `{r}` refers to another host"
            );
        }
    }
    // A procedure the catalogue does not have: the same page (it says so), answered 404.
    let r = get(&s, "/procedures/khong-co").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().starts_with("<!doctype html>"));
    // Nor do the script and the style sheet: no URL with a scheme or a protocol-relative one.
    for (path, kind) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let r = get(&s, path).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header("content-type").starts_with(kind));
        let text = r.text();
        for bad in [
            "http://",
            "https://",
            "url(//",
            "@import",
            "fonts.googleapis",
        ] {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
}

#[tokio::test]
async fn assets_are_revalidated_with_their_etag() {
    let s = bundled();
    for path in ["/", "/calculator", "/assets/app.js", "/assets/app.css"] {
        let first = get(&s, path).await;
        let tag = first.header("etag").to_string();
        assert!(tag.starts_with('"') && tag.len() == 18, "{path}: {tag}");
        assert_eq!(first.header("cache-control"), "no-cache");
        let again = call(
            &s,
            Request::get(path)
                .header(header::IF_NONE_MATCH, &tag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        let stale = call(
            &s,
            Request::get(path)
                .header(header::IF_NONE_MATCH, "\"0000000000000000\"")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(stale.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn the_pages_weigh_little() {
    let s = bundled();
    let mut bytes = 0;
    for p in ["/calculator", "/assets/app.js", "/assets/app.css"] {
        bytes += get(&s, p).await.body.len();
    }
    // The calculator page with its assets, uncompressed (the API answers come on top).
    assert!(bytes < 120_000, "{bytes} bytes");
}

#[tokio::test]
async fn the_list_finds_procedures_by_words_with_or_without_diacritics() {
    let s = bundled();
    let names = |r: &Reply| -> Vec<String> {
        r.json()["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = get(&s, "/v1/procedures?q=dang%20ky%20ket%20hon").await;
    let marked = get(
        &s,
        "/v1/procedures?q=%C4%90%C4%83ng%20k%C3%BD%20k%E1%BA%BFt%20h%C3%B4n",
    )
    .await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(
        names(&plain).contains(&"Thủ tục đăng ký kết hôn".to_string()),
        "{:?}",
        names(&plain)
    );
    assert_eq!(names(&plain), names(&marked));
    assert!(names(&plain).iter().all(|n| n.contains("kết hôn")));
    // đ folds to d, words need not be adjacent, an item and a national code are found too.
    assert_eq!(
        names(&get(&s, "/v1/procedures?q=%C4%91ang%20hon%20luu").await),
        ["Thủ tục đăng ký kết hôn lưu động"]
    );
    let item = get(&s, "/v1/procedures?q=B.16").await.json();
    assert_eq!(item["procedures"][0]["id"], B16);
    assert!(names(&get(&s, "/v1/procedures?q=khong%20co%20thu%20tuc%20nay").await).is_empty());
    // Filters combine: by decision, and a decision the catalogue does not have keeps nothing.
    let dec = get(
        &s,
        "/v1/procedures?decision=1086%2FQ%C4%90-UBND&q=dang%20ky%20ket%20hon",
    )
    .await;
    assert_eq!(names(&dec), names(&plain));
    assert!(names(&get(&s, "/v1/procedures?decision=9%2FQD").await).is_empty());
}

/// The B.16 file with its appraisal step changed from 02 to 05 days: 0.5 + 5 + 0.5 = 6
/// days, but the total is 3.
fn broken_b16() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc"
    ))
    .unwrap();
    // The step's printed words change with its number, so only the sum is wrong.
    let broken = text
        .replace(
            "by commune-civil-status 02 days",
            "by commune-civil-status 05 days",
        )
        .replace("\"02 ngày (22 ngày", "\"05 ngày (22 ngày");
    assert_ne!(broken, text);
    broken
}

#[tokio::test]
async fn check_reports_steps_that_do_not_add_up_in_the_pasted_text_only() {
    let s = bundled();
    // As an extra file: the sum (TTHC012), and the id the catalogue already has (TTHC003).
    let r = post(
        &s,
        "/v1/check",
        json!({"text": broken_b16(), "at": "2025-06-30"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("content-type"), "application/json");
    let v = r.json();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["TTHC003", "TTHC012"], "{v:#}");
    let d = &v["diagnostics"][1];
    assert_eq!(d["file"], "pasted.tthc");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(16), Some(9))
    );
    assert!(d["message"].as_str().unwrap().contains("6 days"), "{d}");
    assert_eq!(
        (
            v["errors"].as_u64(),
            v["files"].as_u64(),
            v["procedures"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(v["elsewhere"], json!({"errors": 0, "warnings": 0}));
    // The served catalogue: `./procedures` here (tests run in the repository), else bundled.
    assert!(v["catalogue"]["origin"].is_string(), "{v:#}");

    // In place of the catalogue's own file: only the sum, in Vietnamese on request.
    let r = post(
        &s,
        "/v1/check",
        json!({"text": broken_b16(), "file": B16_FILE, "lang": "vi", "at": "2025-06-30"}),
    )
    .await;
    let v = r.json();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["diagnostics"][0]["code"], "TTHC012");
    assert_eq!(v["diagnostics"][0]["file"], B16_FILE);
    assert!(
        v["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("6 ngày"),
        "{v:#}"
    );

    // The catalogue's own text checks clean; the served catalogue is unchanged.
    let source = get(&s, &format!("/v1/procedures/{B16}/source"))
        .await
        .json();
    assert_eq!(source["file"], B16_FILE);
    let r = post(
        &s,
        "/v1/check",
        json!({"text": source["text"], "file": B16_FILE, "at": "2025-06-30"}),
    )
    .await;
    assert_eq!(r.json()["diagnostics"], json!([]));
    let d = post(
        &s,
        "/v1/deadlines",
        json!({"procedure": B16, "received_at": "2025-01-24T10:00:00+07:00"}),
    )
    .await;
    assert_eq!(d.json()["due_at"], "2025-02-05T10:00:00+07:00");
}

#[tokio::test]
async fn check_uses_the_catalogues_roles_and_decisions() {
    let s = bundled();
    let text = "procedure vi-du {\n  name \"Thủ tục ví dụ\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.99\"\n  total 1 day\n  step receive \"Tiếp nhận\" by commune-civil-status-at-dsk 1 day\n}\n";
    let v = post(&s, "/v1/check", json!({"text": text, "at": "2025-06-30"}))
        .await
        .json();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "TTHC006", "{v:#}");
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("commune-civil-status-at-desk"),
        "{d}"
    );
    let fixed = text.replace("at-dsk", "at-desk");
    let v = post(&s, "/v1/check", json!({"text": fixed, "at": "2025-06-30"}))
        .await
        .json();
    assert_eq!(v["errors"], 0, "{v:#}");
    // Text that does not parse is a finding, not a failure.
    let v = post(&s, "/v1/check", json!({"text": "procedure {{{"}))
        .await
        .json();
    assert_eq!(v["diagnostics"][0]["code"], "TTHC001");
}

#[tokio::test]
async fn check_refuses_bad_requests_with_4xx_problems() {
    let s = bundled();
    for (body, status, code) in [
        (
            json!({"text": "x", "file": "/etc/passwd.tthc"}),
            422,
            "invalid_field",
        ),
        (
            json!({"text": "x", "file": "../x.tthc"}),
            422,
            "invalid_field",
        ),
        (json!({"text": "x", "file": "x.txt"}), 422, "invalid_field"),
        (
            json!({"text": "x", "at": "30/06/2025"}),
            422,
            "invalid_field",
        ),
        (
            json!({"text": "x".repeat(1024 * 1024 + 1)}),
            422,
            "invalid_field",
        ),
        (json!({"text": 5}), 422, "invalid_body"),
        (json!({"file": "x.tthc"}), 422, "invalid_body"),
        (json!({"text": "x", "lang": "fr"}), 422, "invalid_body"),
    ] {
        let r = post(&s, "/v1/check", body.clone()).await;
        assert_eq!(r.status.as_u16(), status, "{body:.80}: {}", r.text());
        assert_eq!(r.header("content-type"), "application/problem+json");
        assert_eq!(r.json()["code"], code);
    }
    let r = call(
        &s,
        Request::post("/v1/check")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{"))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = call(
        &s,
        Request::post("/v1/check")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(vec![b' '; api::BODY_LIMIT + 1]))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        get(&s, "/v1/procedures/nope/source").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&s, &format!("/v1/procedures/{B16}/source?at=2019-01-01"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&s, &format!("/v1/procedures/{B16}/source?at=x"))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_check_endpoint() {
    let s = bundled();
    let doc = get(&s, "/openapi.json").await.json();
    let op = &doc["paths"]["/v1/check"]["post"];
    assert_eq!(op["operationId"], "checkText");
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CheckRequest"
    );
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CheckReport"
    );
    let required = doc["components"]["schemas"]["CheckRequest"]["required"].clone();
    assert_eq!(required, json!(["text"]));
    // The response of a real call is what the schema says: every listed field, typed.
    let v = post(&s, "/v1/check", json!({"text": broken_b16()}))
        .await
        .json();
    let schema = &doc["components"]["schemas"]["CheckDiagnostic"];
    for f in schema["required"].as_array().unwrap() {
        assert!(!v["diagnostics"][0][f.as_str().unwrap()].is_null(), "{f}");
    }
}

/// Issue 21, item 6: `POST /v1/check` reports every independent mistake of the text, as
/// the command line and the editor do.
#[tokio::test]
async fn check_reports_four_mistakes_of_four_kinds() {
    let s = bundled();
    let (broken, expected) = common::b16_with_four_mistakes();
    let r = post(
        &s,
        "/v1/check",
        json!({"text": broken, "file": B16_FILE, "at": "2025-06-30"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let mut found: Vec<(String, u64)> = v["diagnostics"]
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
    found.sort_by_key(|(_, l)| *l);
    let mut want: Vec<(String, u64)> = expected
        .iter()
        .map(|(c, l, _)| (c.to_string(), *l as u64))
        .collect();
    want.sort_by_key(|(_, l)| *l);
    assert_eq!(found, want, "{v:#}");
}

async fn get_with(state: &Arc<AppState>, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    call(state, req.body(Body::empty()).unwrap()).await
}

/// JSON, problems, calendars, pages and assets all say `nosniff`, so that a browser never
/// reads one as another type (issue 25, item 16).
#[tokio::test]
async fn every_response_says_nosniff() {
    let s = bundled();
    for (path, status) in [
        ("/v1/procedures", StatusCode::OK),
        ("/v1/procedures/khong-co", StatusCode::NOT_FOUND),
        ("/v1/calendars/vn/2025.ics", StatusCode::OK),
        ("/", StatusCode::OK),
        ("/assets/app.js", StatusCode::OK),
        ("/healthz", StatusCode::OK),
    ] {
        let r = get(&s, path).await;
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{path}");
    }
    let r = post(&s, "/v1/deadlines", json!({"procedure": "khong-co"})).await;
    assert!(r.status.is_client_error());
    assert_eq!(r.header("x-content-type-options"), "nosniff");
}

/// The catalogue list and the script are compressed when the browser asks, with gzip or
/// brotli, and sent as they are otherwise (issue 21, item 12).
#[tokio::test]
async fn responses_are_compressed_when_the_client_asks() {
    let s = bundled();
    for path in ["/v1/procedures", "/assets/app.js"] {
        let plain = get(&s, path).await;
        assert_eq!(plain.header("content-encoding"), "", "{path}");
        let gz = get_with(&s, path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.status, StatusCode::OK);
        assert_eq!(gz.header("content-encoding"), "gzip", "{path}");
        assert_eq!(&gz.body[..2], &[0x1f, 0x8b], "{path}: a gzip stream");
        assert!(
            gz.body.len() * 3 < plain.body.len(),
            "{path}: {} bytes gzipped of {}",
            gz.body.len(),
            plain.body.len()
        );
        let br = get_with(&s, path, &[("accept-encoding", "br;q=1, gzip;q=0.5")]).await;
        assert_eq!(br.header("content-encoding"), "br", "{path}");
        assert!(br.body.len() * 3 < plain.body.len(), "{path}");
    }
}

/// An unknown address opened in a browser gets the app's page (404), which offers the
/// pages there are; an API client still gets a problem (issue 21, item 14).
#[tokio::test]
async fn an_unknown_address_is_a_page_for_browsers_and_a_problem_for_clients() {
    let s = bundled();
    let page = get_with(
        &s,
        "/khong-co-trang-nay",
        &[("accept", "text/html,application/xhtml+xml,*/*;q=0.8")],
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert!(page.text().starts_with("<!doctype html>"));
    assert!(!page.header("content-security-policy").is_empty());
    let api = get(&s, "/khong-co-trang-nay").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.header("content-type"), "application/problem+json");
    assert_eq!(api.json()["code"], "not_found");
    // Under /v1/ a browser gets the problem too: it asked the API.
    let v1 = get_with(&s, "/v1/khong-co", &[("accept", "text/html")]).await;
    assert_eq!(v1.header("content-type"), "application/problem+json");
    // The status look-up is a page of the app.
    let status = get(&s, "/status?procedure=x&received=2025-03-04T10:00").await;
    assert_eq!(status.status, StatusCode::OK);
    assert!(status.text().contains("href=\"/status\""));
    // No page words an API call for citizens.
    let js = get(&s, "/assets/app.js").await.text();
    assert!(
        !js.contains("GET /v1/"),
        "the app tells people to call the API"
    );
}

/// A deployment names its office on the appointment slip (`tthc serve --office`); the
/// name is escaped into the page (issue 21, item 14).
#[tokio::test]
async fn the_shell_names_the_office_of_the_deployment() {
    let sources = Sources::default();
    let s = Arc::new(
        AppState::new(sources.load().unwrap(), sources, None)
            .with_office(Some("UBND xã \"Quảng La\" <Hạ Long>")),
    );
    let html = get(&s, "/calculator").await.text();
    assert!(
        html.contains(
            r#"<meta name="tthc-office" content="UBND xã &quot;Quảng La&quot; &lt;Hạ Long&gt;">"#
        ),
        "{html}"
    );
    // Without one, the meta is empty and the slip names the authority level.
    let plain = get(&bundled(), "/calculator").await.text();
    assert!(plain.contains(r#"<meta name="tthc-office" content="">"#));
}

/// A request is answered from one snapshot: after a reload in the middle of it, the
/// state still hands it the catalogue it started with, so its `Catalogue-Version` header
/// and its body agree (issue 25, item 8).
#[tokio::test]
async fn a_request_keeps_its_snapshot_across_a_reload() {
    let dir = std::env::temp_dir().join(format!("tthc-web-snapshot-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let catalogue = dir.join("procedures");
    common::copy_dir(std::path::Path::new("procedures"), &catalogue);
    let sources = Sources {
        procedures: vec![catalogue.clone()],
        ..Sources::default()
    };
    let state = Arc::new(AppState::new(sources.load().unwrap(), sources, None));
    let before = state.snapshot();
    let roles = catalogue.join("roles.tthc");
    let text = std::fs::read_to_string(&roles).unwrap();
    std::fs::write(&roles, format!("{text}\n# một dòng chú thích\n")).unwrap();
    let during = tthc_server::state::REQUEST_SNAPSHOT
        .scope(Arc::clone(&before), async {
            let reloaded = state.reload().await.unwrap();
            (reloaded, state.snapshot().version.clone())
        })
        .await;
    assert_ne!(during.0, before.version, "the reload changed the version");
    assert_eq!(during.1, before.version, "the request kept its snapshot");
    assert_eq!(
        state.snapshot().version,
        during.0,
        "a new request sees the new one"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
