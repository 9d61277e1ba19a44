//! The `tthc` binary; all logic lives in the libraries. With the default feature
//! `report` it also has `tthc report` and `tthc cases generate` (crates/tthc-report).

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    #[cfg(feature = "report")]
    let extensions = tthc_report::cli::extensions();
    #[cfg(not(feature = "report"))]
    let extensions = Vec::new();
    tthc::cli::main_with(extensions)
}
