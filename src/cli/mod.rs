//! The `tthc` command line: argument parsing and the thin glue from commands to the library.

mod build;
mod check;
mod explain;
mod files;
mod fmt;

use crate::diagnostic::Lang;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status when the command could not run at all (unreadable path, bad arguments).
pub const EXIT_CANNOT_RUN: u8 = 2;

/// tthc: the catalogue of Vietnamese administrative procedures and its deadline compiler.
///
/// With no paths, commands use the catalogue bundled in the binary.
#[derive(Parser, Debug)]
#[command(name = "tthc", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: `en` or `vi` (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check procedure files and report every problem with its file, line and column.
    ///
    /// Exit status: 0 no errors, 1 errors found (or warnings with --deny-warnings),
    /// 2 the command could not run.
    Check(check::Args),
    /// Build workflow configs (JSON/YAML + JSON Schema), BPMN 2.0 processes, review tables
    /// and catalogue.json into DIR; a catalogue with errors builds nothing (exit 1).
    Build(build::Args),
    /// Rewrite procedure files in the canonical layout (or, with --check, list those that differ).
    Fmt(fmt::Args),
    /// Explain a rule: `tthc explain TTHC012`; with no code, list every rule.
    Explain(explain::Args),
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Command::Check(a) => check::run(a, lang),
        Command::Build(a) => build::run(a, lang),
        Command::Fmt(a) => fmt::run(a, lang),
        Command::Explain(a) => explain::run(a, lang),
    }
}

/// Prints a "could not run" message and returns exit status 2.
pub(crate) fn cannot_run(lang: Lang, en: &str, vi: &str) -> ExitCode {
    let msg = match lang {
        Lang::En => format!("error: {en}"),
        Lang::Vi => format!("lỗi: {vi}"),
    };
    eprintln!("{msg}");
    ExitCode::from(EXIT_CANNOT_RUN)
}
