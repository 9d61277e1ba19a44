//! `tthc lsp` over its stdio, as an editor drives it: a JSON-RPC client speaking the
//! Language Server Protocol to the built binary, on a temporary copy of the bundled
//! catalogue.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A client talking to one `tthc lsp` child.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tthc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tthc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("a JSON message");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&message.to_string());
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self
                .incoming
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no response to request {id}"));
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return m;
            }
            self.notifications.push(m);
        }
    }

    /// Sends a request and returns its result, failing on an error response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn initialize(&mut self, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// The next diagnostics published for a URI (waiting for them).
    fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| is_diagnostics_for(n, uri))
        {
            return self.notifications.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self
                .incoming
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(m) if is_diagnostics_for(&m, uri) => return m["params"].clone(),
                Ok(m) => self.notifications.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no diagnostics for {uri}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server exited"),
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "tthc", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "tthc lsp exited with {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("tthc lsp did not exit after shutdown and exit");
    }
}

fn is_diagnostics_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// A temporary copy of the bundled catalogue: `DIR/procedures`.
fn catalogue_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(Path::new("procedures"), &dir.join("procedures"));
    dir.join("procedures")
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display()).replace(' ', "%20")
}

const B01: &str = "1086-QD-UBND/b01-dang-ky-khai-sinh.tthc";
const B02: &str = "1086-QD-UBND/b02-dang-ky-ket-hon.tthc";

/// The (line, UTF-16 character) of a byte offset, computed independently of the server.
fn position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        line as u64,
        text[start..offset].encode_utf16().count() as u64,
    )
}

fn at(text: &str, needle: &str, plus: usize) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in text"))
        + plus;
    let (line, character) = position(text, offset);
    json!({"line": line, "character": character})
}

#[test]
fn initialize_advertises_the_features() {
    let mut c = Client::start();
    let r = c.initialize(json!({"language": "en"}));
    let caps = &r["capabilities"];
    for k in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentFormattingProvider",
        "completionProvider",
        "codeActionProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert!(
            !caps[k].is_null() && caps[k] != json!(false),
            "{k} missing: {caps}"
        );
    }
    assert_eq!(caps["textDocumentSync"], json!(1));
    assert_eq!(r["serverInfo"]["name"], "tthc");
    c.shutdown();
}

#[test]
fn a_misspelt_role_is_one_diagnostic_with_its_fix_at_utf16_positions() {
    let root = catalogue_copy("role");
    let path = root.join(B01);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("by commune-leader", "by comune-leader");
    let mut c = Client::start();
    c.initialize(json!({"language": "en", "ruleUrl": "https://example.org/rules/{code}"}));
    c.open(&u, &text);
    let published = c.diagnostics(&u);
    let diags = published["diagnostics"].as_array().unwrap();
    let roles: Vec<&Value> = diags.iter().filter(|d| d["code"] == "TTHC006").collect();
    assert_eq!(roles.len(), 1, "{diags:#?}");
    assert_eq!(diags.len(), 1, "only the misspelt role: {diags:#?}");
    let d = roles[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("unknown role `comune-leader`"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `commune-leader`?"),
        "{d}"
    );
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "tthc");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://example.org/rules/TTHC006"
    );
    // The line is Vietnamese: the column counts UTF-16 units, not bytes.
    let offset = text.find("comune-leader").unwrap();
    let (line, character) = position(&text, offset);
    assert_eq!(
        d["range"]["start"],
        json!({"line": line, "character": character})
    );
    assert_eq!(
        d["range"]["end"],
        json!({"line": line, "character": character + "comune-leader".len() as u64})
    );
    let line_text = text.lines().nth(line as usize).unwrap();
    assert!(
        line_text.len() > line_text.encode_utf16().count(),
        "a Vietnamese line"
    );
    assert!(character < text[text[..offset].rfind('\n').unwrap() + 1..offset].len() as u64);

    // The quick fix replaces exactly the role.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edits = &actions[0]["edit"]["changes"][&u];
    assert_eq!(edits[0]["newText"], "commune-leader");
    assert_eq!(edits[0]["range"], d["range"]);

    // Fixed: the file checks clean, in the context of the whole catalogue.
    c.change(&u, 2, &text.replace("comune-leader", "commune-leader"));
    let published = c.diagnostics(&u);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    assert_eq!(published["version"], 2);
    c.shutdown();
}

