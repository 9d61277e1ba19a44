//! `tthc report` and `tthc cases`: run by the `tthc-report` program, found beside
//! `tthc` or on PATH, as git and cargo run their external subcommands. The lean `tthc`
//! stays free of DataFusion; whoever installs `tthc-report` (the Python wheel carries
//! both) gets the same commands, spelt the same way.

use super::EXIT_CANNOT_RUN;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use tthc::text::Lang;

/// The program that runs the case reports.
pub const PROGRAM: &str = "tthc-report";

/// The arguments of an external subcommand, passed on untouched (`--help` included).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The subcommand's own arguments; `--help` lists them.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
    args: Vec<OsString>,
}

/// Where `tthc-report` is: beside the running `tthc` first (an installed layout: the
/// wheel's scripts folder, a release archive, `target/release`), else on PATH.
pub fn locate() -> Option<PathBuf> {
    let file = format!("{PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&file)));
    if let Some(p) = beside.filter(|p| p.is_file()) {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(&file))
        .find(|p| p.is_file())
}

/// What to say when `tthc-report` is not installed: how to get it, in both languages.
fn missing(subcommand: &str, lang: Lang) -> String {
    lang.pick(
        format!(
            "error: `tthc {subcommand}` is run by the `{PROGRAM}` program, which is not installed beside tthc or on PATH.\n\
             Install it with one of:\n  pip install tthc                      (the wheel carries tthc and {PROGRAM})\n  \
             the {PROGRAM} archive of the release, unpacked beside tthc\n  \
             cargo install --locked --path crates/{PROGRAM}   (from a clone of the source)"
        ),
        format!(
            "lỗi: lệnh `tthc {subcommand}` do chương trình `{PROGRAM}` thực hiện, nhưng chương trình này chưa được cài cạnh tthc hoặc trong PATH.\n\
             Cài bằng một trong các cách:\n  pip install tthc                      (gói cài đặt có cả tthc và {PROGRAM})\n  \
             giải nén tệp {PROGRAM} của bản phát hành vào cùng thư mục với tthc\n  \
             cargo install --locked --path crates/{PROGRAM}   (từ mã nguồn)"
        ),
    )
}

/// Runs `tthc-report <global options> <subcommand> <args>` and returns its exit status.
pub fn run(subcommand: &str, args: Args, lang: Option<Lang>, catalogue: &[PathBuf]) -> ExitCode {
    let Some(program) = locate() else {
        eprintln!(
            "{}",
            missing(subcommand, lang.unwrap_or_else(Lang::from_env))
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    };
    let mut command = Command::new(&program);
    if let Some(lang) = lang {
        command.arg("--lang").arg(lang.code());
    }
    for path in catalogue {
        command.arg("--catalogue").arg(path);
    }
    command.arg(subcommand).args(&args.args);
    // As cargo sets `CARGO` for its subcommands: the program knows it was run as `tthc
    // report` (its usage lines say so) and where `tthc` is.
    if let Ok(me) = std::env::current_exe() {
        command.env("TTHC", me);
    }
    exec(command, &program, lang.unwrap_or_else(Lang::from_env))
}

/// Replaces this process with the command (Unix), so that signals and the exit status
/// are the program's own; elsewhere, waits for it and passes its status on whole (a
/// Windows status is 32 bits), ignoring Ctrl+C meanwhile: the console delivers it to the
/// program too, which decides how to stop, as cargo does with its subcommands.
fn exec(mut command: Command, program: &Path, lang: Lang) -> ExitCode {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = command.exec();
        cannot_start(program, &e, lang)
    }
    #[cfg(not(unix))]
    {
        #[cfg(windows)]
        ignore_ctrl_c();
        match command.status() {
            Ok(status) => std::process::exit(status.code().unwrap_or(EXIT_CANNOT_RUN.into())),
            Err(e) => cannot_start(program, &e, lang),
        }
    }
}

/// Leaves Ctrl+C (and Ctrl+Break) to the child: this process stays to pass its status on.
#[cfg(windows)]
fn ignore_ctrl_c() {
    // Only one handler may be set per process; this process sets none other.
    let _ = ctrlc::set_handler(|| {});
}

fn cannot_start(program: &Path, e: &std::io::Error, lang: Lang) -> ExitCode {
    eprintln!(
        "{}",
        lang.pick(
            format!("error: could not run {}: {e}", program.display()),
            format!("lỗi: không chạy được {}: {e}", program.display()),
        )
    );
    ExitCode::from(EXIT_CANNOT_RUN)
}
