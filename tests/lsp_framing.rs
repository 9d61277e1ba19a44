//! `tthc lsp` on a broken stream (issue 25, item 12): an absurd `Content-Length` aborted
//! the process (a failed allocation of 100 GB) or panicked (`2^63`). Now the server says
//! in the client's log and on stderr that the framing is lost, and exits with status 2
//! instead of waiting for bytes that never come.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Sends `initialize`, then `tail` as raw bytes; returns the exit status, stdout, stderr.
fn session(tail: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tthc"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let init = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"language":"en"}}}"#;
    let initialized = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    for body in [init, initialized] {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    // The server may stop reading (and close its end) before a long tail is written.
    let _ = stdin.write_all(tail).and_then(|()| stdin.flush());
    // stdin stays open: a server that waits for the announced bytes never ends by itself.
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the server still runs 20 s after the framing was lost");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), out, err)
}

#[test]
fn an_absurd_content_length_ends_the_session_cleanly() {
    for length in [
        "100000000000",
        "9223372036854775808",
        "18446744073709551616",
    ] {
        let (code, out, err) = session(format!("Content-Length: {length}\r\n\r\n{{").as_bytes());
        assert_eq!(code, Some(2), "{length}: {err}");
        assert!(err.contains("lost the message framing"), "{length}: {err}");
        assert!(!err.contains("panicked"), "{length}: {err}");
        // The client's log says why, before the session ends.
        assert!(
            out.contains("window/logMessage") && out.contains("lost the message framing"),
            "{length}: {out}"
        );
    }
}

#[test]
fn a_header_without_its_line_end_or_length_ends_the_session_cleanly() {
    let (code, _, err) = session(format!("X-Junk: {}", "x".repeat(100_000)).as_bytes());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("longer than"), "{err}");
    let (code, _, err) = session(b"Content-Type: x\r\n\r\n{}");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("without Content-Length"), "{err}");
}