#[test]
fn a_misspelt_keyword_gets_a_quick_fix_and_a_closed_file_loses_its_findings() {
    let root = catalogue_copy("keyword");
    let path = root.join(B01);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("  total same day", "  totl same day");
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &text);
    let published = c.diagnostics(&u);
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "TTHC001");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    // The message points at the end of the line before; the fix replaces the word.
    let edit = &actions[0]["edit"]["changes"][&u][0];
    assert_eq!(edit["newText"], "total", "{actions}");
    assert_eq!(edit["range"]["start"], at(&text, "totl", 0));
    assert_eq!(edit["range"]["end"], at(&text, "totl", 4));
    // A misspelt decision number: the fix writes the declared one, quotes included.
    let text = text
        .replace("  totl same day", "  total same day")
        .replace("\"1086/QĐ-UBND\" item", "\"1068/QĐ-UBND\" item");
    c.change(&u, 2, &text);
    let published = c.diagnostics(&u);
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "TTHC007");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    let edit = &actions[0]["edit"]["changes"][&u][0];
    assert_eq!(edit["newText"], "\"1086/QĐ-UBND\"", "{actions}");
    assert_eq!(edit["range"]["start"], at(&text, "\"1068/QĐ-UBND\"", 0));
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    c.shutdown();
}

#[test]
fn messages_are_vietnamese_by_default_and_edits_are_debounced() {
    let root = catalogue_copy("vi");
    let path = root.join(B02);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    c.initialize(Value::Null);
    c.open(&u, &text);
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    // Three quick edits: only the last text is reported.
    c.change(
        &u,
        2,
        &text.replace("by commune-leader", "by comune-leader"),
    );
    c.change(
        &u,
        3,
        &text.replace("verification 5 days", "verificaton 5 days"),
    );
    c.change(
        &u,
        4,
        &text.replace("by commune-civil-status\n", "by commune-civil-statu\n"),
    );
    // The first edit after a quiet spell may be checked at once (version 2); the burst
    // after it is checked once, on the newest text: version 3 is never reported.
    let mut versions = Vec::new();
    let published = loop {
        let p = c.diagnostics(&u);
        versions.push(p["version"].as_i64().unwrap());
        if p["version"] == 4 {
            break p;
        }
    };
    assert!(!versions.contains(&3), "{versions:?}");
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let m = diags[0]["message"].as_str().unwrap();
    assert!(m.contains("chưa được khai báo"), "{m}");
    assert!(m.contains("commune-civil-status"), "{m}");
    // The default link is a page explaining the rule, written under the temporary folder.
    let href = diags[0]["codeDescription"]["href"].as_str().unwrap();
    let page = href.strip_prefix("file://").unwrap();
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("TTHC006"), "{page}");
    c.shutdown();
}

#[test]
fn hover_names_roles_decisions_durations_and_appointments() {
    let root = catalogue_copy("hover");
    let path = root.join(B02);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    c.initialize(json!({"language": "vi"}));
    c.open(&u, &text);
    c.diagnostics(&u);
    let hover = |c: &mut Client, pos: Value| -> String {
        let r = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos}),
        );
        r["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let role = hover(&mut c, at(&text, "by commune-leader", 5));
    assert!(role.contains("Lãnh đạo UBND cấp xã"), "{role}");
    assert!(role.contains("UBND cấp xã"), "{role}");
    let days = hover(&mut c, at(&text, "verification 5 days", 14));
    assert!(
        days.contains("5 ngày làm việc = 2 400 phút làm việc"),
        "{days}"
    );
    let decision = hover(&mut c, at(&text, "\"1086/QĐ-UBND\"", 3));
    assert!(decision.contains("1086/QĐ-UBND"), "{decision}");
    assert!(decision.contains("09/04/2024"), "{decision}");
    let procedure = hover(&mut c, at(&text, "procedure dang-ky-ket-hon", 12));
    assert!(
        procedure.contains("nhận hôm nay 09:00 → hẹn trả"),
        "{procedure}"
    );
    assert!(procedure.contains("Trường hợp cần xác minh"), "{procedure}");
    let keyword = hover(&mut c, at(&text, "  total", 3));
    assert!(keyword.contains("tổng"), "{keyword}");
    c.shutdown();
}

