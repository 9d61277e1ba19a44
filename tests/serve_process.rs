//! `tthc serve` as a process: it answers on its socket, reloads on SIGHUP (keeping the old
//! catalogue when the new one is invalid) and exits cleanly on SIGTERM.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn version(port: u16) -> Option<String> {
    let body = get(port, "/healthz")?;
    let v: serde_json::Value = serde_json::from_str(body.split("\r\n\r\n").nth(1)?).ok()?;
    v["catalogue_version"].as_str().map(str::to_string)
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn reloads_on_sighup_and_stops_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("tthc-serve-process-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(Path::new("procedures"), &dir);
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the server", || version(port).is_some());
    let v0 = version(port).unwrap();

    // An invalid catalogue is refused: the old one keeps serving.
    let b16 = dir.join("1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc");
    let good = std::fs::read_to_string(&b16).unwrap();
    std::fs::write(&b16, good.replace("total 3 days", "total 4 days")).unwrap();
    signal(&child, "HUP");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(version(port).as_deref(), Some(v0.as_str()));

    // A valid one replaces it.
    std::fs::write(
        &b16,
        good.replace("field \"Hộ tịch\"", "field \"Hộ tịch (sửa)\""),
    )
    .unwrap();
    signal(&child, "HUP");
    wait_for("the new catalogue version", || {
        version(port).is_some_and(|v| v != v0)
    });

    signal(&child, "TERM");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_calendar_nested_ten_thousand_deep_is_refused_on_reload_and_the_server_lives() {
    // It overflowed the ICS parser's stack: the reload killed the server (issue 25, item 3).
    let dir = std::env::temp_dir().join(format!("tthc-serve-deep-ics-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(Path::new("procedures"), &dir.join("procedures"));
    common::copy_dir(Path::new("calendars"), &dir.join("calendars"));
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--calendars",
        ])
        .arg(dir.join("calendars"))
        .arg(dir.join("procedures"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the server", || version(port).is_some());
    let v0 = version(port).unwrap();
    let nested = format!(
        "{}{}",
        "BEGIN:VCALENDAR\r\n".repeat(10_000),
        "END:VCALENDAR\r\n".repeat(10_000)
    );
    std::fs::write(dir.join("calendars/vn-2025.ics"), nested).unwrap();
    signal(&child, "HUP");
    wait_for("the reload to be refused", || {
        get(port, "/readyz").is_some_and(|r| r.contains("nested more than 8 deep"))
    });
    assert!(child.try_wait().unwrap().is_none(), "the server died");
    assert_eq!(version(port).as_deref(), Some(v0.as_str()));
    signal(&child, "TERM");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
