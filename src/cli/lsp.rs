//! `tthc lsp`: runs the language server over stdin and stdout.

use std::process::ExitCode;

/// Arguments of `tthc lsp` (none yet: the client's initialization options configure it).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Accepted and ignored: clients such as vscode-languageclient pass it.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// Serves until the client exits; exit status 2 when the connection breaks.
pub fn run(_args: Args) -> ExitCode {
    match tthc_lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tthc lsp: {e}");
            ExitCode::from(super::EXIT_CANNOT_RUN)
        }
    }
}
