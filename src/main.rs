//! The `tthc` binary; all logic lives in the library.

fn main() -> std::process::ExitCode {
    tthc::cli::main()
}
