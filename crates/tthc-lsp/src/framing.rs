//! Reading the client's messages off stdin: `Content-Length` headers, then that many
//! bytes of JSON-RPC, within bounds. `lsp-server`'s own reader allocates whatever length
//! a header claims (`Content-Length: 100000000000` aborted the process on the failed
//! allocation, `2^63` panicked) and reads header lines of any length.
//!
//! A body that is not JSON-RPC is skipped: the next message starts right after it. A
//! header that cannot be read, or a length past [`MAX_CONTENT_LENGTH`], leaves no way to
//! know where the next message starts (skipping a claimed 100 GB would wait for bytes that
//! never come, and eat the client's next messages): the framing is lost, and the server
//! says why and ends the session cleanly.

use lsp_server::Message;
use std::io::{BufRead, Read};

/// Largest message body read, in bytes. A document is sent whole on every change; the
/// largest procedure files are tens of kilobytes, a whole catalogue a few hundred.
pub const MAX_CONTENT_LENGTH: u64 = 64 * 1024 * 1024;
/// Longest header line read, in bytes.
const MAX_HEADER_LINE: u64 = 8 * 1024;
/// Most header lines read before the blank line that ends them.
const MAX_HEADERS: usize = 32;

/// What one read off the stream gave.
#[derive(Debug)]
pub enum Frame {
    /// A message.
    Message(Message),
    /// A body that is not a JSON-RPC message (why), skipped; the stream reads on.
    NotJsonRpc(String),
    /// The stream ended between messages.
    End,
}

/// Why the stream cannot be read on: where the next message starts is unknown.
#[derive(Debug)]
pub struct FramingLost(pub String);

impl std::fmt::Display for FramingLost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "lost the message framing: {}", self.0)
    }
}

impl std::error::Error for FramingLost {}

/// Reads the next message.
///
/// ```
/// use tthc_lsp::framing::{read_frame, Frame};
/// let body = r#"{"jsonrpc":"2.0","method":"exit"}"#;
/// let mut input = format!("Content-Length: {}\r\n\r\n{body}", body.len());
/// input.push_str("Content-Length: 100000000000\r\n\r\n");
/// let mut r = std::io::Cursor::new(input);
/// assert!(matches!(read_frame(&mut r), Ok(Frame::Message(_))));
/// let lost = read_frame(&mut r).unwrap_err();
/// assert!(lost.to_string().contains("100000000000 bytes"), "{lost}");
/// ```
pub fn read_frame(r: &mut impl BufRead) -> Result<Frame, FramingLost> {
    let mut length: Option<u64> = None;
    let mut line = Vec::new();
    for count in 0.. {
        if count > MAX_HEADERS {
            return Err(FramingLost(format!("more than {MAX_HEADERS} header lines")));
        }
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .map_err(|e| FramingLost(format!("reading a header: {e}")))?;
        if n == 0 {
            return if count == 0 {
                Ok(Frame::End)
            } else {
                Err(FramingLost("the stream ended inside a header".into()))
            };
        }
        let Some(text) = line.strip_suffix(b"\r\n") else {
            return Err(FramingLost(if line.ends_with(b"\n") {
                "a header line ends without \\r\\n".into()
            } else if n as u64 >= MAX_HEADER_LINE {
                format!("a header line longer than {MAX_HEADER_LINE} bytes")
            } else {
                "the stream ended inside a header".into()
            }));
        };
        if text.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(text);
        let Some((name, value)) = text.split_once(':') else {
            return Err(FramingLost(format!("not a header: {:?}", clip(&text))));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            let parsed = value
                .parse::<u64>()
                .ok()
                .filter(|_| value.bytes().all(|b| b.is_ascii_digit()));
            match parsed {
                Some(v) if v <= MAX_CONTENT_LENGTH => length = Some(v),
                Some(v) => {
                    return Err(FramingLost(format!(
                        "a message of {v} bytes was announced; at most {MAX_CONTENT_LENGTH} are read"
                    )));
                }
                None => {
                    return Err(FramingLost(format!(
                        "Content-Length {:?} is not a number of bytes up to {MAX_CONTENT_LENGTH}",
                        clip(value)
                    )));
                }
            }
        }
    }
    let length = length.ok_or_else(|| FramingLost("a message without Content-Length".into()))?;
    let mut body = Vec::with_capacity(length as usize);
    r.by_ref()
        .take(length)
        .read_to_end(&mut body)
        .map_err(|e| FramingLost(format!("reading a message: {e}")))?;
    if (body.len() as u64) < length {
        return Err(FramingLost(format!(
            "the stream ended {} bytes into a message of {length}",
            body.len()
        )));
    }
    Ok(match serde_json::from_slice::<Message>(&body) {
        Ok(m) => Frame::Message(m),
        Err(e) => Frame::NotJsonRpc(e.to_string()),
    })
}

/// At most 80 characters of a header, for a message.
fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Result<Frame, FramingLost> {
        read_frame(&mut std::io::Cursor::new(input.as_bytes().to_vec()))
    }

    #[test]
    fn absurd_lengths_are_refused_without_allocating_them() {
        for n in [
            "100000000000",
            "9223372036854775808",
            "18446744073709551616",
            "-1",
            "1e9",
            "",
        ] {
            let e = read(&format!("Content-Length: {n}\r\n\r\n{{}}")).unwrap_err();
            assert!(e.0.contains("bytes") && !e.0.is_empty(), "{n}: {e}");
        }
        let e = read(&format!(
            "Content-Length: {}\r\n\r\n",
            MAX_CONTENT_LENGTH + 1
        ))
        .unwrap_err();
        assert!(e.0.contains("at most"), "{e}");
    }

    #[test]
    fn headers_are_bounded_and_must_end_in_crlf() {
        let long = format!("X-Long: {}\r\n", "x".repeat(20_000));
        assert!(read(&long).unwrap_err().0.contains("longer than"));
        let many = "X-A: 1\r\n".repeat(40);
        assert!(read(&many).unwrap_err().0.contains("header lines"));
        assert!(
            read("Content-Length: 2\n\n{}")
                .unwrap_err()
                .0
                .contains("\\r\\n")
        );
        assert!(
            read("\r\n{}")
                .unwrap_err()
                .0
                .contains("without Content-Length")
        );
        assert!(
            read("Content-Length: 10\r\n\r\n{}")
                .unwrap_err()
                .0
                .contains("ended 2 bytes into")
        );
        assert!(matches!(read(""), Ok(Frame::End)));
    }

    #[test]
    fn a_body_that_is_not_json_rpc_is_skipped_and_the_next_one_read() {
        let bad = "{oops";
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{bad}content-length: {}\r\n\r\n{good}",
            bad.len(),
            good.len()
        );
        let mut r = std::io::Cursor::new(input.into_bytes());
        assert!(matches!(read_frame(&mut r), Ok(Frame::NotJsonRpc(_))));
        assert!(matches!(
            read_frame(&mut r),
            Ok(Frame::Message(Message::Request(_)))
        ));
        assert!(matches!(read_frame(&mut r), Ok(Frame::End)));
    }
}