#[test]
fn definition_and_references_cross_files() {
    let root = catalogue_copy("navigate");
    let path = root.join(B01);
    let u = uri(&path);
    let roles_uri = uri(&root.join("roles.tthc"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &text);
    c.diagnostics(&u);
    let pos = at(&text, "by commune-leader", 5);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": u}, "position": pos}),
    );
    let def = def.as_array().unwrap();
    assert_eq!(def.len(), 1, "{def:#?}");
    assert_eq!(def[0]["uri"], roles_uri.as_str());
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": u}, "position": pos, "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap();
    assert!(
        refs.len() > 10,
        "commune-leader is used by many procedures: {}",
        refs.len()
    );
    assert!(refs.iter().any(|r| r["uri"] == roles_uri.as_str()));
    // The decision a source names is declared in its folder's decision.tthc.
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": u}, "position": at(&text, "\"1086/QĐ-UBND\"", 2)}),
    );
    assert!(
        def[0]["uri"].as_str().unwrap().ends_with("decision.tthc"),
        "{def}"
    );
    // A step: its declaration in the procedure.
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": u}, "position": at(&text, "step approve", 6)}),
    );
    assert_eq!(def[0]["uri"], u.as_str());
    c.shutdown();
}

#[test]
fn completion_offers_keywords_in_both_sets_roles_and_cases() {
    let root = catalogue_copy("complete");
    let path = root.join(B02);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let typed = text.replace(
        "  step deliver",
        "  step extra \"Thêm\" by \n  total 1 day, \n  step deliver",
    );
    let mut c = Client::start();
    c.initialize(json!({"language": "vi"}));
    c.open(&u, &typed);
    c.diagnostics(&u);
    let complete = |c: &mut Client, pos: Value| -> Vec<Value> {
        let r = c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": u}, "position": pos}),
        );
        r.as_array().unwrap().clone()
    };
    let roles = complete(&mut c, at(&typed, "by \n", 3));
    let leader = roles
        .iter()
        .find(|i| i["label"] == "commune-leader")
        .expect("role ids");
    assert_eq!(leader["detail"], "Lãnh đạo UBND cấp xã");
    let cases = complete(&mut c, at(&typed, "total 1 day, \n", 13));
    assert!(
        cases.iter().any(|i| i["label"] == "verification"),
        "{cases:?}"
    );
    // At the top of a file: the blocks a file holds, in both sets; not a step.
    let top = complete(&mut c, json!({"line": 0, "character": 0}));
    for k in ["thủ tục", "procedure", "vai trò", "role"] {
        assert!(top.iter().any(|i| i["label"] == k), "{k}: {top:?}");
    }
    assert!(!top.iter().any(|i| i["label"] == "step"), "{top:?}");
    // Inside the procedure block: its statements.
    let inside = complete(&mut c, at(&typed, "  step deliver", 2));
    for k in ["bước", "step", "tổng", "total"] {
        assert!(inside.iter().any(|i| i["label"] == k), "{k}: {inside:?}");
    }
    assert!(
        !inside.iter().any(|i| i["label"] == "procedure"),
        "{inside:?}"
    );
    c.shutdown();
}

