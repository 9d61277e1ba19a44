//! `tthc serve`: the web app at `/` and the API under `/v1`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
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
    let builder = tracing_subscriber::fmt()
        .with_target(false)
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
        .with_cors_origins(args.cors_origins),
    );
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
    match rt.block_on(tthc_server::serve(args.addr, state)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", args.addr);
            ExitCode::from(2)
        }
    }
}
