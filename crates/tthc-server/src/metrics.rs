//! Request counts and latencies per route, in the Prometheus text format.
//!
//! The label values are bounded so that no client can grow the series without end: a
//! route is a template of the router (or `unmatched`), a method one of the nine methods
//! of RFC 9110 and PATCH (any other string, which HTTP allows, is `_OTHER`, as in the
//! OpenTelemetry HTTP conventions), a status a three-digit number the server chose.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram buckets: the `le` label and the bound in nanoseconds.
const BUCKETS: [(&str, u128); 12] = [
    ("0.0001", 100_000),
    ("0.00025", 250_000),
    ("0.0005", 500_000),
    ("0.001", 1_000_000),
    ("0.0025", 2_500_000),
    ("0.005", 5_000_000),
    ("0.01", 10_000_000),
    ("0.025", 25_000_000),
    ("0.05", 50_000_000),
    ("0.1", 100_000_000),
    ("0.5", 500_000_000),
    ("1", 1_000_000_000),
];

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    /// Nanoseconds, summed as an integer so that no precision is lost.
    sum_nanos: u128,
    buckets: [u64; BUCKETS.len()],
}

/// The label of every method that is not one of [`KNOWN_METHODS`].
pub const OTHER_METHOD: &str = "_OTHER";

/// The methods that become labels of their own.
pub const KNOWN_METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// The label of a method: itself when known, else [`OTHER_METHOD`]. Method names are
/// case-sensitive (RFC 9110 §9.1), so `get` is not `GET`.
pub fn method_label(method: &str) -> &'static str {
    KNOWN_METHODS
        .iter()
        .find(|m| **m == method)
        .copied()
        .unwrap_or(OTHER_METHOD)
}

/// Counters per (route, method, status).
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one request. `route` must be a route template or `unmatched`, never a
    /// path the client chose; `method` may be anything the client sent.
    pub fn record(&self, route: &str, method: &str, status: u16, latency: Duration) {
        let method = method_label(method);
        let mut map = match self.series.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let s = map
            .entry((route.to_string(), method.to_string(), status))
            .or_default();
        s.count += 1;
        let nanos = latency.as_nanos();
        s.sum_nanos += nanos;
        for (i, (_, le)) in BUCKETS.iter().enumerate() {
            if nanos <= *le {
                s.buckets[i] += 1;
            }
        }
    }

    /// The Prometheus exposition text.
    pub fn render(&self) -> String {
        let map = match self.series.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let mut out = String::new();
        out.push_str(
            "# HELP tthc_http_requests_total HTTP requests by route, method and status.\n",
        );
        out.push_str("# TYPE tthc_http_requests_total counter\n");
        for ((route, method, status), s) in &map {
            out.push_str(&format!(
                "tthc_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {}\n",
                s.count
            ));
        }
        // Latency by route only: a route answers one or two methods, and a label per
        // method would multiply the histogram's fourteen lines by ten.
        out.push_str("# HELP tthc_http_request_duration_seconds HTTP request latency by route.\n");
        out.push_str("# TYPE tthc_http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<&str, Series> = BTreeMap::new();
        for ((route, _, _), s) in &map {
            let agg = by_route.entry(route).or_default();
            agg.count += s.count;
            agg.sum_nanos += s.sum_nanos;
            for i in 0..BUCKETS.len() {
                agg.buckets[i] += s.buckets[i];
            }
        }
        for (route, s) in &by_route {
            for (i, (le, _)) in BUCKETS.iter().enumerate() {
                out.push_str(&format!(
                    "tthc_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {}\n",
                    s.buckets[i]
                ));
            }
            out.push_str(&format!(
                "tthc_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n",
                s.count
            ));
            let secs = s.sum_nanos / 1_000_000_000;
            let frac = s.sum_nanos % 1_000_000_000;
            out.push_str(&format!(
                "tthc_http_request_duration_seconds_sum{{route=\"{route}\"}} {secs}.{frac:09}\n"
            ));
            out.push_str(&format!(
                "tthc_http_request_duration_seconds_count{{route=\"{route}\"}} {}\n",
                s.count
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label() {
        let m = Metrics::default();
        for method in ["BREW", "get", "PROPFIND", "X-1", "GET"] {
            m.record("/healthz", method, 405, Duration::from_micros(5));
        }
        let text = m.render();
        assert!(text.contains(
            "tthc_http_requests_total{route=\"/healthz\",method=\"_OTHER\",status=\"405\"} 4"
        ));
        assert!(text.contains("method=\"GET\",status=\"405\"} 1"));
        assert!(!text.contains("BREW") && !text.contains("method=\"get\""));
    }

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        m.record("/healthz", "GET", 200, Duration::from_micros(50));
        m.record("/healthz", "GET", 200, Duration::from_millis(3));
        let text = m.render();
        assert!(text.contains(
            "tthc_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.0001\"} 1"));
        assert!(text.contains("le=\"0.005\"} 2"));
        assert!(text.contains("_sum{route=\"/healthz\"} 0.003050000"));
    }
}
