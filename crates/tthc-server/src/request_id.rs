//! The request id: the caller's `x-request-id` when it is usable, else a new one; echoed
//! in the response and written in the log line, so one request can be followed from a
//! portal's log through a proxy to this server's.

use axum::http::HeaderMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The header that carries it, both ways.
pub const HEADER: &str = "x-request-id";

/// Longest id taken from a caller; a longer one is replaced, so a log line stays small.
pub const MAX_LEN: usize = 128;

/// True for an id worth keeping: 1 to [`MAX_LEN`] visible ASCII characters (no spaces or
/// control characters, which would let a caller forge log lines).
pub fn is_usable(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

/// The caller's id, or a new one.
pub fn from_request(headers: &HeaderMap) -> String {
    headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|id| is_usable(id))
        .map_or_else(generate, str::to_string)
}

/// A new id: 16 hex digits, unique within the process (a counter through a bijective
/// mix) and unlikely to repeat across restarts (a random seed per process).
pub fn generate() -> String {
    static SEED: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let seed = *SEED.get_or_init(|| RandomState::new().hash_one(std::process::id()));
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:016x}", splitmix64(seed.wrapping_add(n)))
}

/// The SplitMix64 finaliser: a bijection on u64, so distinct inputs give distinct ids.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_usable_id_and_replaces_others() {
        let mut h = HeaderMap::new();
        h.insert(HEADER, "portal-42/abc".parse().unwrap());
        assert_eq!(from_request(&h), "portal-42/abc");
        h.insert(HEADER, "two words".parse().unwrap());
        let new = from_request(&h);
        assert_eq!(new.len(), 16);
        assert!(new.bytes().all(|b| b.is_ascii_hexdigit()));
        h.insert(HEADER, "x".repeat(MAX_LEN + 1).parse().unwrap());
        assert_eq!(from_request(&h).len(), 16);
    }

    #[test]
    fn generated_ids_differ() {
        let ids: std::collections::BTreeSet<String> = (0..1000).map(|_| generate()).collect();
        assert_eq!(ids.len(), 1000);
    }
}
