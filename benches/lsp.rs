//! `tthc lsp`: time from `didChange` to `publishDiagnostics`, over 100 edits, on the
//! bundled catalogue (target p95 < 50 ms) and on a generated catalogue of 10,000
//! procedures (target p95 < 300 ms), and the server's peak memory on the latter (target
//! < 200 MB, VmHWM from /proc).
//!
//! `cargo test --benches` runs it quickly (a few edits, a small generated catalogue);
//! the full measurement runs with `TTHC_LSP_BENCH=full`:
//!
//! ```sh
//! TTHC_LSP_BENCH=full cargo bench --bench lsp
//! ```
//!
//! The server runs with its default debounce (150 ms; `TTHC_LSP_DEBOUNCE_MS` sets
//! another), and the edits come as a user makes single changes: each after a pause
//! longer than the debounce, which the server checks at once. (A burst of keystrokes is
//! checked once, the debounce time after the last one: `tests/lsp.rs` covers that.)

#![forbid(unsafe_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(debounce_ms: Option<u64>) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tthc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tthc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0usize;
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
                        length = n.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(v) = serde_json::from_slice(&body) else {
                    return;
                };
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            incoming,
            next_id: 1,
        };
        c.send(
            &json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "processId": null, "rootUri": null, "capabilities": {},
            "initializationOptions": {"language": "vi", "debounceMs": debounce_ms,
                                      "ruleUrl": "https://example.org/{code}"}}}),
        );
        c.wait(|m| m["id"] == 0);
        c.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        c
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .incoming
                .recv_timeout(Duration::from_secs(120))
                .expect("the server answers");
            if pred(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }

    fn stop(mut self) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
        self.wait(|m| m["id"] == id);
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

const ROLES: &str = "authority commune \"UBND cấp xã\"\nrole desk \"Công chức Tư pháp - hộ tịch trực tại Bộ phận một cửa\" authority commune\nrole officer \"Công chức Tư pháp - hộ tịch\" authority commune\nrole leader \"Lãnh đạo UBND cấp xã\" authority commune\n";
const DECISION: &str = "decision \"1/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh\"\n}\n";

fn procedure(i: usize) -> String {
    match i % 3 {
        0 => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total same day, cutoff 15:00\n  step receive \"Tiếp nhận hồ sơ\" by desk\n  step appraise \"Thẩm định\" by officer\n  step approve \"Phê duyệt\" by leader\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
        1 => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total 5 days\n  step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 4 days\n  step approve \"Phê duyệt\" by leader 1/2 day\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
        _ => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total 3 days, verification 23 days # xác minh\n  step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 2 days, verification 22 days\n  step approve \"Phê duyệt\" by leader 0.5 day\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
    }
}

/// A catalogue of `n` procedures in files of 100, with its roles file and decision.
fn generate(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("1-QD-UBND")).unwrap();
    std::fs::write(dir.join("roles.tthc"), ROLES).unwrap();
    std::fs::write(dir.join("1-QD-UBND/decision.tthc"), DECISION).unwrap();
    for f in 0..n.div_ceil(100) {
        let text: String = (f * 100..((f + 1) * 100).min(n)).map(procedure).collect();
        std::fs::write(dir.join(format!("1-QD-UBND/p{f:03}.tthc")), text).unwrap();
    }
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

struct Figures {
    open: Duration,
    latencies: Vec<Duration>,
    peak_kb: Option<u64>,
}

/// Opens `file`, then times `edits` edits (alternately breaking and fixing a role, each
/// text distinct) from didChange to the diagnostics of that version.
fn measure(file: &Path, broken: (&str, &str), edits: usize, debounce_ms: Option<u64>) -> Figures {
    // A pause longer than the debounce before each edit.
    let pause = Duration::from_millis(debounce_ms.unwrap_or(150) + 50);
    let u = uri(file);
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains(broken.0),
        "{} holds {}",
        file.display(),
        broken.0
    );
    let mut c = Client::start(debounce_ms);
    let t0 = Instant::now();
    c.send(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": u, "languageId": "tthc", "version": 1, "text": text}}}),
    );
    c.diagnostics(&u, 1);
    let open = t0.elapsed();
    let mut latencies = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        let mut t = if i % 2 == 0 {
            text.replacen(broken.0, broken.1, 1)
        } else {
            text.clone()
        };
        t.push_str(&format!("# sửa lần {i}\n"));
        std::thread::sleep(pause);
        let start = Instant::now();
        c.send(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": u, "version": version}, "contentChanges": [{"text": t}]}}),
        );
        let d = c.diagnostics(&u, version);
        latencies.push(start.elapsed());
        let n = d["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        assert_eq!(n, usize::from(i % 2 == 0), "edit {i}: {d}");
    }
    let peak_kb = c.peak_rss_kb();
    c.stop();
    Figures {
        open,
        latencies,
        peak_kb,
    }
}

fn report(name: &str, f: &mut Figures, target_ms: u128) {
    f.latencies.sort();
    let pick = |q: f64| f.latencies[((f.latencies.len() as f64 - 1.0) * q).round() as usize];
    let p95 = pick(0.95);
    println!(
        "{name}: open {:.1} ms; didChange → publishDiagnostics over {} edits: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (target p95 < {target_ms} ms: {}){}",
        f.open.as_secs_f64() * 1e3,
        f.latencies.len(),
        pick(0.5).as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        f.latencies.last().unwrap().as_secs_f64() * 1e3,
        if p95.as_millis() < target_ms {
            "met"
        } else {
            "NOT met"
        },
        match f.peak_kb {
            Some(kb) => format!(
                "; peak RSS {:.1} MB (target < 200 MB: {})",
                kb as f64 / 1024.0,
                if kb < 200 * 1024 { "met" } else { "NOT met" }
            ),
            None => String::new(),
        }
    );
}

fn main() {
    let full = std::env::var("TTHC_LSP_BENCH").is_ok_and(|v| v == "full");
    let debounce: Option<u64> = std::env::var("TTHC_LSP_DEBOUNCE_MS")
        .ok()
        .and_then(|v| v.parse().ok());
    let (edits, generated) = if full { (100, 10_000) } else { (4, 300) };
    let work = std::env::temp_dir().join(format!("tthc-lsp-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);

    let bundled = work.join("bundled/procedures");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures"),
        &bundled,
    );
    let mut f = measure(
        &bundled.join("1086-QD-UBND/b02-dang-ky-ket-hon.tthc"),
        ("by commune-leader", "by comune-leader"),
        edits,
        debounce,
    );
    report("bundled catalogue", &mut f, 50);

    let big: PathBuf = work.join("generated/procedures");
    generate(&big, generated);
    let mut f = measure(
        &big.join(format!("1-QD-UBND/p{:03}.tthc", generated / 200)),
        ("by leader", "by leadr"),
        edits,
        debounce,
    );
    report(
        &format!("generated catalogue of {generated} procedures"),
        &mut f,
        300,
    );
    let _ = std::fs::remove_dir_all(&work);
    if !full {
        println!("(quick run; TTHC_LSP_BENCH=full cargo bench --bench lsp measures in full)");
    }
}
