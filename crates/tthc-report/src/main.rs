//! The `tthc-report` program (`tthc report`, `tthc cases generate`); all logic lives in
//! the library.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    tthc_report::cli::main()
}