/// Completion fits the place (issue 21, item 16): in a commune-level version the
/// commune's roles come first and the roles of the district level (abolished
/// 01/07/2025) last, marked deprecated; what is typed is replaced, not appended to.
#[test]
fn completion_ranks_roles_by_the_versions_level_and_replaces_the_word() {
    let root = catalogue_copy("complete-rank");
    let path = root.join(B02);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let typed = text.replace("by commune-leader", "by comm");
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &typed);
    c.diagnostics(&u);
    let pos = at(&typed, "by comm\n", 7);
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": pos}),
    );
    let items = items.as_array().unwrap();
    let sort = |id: &str| -> String {
        let it = items
            .iter()
            .find(|i| i["label"] == id)
            .unwrap_or_else(|| panic!("{id} offered: {items:?}"));
        it["sortText"].as_str().unwrap_or(id).to_string()
    };
    assert!(sort("commune-leader") < sort("postal-worker"));
    assert!(sort("postal-worker") < sort("district-leader"));
    let district = items
        .iter()
        .find(|i| i["label"] == "district-leader")
        .unwrap();
    assert_eq!(district["tags"], json!([1]), "deprecated: {district}");
    let leader = items
        .iter()
        .find(|i| i["label"] == "commune-leader")
        .unwrap();
    let edit = &leader["textEdit"];
    assert_eq!(edit["newText"], "commune-leader");
    let start = at(&typed, "by comm\n", 3);
    assert_eq!(edit["range"]["start"], start, "{edit}");
    assert_eq!(edit["range"]["end"], pos, "{edit}");
    c.shutdown();
}

/// Rename (issue 21, item 16): a role renamed at a step is renamed where it is declared
/// and in every procedure that names it; a name that is not an identifier is refused.
#[test]
fn rename_a_role_everywhere_and_refuse_a_bad_name() {
    let root = catalogue_copy("rename");
    let path = root.join(B01);
    let u = uri(&path);
    let roles_uri = uri(&root.join("roles.tthc"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &text);
    c.diagnostics(&u);
    let pos = at(&text, "by commune-leader", 5);
    let prepared = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": u}, "position": pos}),
    );
    assert_eq!(prepared["placeholder"], "commune-leader", "{prepared}");
    let edit = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": pos, "newName": "commune-chief"}),
    );
    let changes = edit["changes"].as_object().expect("changes");
    assert!(changes.contains_key(&roles_uri), "{changes:?}");
    assert!(changes.contains_key(&u), "{changes:?}");
    // Every file of the catalogue that names the role, counted independently.
    let mut naming = 0;
    for entry in std::fs::read_dir(root.join("1086-QD-UBND")).unwrap() {
        let p = entry.unwrap().path();
        let named = p.extension().is_some_and(|e| e == "tthc")
            && std::fs::read_to_string(&p)
                .unwrap()
                .contains("commune-leader");
        if named {
            naming += 1;
        }
    }
    assert_eq!(changes.len(), naming + 1, "{:?}", changes.keys());
    for edits in changes.values() {
        for e in edits.as_array().unwrap() {
            assert_eq!(e["newText"], "commune-chief");
        }
    }
    // Applied to this file, the text names the new role where it named the old.
    let mine = changes[&u].as_array().unwrap();
    assert_eq!(mine.len(), text.matches("commune-leader").count());
    let r = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": pos, "newName": "Lãnh đạo"}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not an identifier"),
        "{r}"
    );
    c.shutdown();
}

