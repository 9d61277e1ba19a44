//! `tthc serve`: the web app at `/` and the API under `/v1`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tthc_server::listen;
use tthc_server::log::RequestLog;
use tthc_server::state::{AppState, Sources};

/// Arguments of `tthc serve`. Every option can also be set by the environment variable
/// shown in `--help` (a container or a systemd unit sets these); a flag on the command
/// line wins over its variable.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Procedure files or folders to serve (default: ./procedures when it exists, else the
    /// bundled catalogue). The variable holds one path.
    #[arg(env = "TTHC_PROCEDURES")]
    paths: Vec<PathBuf>,
    /// Address to listen on.
    #[arg(long, env = "TTHC_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A calendars folder to serve instead of ./calendars or the bundled calendars.
    #[arg(long, env = "TTHC_CALENDARS", value_name = "DIR")]
    calendars: Option<PathBuf>,
    /// Enables `POST /v1/admin/reload` with this bearer token (without it the route does not exist).
    #[arg(long, env = "TTHC_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, env = "TTHC_THREADS")]
    threads: Option<usize>,
    /// A browser origin allowed to call the API (CORS), as https://host[:port]; repeat
    /// for several (in the variable: separated by commas); `*` allows any. Without it,
    /// CORS is off.
    #[arg(
        long = "cors-origin",
        env = "TTHC_CORS_ORIGIN",
        value_name = "ORIGIN",
        value_delimiter = ',',
        value_parser = parse_origin
    )]
    cors_origins: Vec<String>,
    /// Log lines as text for people, or as one JSON object per line for a log collector.
    #[arg(long, env = "TTHC_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    log_format: LogFormat,
    /// The least severe log lines written: `warn` drops request lines but for server
    /// errors and slow requests.
    #[arg(long, env = "TTHC_LOG_LEVEL", value_enum, default_value_t = LogLevel::Info)]
    log_level: LogLevel,
    /// Which requests get a line: `all`; `sampled` (every request up to
    /// --log-requests-per-second lines a second, then a summary every 10 s of those not
    /// logged); `errors` (server errors and slow requests only); `none`.
    #[arg(long, env = "TTHC_LOG_REQUESTS", value_enum, default_value_t = RequestLogArg::Sampled)]
    log_requests: RequestLogArg,
    /// Request lines a second before `sampled` logging counts instead of writing.
    #[arg(
        long,
        env = "TTHC_LOG_REQUESTS_PER_SECOND",
        value_name = "N",
        default_value_t = 20
    )]
    log_requests_per_second: u32,
    /// Most connections open at once (default: 1024, or fewer to stay 64 below the
    /// descriptor limit, `ulimit -n`). When reached, the connection idle longest is
    /// closed to make room.
    #[arg(long, env = "TTHC_MAX_CONNECTIONS", value_name = "N")]
    max_connections: Option<usize>,
    /// The office this server serves, printed at the head of the web app's appointment
    /// slips (`UBND xã Quảng La`); without it a slip names the procedure's authority level.
    #[arg(long, env = "TTHC_OFFICE", value_name = "NAME")]
    office: Option<String>,
    /// Seconds a connection may take to send a complete request header (from when it
    /// opens, or after its previous response) before it is closed.
    #[arg(
        long,
        env = "TTHC_HEADER_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 10
    )]
    header_timeout: u64,
}

/// The least severe log level written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogLevel {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warn,
    /// Requests, reloads, warnings and errors.
    Info,
    /// Everything, for troubleshooting.
    Debug,
}

/// Which requests get a log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RequestLogArg {
    /// One line per request.
    All,
    /// One line per request up to a rate, then counted and summarised.
    Sampled,
    /// Server errors and slow requests only.
    Errors,
    /// No request lines (metrics still count them).
    None,
}

fn parse_origin(text: &str) -> Result<String, String> {
    tthc_server::cors::parse_origin(text)
}

/// How log lines are written (to stderr).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// One readable line per event.
    Human,
    /// One JSON object per line: timestamp, level, message and fields.
    Json,
}

/// Runs the server until SIGTERM / Ctrl-C.
pub fn run(args: Args) -> ExitCode {
    let level = match args.log_level {
        LogLevel::Error => tracing::Level::ERROR,
        LogLevel::Warn => tracing::Level::WARN,
        LogLevel::Info => tracing::Level::INFO,
        LogLevel::Debug => tracing::Level::DEBUG,
    };
    let builder = tracing_subscriber::fmt()
        .with_target(false)
        .with_max_level(level)
        .with_writer(std::io::stderr);
    let _ = match args.log_format {
        LogFormat::Human => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
        LogFormat::Json => builder
            .with_ansi(false)
            .event_format(tthc_server::log::JsonLines)
            .try_init(),
    };
    let sources = Sources {
        procedures: args.paths,
        calendars: args.calendars,
    };
    let snapshot = match sources.load() {
        Ok(s) => s,
        Err(e) => {
            // The server's messages are English, as its logs are.
            eprintln!("{}", e.render_plain(tthc::text::Lang::En));
            return ExitCode::from(1);
        }
    };
    let state = Arc::new(
        AppState::new(
            snapshot,
            sources,
            args.admin_token.filter(|t| !t.is_empty()),
        )
        .with_cors_origins(args.cors_origins)
        .with_office(args.office.as_deref())
        .with_request_log(match args.log_requests {
            RequestLogArg::All => RequestLog::All,
            RequestLogArg::Sampled => RequestLog::Sampled {
                per_second: args.log_requests_per_second,
            },
            RequestLogArg::Errors => RequestLog::Errors,
            RequestLogArg::None => RequestLog::Off,
        }),
    );
    let descriptors = listen::descriptor_limit();
    let fits = listen::default_max_connections(descriptors);
    let max_connections = args.max_connections.unwrap_or(fits).max(1);
    if let Some(n) = descriptors
        && max_connections as u64 + listen::RESERVED_DESCRIPTORS > n
    {
        tracing::warn!(
            max_connections,
            descriptor_limit = n,
            "the descriptor limit is too low for this many connections: raise it (ulimit -n {})",
            max_connections as u64 + listen::RESERVED_DESCRIPTORS
        );
    }
    let limits = listen::Limits {
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        max_connections,
        ..listen::Limits::default()
    };
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    rt.enable_all();
    if let Some(n) = args.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = match rt.build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let served = rt.block_on(tthc_server::serve(args.addr, state, limits));
    // A reload stuck reading a file must not keep the process alive after SIGTERM: the
    // runtime waits this long for blocking work, then the process exits anyway.
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", args.addr);
            ExitCode::from(2)
        }
    }
}
