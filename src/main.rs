//! The `tthc` binary; all logic lives in the libraries.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    tthc_cli::main()
}
