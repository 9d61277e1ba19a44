//! The `tthc` command line: argument parsing and the thin glue from commands to the
//! core, the server and the language server.

mod build;
pub mod catalogue;
mod check;
mod coverage;
pub mod deadline;
mod explain;
pub mod external;
mod fmt;
mod healthcheck;
pub mod human;
mod lsp;
mod new;
pub mod render;
mod serve;
mod shell;
mod test;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use tthc::text::Lang;

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
    /// Kept so that `tthc --catalogue PATH due …` still works; `due`, `status`,
    /// `report` and `cases` each take `--catalogue` themselves, where it acts.
    #[arg(long, value_name = "PATH", hide = true)]
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
    /// Serve the web app (at /) and the deadline API (under /v1) over HTTP (bundled
    /// catalogue and calendars by default).
    Serve(serve::Args),
    /// Ask a running `tthc serve` whether it is alive (GET /healthz on --addr, or
    /// TTHC_ADDR), for a container's HEALTHCHECK.
    ///
    /// Exit status: 0 it answered 200, 1 it answered something else or nothing.
    Healthcheck(healthcheck::Args),
    /// List the procedures in force on a date (id, national code, name, item, decision,
    /// authority).
    List(coverage::ListArgs),
    /// What changed in force between two dates (added, no longer in force, changed
    /// times, steps or authority): `tthc diff --at 2024-06-01 --at 2026-01-05`.
    Diff(coverage::DiffArgs),
    /// Run the worked examples (`examples.yaml` beside the procedures) and compare each
    /// expected appointment with the engine's.
    ///
    /// Exit status: 0 all pass, 1 an example fails, 2 the examples could not run.
    Test(test::Args),
    /// Scaffolding for a new decision: `tthc new decision NUMBER …` makes its folder and
    /// declaration; `tthc new version PROCEDURE --decision NUMBER` copies the version in
    /// force into that folder as the new decision's version, to edit. Never overwrites.
    New(new::Args),
    /// Print a shell's completion script: `tthc completions bash > /etc/bash_completion.d/tthc`.
    Completions(shell::CompletionsArgs),
    /// Print the man page (tthc.1), or write it and one page per subcommand with --out DIR.
    Man(shell::ManArgs),
    /// Run the language server over stdio, for editors (see docs/lsp.md).
    Lsp(lsp::Args),
    /// On-time statistics over case records exported by a one-stop system (CSV, Parquet,
    /// Excel): `tthc report --help`. Runs the `tthc-report` program installed beside
    /// `tthc` or on PATH.
    #[command(disable_help_flag = true)]
    Report(external::Args),
    /// Synthetic case records to test and measure `tthc report` with: `tthc cases
    /// generate --help`. Runs the `tthc-report` program installed beside `tthc` or on PATH.
    #[command(disable_help_flag = true)]
    Cases(external::Args),
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
        Command::Due(a) => {
            let dir = a.case.calendars.clone();
            let paths = either(&a.case.catalogue, &cli.catalogue);
            deadline_command(&paths, dir, lang, |cx| deadline::run_due(&a, cx))
        }
        Command::Status(a) => {
            let dir = a.case.calendars.clone();
            let paths = either(&a.case.catalogue, &cli.catalogue);
            deadline_command(&paths, dir, lang, |cx| deadline::run_status(&a, cx))
        }
        Command::Calendar(a) => {
            let dir = a.calendars_dir().cloned();
            deadline_command(&cli.catalogue, dir, lang, |cx| {
                deadline::run_calendar(&a, cx)
            })
        }
        Command::Serve(a) => serve::run(a),
        Command::Healthcheck(a) => healthcheck::run(a),
        Command::List(a) => coverage::run_list(a, lang),
        Command::Diff(a) => coverage::run_diff(a, lang),
        Command::Test(a) => test::run(a, lang),
        Command::New(a) => new::run(a, lang),
        Command::Completions(a) => shell::run_completions(a),
        Command::Man(a) => shell::run_man(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Report(a) => external::run("report", a, cli.lang.map(Lang::from), &cli.catalogue),
        Command::Cases(a) => external::run("cases", a, cli.lang.map(Lang::from), &cli.catalogue),
    }
}

/// The command's own `--catalogue`, else the one given before the command.
fn either(own: &[std::path::PathBuf], before: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    if own.is_empty() { before } else { own }.to_vec()
}

/// Runs a deadline command with its catalogue and calendars, each loaded on first use
/// (`--days` and `tthc calendar` never load the catalogue), and says which were used.
fn deadline_command(
    paths: &[std::path::PathBuf],
    calendars_dir: Option<std::path::PathBuf>,
    lang: Lang,
    run: impl FnOnce(&deadline::Context<'_>) -> Result<String, deadline::CliError>,
) -> ExitCode {
    use deadline::CliError;
    use tthc::service::{LoadError, Snapshot, Sources};
    let sources = Sources {
        procedures: paths.to_vec(),
        calendars: calendars_dir,
    };
    let snapshot: std::cell::OnceCell<Result<Snapshot, CliError>> = std::cell::OnceCell::new();
    let calendars: std::cell::OnceCell<Result<tthc::calendar::Calendars, CliError>> =
        std::cell::OnceCell::new();
    let load_failed = |e: &CliError| CliError::Load {
        message: e.message(lang),
        exit: e.exit_code(),
    };
    let get_snapshot = || -> Result<&Snapshot, CliError> {
        snapshot
            .get_or_init(|| {
                let snap = sources.load().map_err(|e| CliError::Load {
                    message: match &e {
                        LoadError::Catalogue(checked) => human::render(checked, lang, false),
                        LoadError::Source(_) => e.render_plain(lang),
                    },
                    exit: match e {
                        LoadError::Source(_) => EXIT_CANNOT_RUN,
                        LoadError::Catalogue(_) => 1,
                    },
                })?;
                catalogue::say_used(lang, &snap.origin, Some(&snap.calendar_source));
                Ok(snap)
            })
            .as_ref()
            .map_err(load_failed)
    };
    let get_calendars = || -> Result<&tthc::calendar::Calendars, CliError> {
        calendars
            .get_or_init(|| {
                sources
                    .calendars()
                    .map(|(_, c)| c)
                    .map_err(|e| CliError::Load {
                        message: format!("{}: {}", lang.pick("error", "lỗi"), e.text().get(lang)),
                        exit: EXIT_CANNOT_RUN,
                    })
            })
            .as_ref()
            .map_err(load_failed)
    };
    let cx = deadline::Context {
        lang,
        snapshot: &get_snapshot,
        calendars: &get_calendars,
    };
    match run(&cx) {
        Ok(out) => {
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.is_report() => {
            let m = e.message(lang);
            eprint!("{m}");
            if !m.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(e.exit_code())
        }
        Err(e) => {
            eprintln!("{}: {}", lang.pick("error", "lỗi"), e.message(lang));
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
pub fn cannot_run(lang: Lang, en: &str, vi: &str) -> ExitCode {
    let msg = match lang {
        Lang::En => format!("error: {en}"),
        Lang::Vi => format!("lỗi: {vi}"),
    };
    eprintln!("{msg}");
    ExitCode::from(EXIT_CANNOT_RUN)
}
