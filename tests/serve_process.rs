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

fn stop(mut child: Child) -> std::process::ExitStatus {
    signal(&child, "TERM");
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("did not stop on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether the server closed `s` (a read ends or fails) within `within`.
fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 256];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            // A 408 or any answer, then the close.
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
}

/// Silent and trickling connections are closed after the header timeout, and more idle
/// connections than the limit never keep `/healthz` from answering (issue 25, item 2).
#[test]
fn idle_and_slow_connections_are_closed_and_healthz_still_answers() {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(["--max-connections", "16", "--header-timeout", "2"])
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the server", || version(port).is_some());

    // 40 silent connections, more than twice the limit: the server makes room for new
    // ones by closing those idle longest, so a health check still answers at once.
    let mut idle: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let start = Instant::now();
    let health = get(port, "/healthz").expect("healthz answers");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );

    // A client sending its header a byte at a time is closed once the header timeout
    // passes, however steadily it trickles.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_write_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let opened = Instant::now();
    let header =
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    let mut cut = false;
    for b in header {
        if slow.write_all(&[*b]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(150));
        if opened.elapsed() > Duration::from_secs(6) {
            break;
        }
    }
    assert!(
        cut || closed_within(&mut slow, Duration::from_secs(1)),
        "a trickling header was still open after {:?}",
        opened.elapsed()
    );
    assert!(opened.elapsed() < Duration::from_secs(6));

    // The silent connections still open are closed by the header timeout too.
    let last = idle.pop().unwrap();
    let mut last = last;
    assert!(closed_within(&mut last, Duration::from_secs(4)));
    assert!(stop(child).success());
}

/// A named pipe called `*.tthc` in the catalogue is skipped and named, never read: the
/// server starts, reloads and stops on SIGTERM (issue 25, item 15).
#[test]
fn a_named_pipe_in_the_catalogue_is_skipped_and_shutdown_finishes() {
    let dir = std::env::temp_dir().join(format!("tthc-serve-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(Path::new("procedures"), &dir);
    let fifo = dir.join("1086-QD-UBND/zz-pipe.tthc");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let log = dir.with_extension("log");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    wait_for("the server", || version(port).is_some());
    let v0 = version(port).unwrap();
    signal(&child, "HUP");
    std::thread::sleep(Duration::from_millis(500));
    let reload = get(port, "/readyz").unwrap();
    assert!(reload.starts_with("HTTP/1.1 200"), "{reload}");
    assert_eq!(version(port), Some(v0));
    assert!(stop(child).success());
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        said.contains("zz-pipe.tthc") && said.contains("not a regular file"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&log);
}
