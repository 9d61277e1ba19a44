//! Connections: how many the server keeps, how long a silent one may stay, and how it
//! stops.
//!
//! `axum::serve` accepts every connection and keeps it as long as the client likes, so
//! idle or slow clients (a request header sent a byte at a time) can hold every file
//! descriptor until even `/healthz` cannot be answered. Here each connection is served
//! by hyper directly, with:
//!
//! - a **header read timeout** ([`Limits::header_timeout`]): a connection that has not
//!   sent a complete request header that long after it opened, or after its previous
//!   response, is closed (idle keep-alive connections included);
//! - a **connection limit** ([`Limits::max_connections`]), kept below the process's
//!   descriptor limit (`ulimit -n`) so that `accept` never fails for want of one. When
//!   it is reached, the connection waiting longest for a request is closed to make room
//!   (a browser reopens an idle connection transparently); only when every connection
//!   is busy with a request is the new one answered 503 and closed;
//! - request bodies bounded in time by the request timeout of [`crate::REQUEST_TIMEOUT`];
//! - a shutdown that stops accepting, lets requests in flight finish, and gives up on
//!   stragglers after [`Limits::drain`], so that SIGTERM always ends the process.

use axum::Router;
use axum::body::Body;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

/// Descriptors kept for everything but connections: the listener, the runtime, standard
/// streams and the catalogue files a reload reads.
pub const RESERVED_DESCRIPTORS: u64 = 64;
/// The connection limit when the descriptor limit allows it.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// How connections are bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest a connection may take to send a complete request header, from when it
    /// opens or finishes its previous request.
    pub header_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
    /// Longest a shutdown waits for requests in flight.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: default_max_connections(descriptor_limit()),
            drain: crate::REQUEST_TIMEOUT + Duration::from_secs(1),
        }
    }
}

/// The process's soft limit on open descriptors (`ulimit -n`), if it can be read.
pub fn descriptor_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The connection limit that fits a descriptor limit: [`DEFAULT_MAX_CONNECTIONS`], or
/// fewer when the limit minus [`RESERVED_DESCRIPTORS`] is lower (at least 8).
///
/// ```
/// use tthc_server::listen::default_max_connections;
/// assert_eq!(default_max_connections(Some(256)), 192);
/// assert_eq!(default_max_connections(Some(65536)), 1024);
/// assert_eq!(default_max_connections(None), 1024);
/// ```
pub fn default_max_connections(descriptors: Option<u64>) -> usize {
    let fits = descriptors.map_or(u64::MAX, |n| n.saturating_sub(RESERVED_DESCRIPTORS));
    usize::try_from(fits)
        .unwrap_or(usize::MAX)
        .clamp(8, DEFAULT_MAX_CONNECTIONS)
}

/// One open connection, as the accept loop sees it.
struct Slot {
    /// Requests (with their response bodies) in flight on it.
    busy: AtomicUsize,
    /// When it last became idle, in milliseconds since the server started.
    idle_since: AtomicU64,
    /// Wakes its task to close it.
    close: Notify,
}

/// Every open connection.
struct Table {
    started: Instant,
    next: AtomicU64,
    slots: Mutex<HashMap<u64, Arc<Slot>>>,
    /// Notified when a connection ends (shutdown waits for the table to empty).
    ended: Notify,
}

impl Table {
    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Slot>>> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn len(&self) -> usize {
        self.lock().len()
    }