/// Code lenses compute (issue 21, item 16): above B.16's version a sample appointment,
/// above the procedure its worked examples; both run as commands. B.16 received Tue
/// 04/03/2025 09:00 in the ordinary case (3 working days, no holiday that week) is due
/// Fri 07/03/2025 09:00.
#[test]
fn code_lenses_compute_a_sample_and_run_the_examples() {
    let root = catalogue_copy("lens");
    let path = root.join("1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc");
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let init = c.initialize(json!({"language": "en"}));
    assert!(!init["capabilities"]["codeLensProvider"].is_null());
    assert!(!init["capabilities"]["renameProvider"].is_null());
    c.open(&u, &text);
    c.diagnostics(&u);
    let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": u}}));
    let lenses = lenses.as_array().unwrap();
    let commands: Vec<&str> = lenses
        .iter()
        .map(|l| l["command"]["command"].as_str().unwrap())
        .collect();
    assert!(commands.contains(&"tthc.runExamples"), "{lenses:?}");
    assert!(commands.contains(&"tthc.sampleAppointment"), "{lenses:?}");
    let examples = lenses
        .iter()
        .find(|l| l["command"]["command"] == "tthc.runExamples")
        .unwrap();
    assert!(
        examples["command"]["title"]
            .as_str()
            .unwrap()
            .contains("run"),
        "{examples}"
    );
    let sample = c.request(
        "workspace/executeCommand",
        json!({"command": "tthc.sampleAppointment",
               "arguments": ["cap-giay-xac-nhan-tinh-trang-hon-nhan", null, "2025-03-04"]}),
    );
    let sample = sample.as_str().unwrap();
    assert!(sample.contains("B.16"), "{sample}");
    assert!(
        sample.contains("07/03/2025") || sample.contains("7 Mar 2025"),
        "{sample}"
    );
    let run = c.request(
        "workspace/executeCommand",
        json!({"command": "tthc.runExamples",
               "arguments": ["cap-giay-xac-nhan-tinh-trang-hon-nhan"]}),
    );
    assert!(run.as_str().unwrap().contains("all pass"), "{run}");
    c.shutdown();
}

#[test]
fn formatting_tidies_and_leaves_a_broken_file_alone() {
    let root = catalogue_copy("format");
    let path = root.join(B01);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let messy = text.replace("  total same day", "total    same day");
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &messy);
    c.diagnostics(&u);
    let opts = json!({"tabSize": 2, "insertSpaces": true});
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": opts}),
    );
    assert_eq!(edits.as_array().unwrap().len(), 1, "{edits}");
    assert_eq!(edits[0]["newText"], text.as_str());
    c.change(&u, 2, &text);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": opts}),
    );
    assert_eq!(edits, json!([]));
    c.change(
        &u,
        3,
        &text.replace(
            "procedure dang-ky-khai-sinh {",
            "procedure dang-ky-khai-sinh",
        ),
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": opts}),
    );
    assert_eq!(
        edits,
        Value::Null,
        "a file with syntax errors is not formatted"
    );
    c.shutdown();
}

#[test]
fn symbols_outline_a_file_and_search_the_catalogue() {
    let root = catalogue_copy("symbols");
    let path = root.join(B01);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &text);
    c.diagnostics(&u);
    let outline = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(outline[0]["name"], "dang-ky-khai-sinh");
    let steps: Vec<&str> = outline[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["receive", "appraise", "approve", "deliver"]);
    let found = c.request("workspace/symbol", json!({"query": "ket hon"}));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("dang-ky-ket-hon ")),
        "{names:?}"
    );
    c.shutdown();
}

#[test]
fn bad_requests_get_errors_and_the_server_lives_on() {
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    let r = c.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.call("tthc/nothing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.tthc"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r["error"].is_null() || r["error"]["code"] == -32602, "{r}");
    // An untitled file is checked with the bundled catalogue around it; positions past
    // the end are clamped.
    let u = "untitled:Untitled-1";
    c.open(
        u,
        "procedure p {\n  name \"Thử\"\n  authority comune\n  source \"1086/QĐ-UBND\" item \"Z.9\"\n  total 1 day\n  step a \"Làm\" by commune-leader 1 day\n}\n",
    );
    let d = c.diagnostics(u);
    let codes: Vec<&str> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["TTHC008"],
        "roles and decisions come from the bundled catalogue"
    );
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 99, "character": 99}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    // Not JSON at all: logged and skipped, and the session goes on.
    c.send_raw("{this is not json");
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": \"textDocument/definition\", \"params\": 7}");
    let r = c.response(99);
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.shutdown();
}

