//! `tthc healthcheck`: asks a running `tthc serve` whether it is alive, for a container's
//! HEALTHCHECK (an image `FROM scratch` has no shell and no curl).
//!
//! Plain HTTP/1.1 over `std::net` to an IP address: no DNS, no TLS, no extra crate.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `tthc healthcheck`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The address the server listens on; an unspecified address (0.0.0.0, [::]) is
    /// reached on the loopback interface. Same variable as `tthc serve --addr`.
    #[arg(long, env = "TTHC_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The path to ask.
    #[arg(long, default_value = "/healthz")]
    path: String,
    /// Seconds to wait for the answer.
    #[arg(long, default_value_t = 3)]
    timeout: u64,
}

/// The address to connect to for a listening address: loopback for an unspecified one.
fn target(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}

/// The status code of an HTTP response's first line (`HTTP/1.1 200 OK` → 200).
fn status_of(head: &str) -> Option<u16> {
    let line = head.lines().next()?;
    let mut parts = line.split_whitespace();
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    parts.next()?.parse().ok()
}

fn ask(addr: SocketAddr, path: &str, timeout: Duration) -> Result<u16, String> {
    let mut stream = TcpStream::connect_timeout(&addr, timeout)
        .map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: tthc-healthcheck\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("cannot send to {addr}: {e}"))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 4096 {
        let n = stream
            .read(&mut buf)
            .map_err(|e| format!("no answer from {addr}: {e}"))?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    status_of(&String::from_utf8_lossy(&head)).ok_or_else(|| format!("{addr} did not answer HTTP"))
}

/// Exit 0 when the server answers 200, 1 when it answers anything else or nothing.
pub fn run(args: Args) -> ExitCode {
    if !args.path.starts_with('/') || args.path.chars().any(|c| c.is_whitespace()) {
        eprintln!("error: --path must start with / and contain no spaces");
        return ExitCode::from(super::EXIT_CANNOT_RUN);
    }
    let addr = target(args.addr);
    match ask(addr, &args.path, Duration::from_secs(args.timeout.max(1))) {
        Ok(200) => {
            println!("ok: http://{addr}{} answered 200", args.path);
            ExitCode::SUCCESS
        }
        Ok(status) => {
            eprintln!("unhealthy: http://{addr}{} answered {status}", args.path);
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("unhealthy: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_status_line_and_reaches_unspecified_addresses_on_loopback() {
        assert_eq!(status_of("HTTP/1.1 200 OK\r\n"), Some(200));
        assert_eq!(status_of("HTTP/1.0 503 Service Unavailable\r\n"), Some(503));
        assert_eq!(status_of("SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(
            target("0.0.0.0:8080".parse().unwrap()),
            "127.0.0.1:8080".parse().unwrap()
        );
        assert_eq!(
            target("[::]:80".parse().unwrap()),
            "[::1]:80".parse().unwrap()
        );
        assert_eq!(
            target("10.0.0.2:80".parse().unwrap()),
            "10.0.0.2:80".parse().unwrap()
        );
    }
}