    fn add(&self) -> (u64, Arc<Slot>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let slot = Arc::new(Slot {
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.now()),
            close: Notify::new(),
        });
        self.lock().insert(id, Arc::clone(&slot));
        (id, slot)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
        self.ended.notify_waiters();
    }

    /// Closes the connection that has waited longest for a request; false when every
    /// connection is busy.
    fn evict_idlest(&self) -> bool {
        let slots = self.lock();
        let idlest = slots
            .values()
            .filter(|s| s.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|s| s.idle_since.load(Ordering::Relaxed));
        match idlest {
            Some(s) => {
                // Marked busy so that it is not chosen twice before its task ends.
                s.busy.fetch_add(1, Ordering::AcqRel);
                s.close.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Marks a connection busy while a request and its response body are in flight.
struct Busy {
    slot: Arc<Slot>,
    table: Arc<Table>,
}

impl Busy {
    fn new(slot: &Arc<Slot>, table: &Arc<Table>) -> Busy {
        slot.busy.fetch_add(1, Ordering::AcqRel);
        Busy {
            slot: Arc::clone(slot),
            table: Arc::clone(table),
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.slot
            .idle_since
            .store(self.table.now(), Ordering::Relaxed);
        self.slot.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its connection marked busy until it has been sent.
struct Tracked {
    inner: Body,
    _busy: Busy,
}

impl http_body::Body for Tracked {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// The answer to a connection that finds every connection busy: a 503 problem, then
/// the connection closes.
fn busy_response() -> Vec<u8> {
    let problem = crate::error::Problem {
        kind: format!("{}overloaded", crate::error::PROBLEM_TYPE_PREFIX),
        title: "Overloaded".into(),
        status: 503,
        code: "overloaded".into(),
        detail: "every connection is busy with a request; retry in a moment".into(),
        detail_vi: "mọi kết nối đều đang xử lý yêu cầu; hãy thử lại sau giây lát".into(),
        field: None,
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut out = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n\
         x-content-type-options: nosniff\r\nretry-after: 1\r\nconnection: close\r\n\
         content-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend(body);
    out
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves; then stops
/// accepting, lets requests in flight finish for at most `limits.drain`, and returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let table = Arc::new(Table {
        started: Instant::now(),
        next: AtomicU64::new(0),
        slots: Mutex::new(HashMap::new()),
        ended: Notify::new(),
    });
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut refused_since_log = 0u64;
    let mut last_log = Instant::now() - Duration::from_secs(60);
    loop {
        let (stream, _peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors despite the limit (another part of the process
                    // holds many), or a connection reset before it was accepted: wait a
                    // moment rather than spin.
                    if last_log.elapsed() > Duration::from_secs(1) {
                        tracing::warn!(error = %e, open = table.len(), "cannot accept a connection");
                        last_log = Instant::now();
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        if table.len() >= limits.max_connections && !table.evict_idlest() {
            refused_since_log += 1;
            if last_log.elapsed() > Duration::from_secs(1) {
                tracing::warn!(
                    refused = refused_since_log,
                    limit = limits.max_connections,
                    "every connection is busy: answered 503"
                );
                refused_since_log = 0;
                last_log = Instant::now();
            }
            tokio::spawn(async move {
                use tokio::io::AsyncWriteExt;
                let mut stream = stream;
                let _ = tokio::time::timeout(Duration::from_secs(1), async {
                    let _ = stream.write_all(&busy_response()).await;
                    let _ = stream.shutdown().await;
                })
                .await;
            });
            continue;
        }
        let (id, slot) = table.add();
        let service = {
            let (app, slot, table) = (app.clone(), Arc::clone(&slot), Arc::clone(&table));
            hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let busy = Busy::new(&slot, &table);
                let app = app.clone();
                async move {
                    let response = app
                        .oneshot(req.map(Body::new))
                        .await
                        .unwrap_or_else(|never| match never {});
                    Ok::<_, std::convert::Infallible>(
                        response.map(|inner| Tracked { inner, _busy: busy }),
                    )
                }
            })
        };
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let (table, mut stop) = (Arc::clone(&table), stop_rx.clone());
        tokio::spawn(async move {
            let mut conn = std::pin::pin!(conn);
            let stopping = async move {
                let _ = stop.wait_for(|stop| *stop).await;
            };
            tokio::select! {
                _ = conn.as_mut() => {}
                // Made room for a newer connection: this one was waiting for a request.
                () = slot.close.notified() => {}
                () = stopping => {
                    // Finish the request in flight, if any, without keeping the connection.
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.as_mut().await;
                }
            }
            table.remove(id);
        });
    }
    drop(listener);
    let open = table.len();
    tracing::info!(open, "stopped accepting; finishing requests in flight");
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(limits.drain, async {
        loop {
            let ended = table.ended.notified();
            if table.len() == 0 {
                break;
            }
            ended.await;
        }
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            open = table.len(),
            "connections still open after {} s; closing them",
            limits.drain.as_secs()
        );
    }
}
