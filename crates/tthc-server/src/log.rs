//! The server's log lines: human-readable, or one JSON object per line for a log
//! collector (`--log-format json`). The JSON writer is a small `tracing` event formatter,
//! so no further dependency is needed.
//!
//! Request lines are bounded: [`RequestLogger`] logs every request at low rates, and
//! beyond a number of lines per second counts the rest and summarises them, so that a
//! burst of traffic cannot fill a disk (see the README, "Logs").

use serde_json::{Map, Value};
use std::fmt;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// Writes each event as one JSON object: `timestamp` (RFC 3339, UTC), `level`, `message`
/// and the event's fields (`request_id`, `method`, `status`…) under their own names.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLines;

struct Fields<'a>(&'a mut Map<String, Value>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        // `%x` fields arrive here as their Display text.
        self.0
            .insert(field.name().into(), Value::from(format!("{value:?}")));
    }
}

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut map = Map::new();
        map.insert(
            "timestamp".into(),
            Value::from(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        );
        map.insert(
            "level".into(),
            Value::from(event.metadata().level().as_str()),
        );
        event.record(&mut Fields(&mut map));
        writeln!(writer, "{}", Value::Object(map))
    }
}

/// Which requests get a log line of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestLog {
    /// One line per request.
    All,
    /// One line per request up to `per_second` lines in a second; beyond that, requests
    /// are counted, and one summary line every [`SUMMARY_EVERY`] says how many were not
    /// logged, by status class. Server errors and slow requests are always logged.
    Sampled {
        /// Lines per second before sampling starts.
        per_second: u32,
    },
    /// Only server errors (5xx) and slow requests.
    Errors,
    /// No request lines (the metrics still count every request).
    Off,
}

/// How often a sampled log says how many requests it did not log.
pub const SUMMARY_EVERY: Duration = Duration::from_secs(10);
/// A request slower than this is always logged, at `warn`.
pub const SLOW: Duration = Duration::from_secs(1);

/// Decides which requests are logged and counts the others.
#[derive(Debug)]
pub struct RequestLogger {
    mode: RequestLog,
    started: Instant,
    /// The second (since `started`) the budget is counted in, and lines logged in it.
    second: AtomicU64,
    in_second: AtomicU32,
    /// Requests not logged since the last summary, by status class (1xx–5xx).
    unlogged: [AtomicU64; 5],
}

/// What to do with one request's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Log it.
    Log,
    /// Count it only.
    Count,
}

impl RequestLogger {
    /// A logger in `mode`.
    pub fn new(mode: RequestLog) -> RequestLogger {
        RequestLogger {
            mode,
            started: Instant::now(),
            second: AtomicU64::new(0),
            in_second: AtomicU32::new(0),
            unlogged: Default::default(),
        }
    }

    /// Whether a request answered `status` after `elapsed` gets a line.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tthc_server::log::{RequestLog, RequestLogger, Verdict};
    /// let log = RequestLogger::new(RequestLog::Sampled { per_second: 3 });
    /// let quick = Duration::from_millis(1);
    /// let verdicts: Vec<_> = (0..5).map(|_| log.admit(200, quick)).collect();
    /// assert_eq!(verdicts.iter().filter(|v| **v == Verdict::Log).count(), 3);
    /// assert_eq!(log.admit(500, quick), Verdict::Log); // errors always
    /// assert_eq!(log.take_unlogged(), [0, 2, 0, 0, 0]);
    /// ```
    pub fn admit(&self, status: u16, elapsed: Duration) -> Verdict {
        let always = status >= 500 || elapsed >= SLOW;
        let log = match self.mode {
            RequestLog::All => true,
            RequestLog::Off => false,
            RequestLog::Errors => always,
            RequestLog::Sampled { per_second } => always || self.within_budget(per_second),
        };
        if log {
            Verdict::Log
        } else {
            let class = usize::from(status / 100).clamp(1, 5) - 1;
            self.unlogged[class].fetch_add(1, Ordering::Relaxed);
            Verdict::Count
        }
    }

    fn within_budget(&self, per_second: u32) -> bool {
        let now = self.started.elapsed().as_secs();
        if self.second.swap(now, Ordering::AcqRel) != now {
            self.in_second.store(0, Ordering::Release);
        }
        self.in_second.fetch_add(1, Ordering::AcqRel) < per_second
    }

    /// The requests not logged since the last call, by status class (1xx, 2xx, 3xx,
    /// 4xx, 5xx), and starts counting again.
    pub fn take_unlogged(&self) -> [u64; 5] {
        std::array::from_fn(|i| self.unlogged[i].swap(0, Ordering::AcqRel))
    }

    /// Logs one summary line of the requests not logged since the last one, if any
    /// (the server calls it every [`SUMMARY_EVERY`]).
    pub fn summarise(&self) {
        let [c1, c2, c3, c4, c5] = self.take_unlogged();
        let total = c1 + c2 + c3 + c4 + c5;
        if total > 0 {
            tracing::info!(
                target: "tthc_server::request",
                not_logged = total,
                s1xx = c1,
                s2xx = c2,
                s3xx = c3,
                s4xx = c4,
                s5xx = c5,
                "requests not logged one by one since the last summary"
            );
        }
    }
}
