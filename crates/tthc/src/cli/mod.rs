//! The `tthc` command line: argument parsing and the thin glue from commands to the library.

mod build;
pub mod catalogue;
mod check;
pub mod deadline;
mod explain;
mod fmt;
mod serve;

use crate::text::Lang;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status when the command could not run at all (unreadable path, bad arguments).
pub const EXIT_CANNOT_RUN: u8 = 2;

/// tthc: the catalogue of Vietnamese administrative procedures and its deadline compiler.
///
/// With no paths, commands use ./procedures when the current folder has one (a working
/// copy), and otherwise the catalogue bundled in the binary; each says which it used.
#[derive(Parser, Debug)]
#[command(name = "tthc", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: `en` or `vi` (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Catalogue files or folders used by `due` and `status` (default: ./procedures when
    /// it exists, else the bundled catalogue).
    #[arg(long, global = true, value_name = "PATH")]
    catalogue: Vec<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The message languages, as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// Tiếng Việt.
    Vi,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Vi => Lang::Vi,
        }
    }
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
    /// Print the appointment (ngày hẹn trả) and each step's due time for a case.
    Due(deadline::DueArgs),
    /// Status of a case at a moment (--at) or at completion (--completed).
    Status(deadline::StatusArgs),
    /// Show or export (ICS) the working calendar of a year.
    Calendar(deadline::CalendarArgs),
    /// Serve the deadline API over HTTP (bundled catalogue and calendars by default).
    Serve(serve::Args),
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.map_or_else(Lang::from_env, Lang::from);
    match cli.command {
        Command::Check(a) => check::run(a, lang),
        Command::Build(a) => build::run(a, lang),
        Command::Fmt(a) => fmt::run(a, lang),
        Command::Explain(a) => explain::run(a, lang),
        Command::Due(a) => with_catalogue(&cli.catalogue, lang, |cals, resolve| {
            deadline::run_due(&a, cals, resolve)
        }),
        Command::Status(a) => with_catalogue(&cli.catalogue, lang, |cals, resolve| {
            deadline::run_status(&a, cals, resolve)
        }),
        Command::Serve(a) => serve::run(a),
        Command::Calendar(a) => {
            let origin = match crate::sources::catalogue(&[]) {
                Ok(s) => s.origin,
                Err(e) => return load_failed(catalogue::LoadError::unreadable(&e, lang)),
            };
            match catalogue::calendars(None, &origin, lang) {
                Ok((_, cals)) => finish(deadline::run_calendar(&a, &cals), lang),
                Err(e) => load_failed(e),
            }
        }
    }
}

/// Runs a deadline command with the calendars and a resolver over the catalogue. The
/// catalogue is only loaded when a procedure is named (not for `--days N`).
fn with_catalogue(
    paths: &[std::path::PathBuf],
    lang: Lang,
    run: impl FnOnce(
        &crate::calendar::Calendars,
        &deadline::PlanResolver<'_>,
    ) -> Result<String, deadline::CliError>,
) -> ExitCode {
    let source = match crate::sources::catalogue(paths) {
        Ok(s) => s,
        Err(e) => return load_failed(catalogue::LoadError::unreadable(&e, lang)),
    };
    let (calendar_source, cals) = match catalogue::calendars(None, &source.origin, lang) {
        Ok(c) => c,
        Err(e) => return load_failed(e),
    };
    let loaded: std::cell::OnceCell<Result<crate::model::Catalogue, String>> =
        std::cell::OnceCell::new();
    let load_error: std::cell::Cell<Option<u8>> = std::cell::Cell::new(None);
    let resolve = |id: &str, variant: Option<&str>, date: chrono::NaiveDate| {
        let cat = loaded.get_or_init(|| {
            catalogue::say_used(lang, &source.origin, Some(&calendar_source));
            catalogue::load(paths, lang).map(|(_, c)| c).map_err(|e| {
                load_error.set(Some(e.exit));
                e.message
            })
        });
        match cat {
            Ok(c) => catalogue::plan(c, id, variant, date),
            Err(m) => Err(m.clone()),
        }
    };
    let result = run(&cals, &resolve);
    if let (Err(_), Some(code)) = (&result, load_error.get()) {
        if let Some(Err(m)) = loaded.get() {
            eprint!("{m}");
        }
        return ExitCode::from(code);
    }
    finish(result, lang)
}

fn finish(result: Result<String, deadline::CliError>, lang: Lang) -> ExitCode {
    match result {
        Ok(out) => {
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let prefix = match lang {
                Lang::En => "error",
                Lang::Vi => "lỗi",
            };
            eprintln!("{prefix}: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

pub(crate) fn load_failed(e: catalogue::LoadError) -> ExitCode {
    eprint!("{}", e.message);
    if !e.message.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(e.exit)
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