/// Issue 21, item 6: the editor sees every independent mistake of a file, as the command
/// line does: a misspelt keyword, a wrong decision number, a wrong total and a misspelt
/// role are four diagnostics on their four lines.
#[test]
fn four_mistakes_of_four_kinds_are_four_diagnostics() {
    let root = catalogue_copy("four");
    let path = root.join("1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc");
    let (broken, expected) = common::b16_with_four_mistakes();
    let u = uri(&path);
    let mut c = Client::start();
    c.initialize(json!({"language": "en"}));
    c.open(&u, &broken);
    let published = c.diagnostics(&u);
    let mut found: Vec<(String, u64)> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    found.sort_by_key(|(_, l)| *l);
    let mut want: Vec<(String, u64)> = expected
        .iter()
        .map(|(c, l, _)| (c.to_string(), *l as u64))
        .collect();
    want.sort_by_key(|(_, l)| *l);
    assert_eq!(found, want, "{published:#}");
    c.shutdown();
}

/// Applies LSP text edits to a text as a client does: positions are lines and UTF-16
/// characters of that text (computed here, independently of the server).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0u64;
        for (i, c) in text[start..].char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, t);
    }
    out
}

/// Issue 21, item 8: a file saved in decomposed Vietnamese (Unikey's "Unicode tổ hợp")
/// gets positions and quick fixes in the text the editor holds. The role after an NFD
/// string is replaced exactly, the quote and the words before it untouched; a syntax
/// error's fix on an NFD line and a hover's range land where they belong too.
#[test]
fn quick_fixes_apply_to_the_decomposed_text_the_editor_holds() {
    use unicode_normalization::UnicodeNormalization;
    let root = catalogue_copy("nfd");
    let path = root.join(B02);
    let composed = std::fs::read_to_string(&path).unwrap();
    let misspelt = composed.replacen("by commune-civil-status\n", "by commune-civil-statu\n", 1);
    assert_ne!(misspelt, composed);
    let text: String = misspelt.nfd().collect();
    assert_ne!(text, misspelt, "the file has Vietnamese to decompose");
    let u = uri(&path);
    let mut c = Client::start();
    c.initialize(json!({"language": "vi"}));
    c.open(&u, &text);
    let published = c.diagnostics(&u);
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], "TTHC006");
    assert_eq!(d["range"]["start"], at(&text, "commune-civil-statu\n", 0));
    assert_eq!(
        d["range"]["end"],
        at(&text, "commune-civil-statu\n", "commune-civil-statu".len())
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": diags}}),
    );
    assert_eq!(
        actions[0]["title"], "Thay bằng `commune-civil-status`",
        "{actions}"
    );
    let edits = actions[0]["edit"]["changes"][&u]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply_edits(&text, &edits);
    let expected: String = composed.nfd().collect();
    assert_eq!(fixed, expected);
    c.change(&u, 2, &fixed);
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));

    // A misspelt keyword on a decomposed line, and a missing closing quote after one.
    let broken: String = composed
        .replacen("  step appraise", "  stpe appraise", 1)
        .nfd()
        .collect();
    c.change(&u, 3, &broken);
    let diags = c.diagnostics(&u)["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["range"]["start"], at(&broken, "stpe", 0));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    let edits = actions[0]["edit"]["changes"][&u]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(apply_edits(&broken, &edits), expected);
    let name = composed
        .lines()
        .find(|l| l.starts_with("  name \""))
        .unwrap();
    let unclosed: String = composed
        .replacen(name, name.trim_end_matches('"'), 1)
        .nfd()
        .collect();
    c.change(&u, 4, &unclosed);
    let diags = c.diagnostics(&u)["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    assert_eq!(actions[0]["title"], "Chèn `\"`", "{actions}");
    let edits = actions[0]["edit"]["changes"][&u]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(apply_edits(&unclosed, &edits), expected);

    // Hover on the role after the decomposed text: its range is the role's.
    c.change(&u, 5, &expected);
    c.diagnostics(&u);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": at(&expected, "commune-civil-status\n", 3)}),
    );
    assert_eq!(
        hover["range"]["start"],
        at(&expected, "commune-civil-status\n", 0),
        "{hover}"
    );
    c.shutdown();
}
