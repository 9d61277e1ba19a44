//! `tthc serve`.

use crate::api::{
    self,
    state::{AppState, Sources},
};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `tthc serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Procedure files or folders to serve (default: the bundled catalogue).
    paths: Vec<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A calendars folder to serve instead of the bundled calendars.
    #[arg(long, value_name = "DIR")]
    calendars: Option<PathBuf>,
    /// Enables `POST /v1/admin/reload` with this bearer token (without it the route does not exist).
    #[arg(long, env = "TTHC_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs the server until SIGTERM / Ctrl-C.
pub fn run(args: Args) -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
    let sources = Sources {
        procedures: args.paths,
        calendars: args.calendars,
    };
    let snapshot = match sources.load() {
        Ok(s) => s,
        Err(reason) => {
            eprintln!("{reason}");
            return ExitCode::from(1);
        }
    };
    let state = Arc::new(AppState::new(
        snapshot,
        sources,
        args.admin_token.filter(|t| !t.is_empty()),
    ));
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
    match rt.block_on(api::serve(args.addr, state)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", args.addr);
            ExitCode::from(2)
        }
    }
}
