//! The `tthc-report` program: `tthc report` and `tthc cases generate`, which the lean
//! `tthc` runs as external subcommands (`tthc report …` runs `tthc-report report …`, with
//! the global `--lang` and `--catalogue` before the subcommand), so the command users
//! type stays the same while DataFusion stays out of `tthc`.

use crate::law::Law;
use crate::{generate, render, report};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use tthc::service::Sources;
use tthc::text::Lang;

/// Exit status when the command could not run at all (unreadable path, bad arguments).
pub const EXIT_CANNOT_RUN: u8 = 2;

/// The variable `tthc` sets, to its own path, when it runs this program.
pub const PARENT_ENV: &str = "TTHC";

/// `tthc-report`: on-time statistics over case records (`tthc report`) and synthetic
/// case files (`tthc cases generate`). Usually run as `tthc report …` and `tthc cases …`.
#[derive(Parser, Debug)]
#[command(name = "tthc-report", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: `en` or `vi` (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Catalogue files or folders (default: ./procedures when it exists, else the
    /// bundled catalogue).
    #[arg(long, global = true, value_name = "PATH")]
    catalogue: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The message languages, as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// Tiếng Việt.
    Vi,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// On-time statistics over case records (CSV or Parquet), by the law's due dates.
    Report(ReportCommand),
    /// Case files to test and measure with.
    Cases(CasesCommand),
}

/// The global options.
#[derive(Debug, Clone)]
struct Globals {
    lang: Lang,
    catalogue: Vec<PathBuf>,
}

/// Runs `tthc-report` and returns the process exit status.
pub fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    // Run by `tthc` (which says so in `TTHC`, as cargo does in `CARGO`), usage lines and
    // errors name the command the user typed: `tthc report …`.
    let name = if std::env::var_os(PARENT_ENV).is_some() {
        "tthc"
    } else {
        "tthc-report"
    };
    let matches = Cli::command().bin_name(name).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let g = Globals {
        lang: cli.lang.map_or_else(Lang::from_env, |l| match l {
            LangArg::En => Lang::En,
            LangArg::Vi => Lang::Vi,
        }),
        catalogue: cli.catalogue,
    };
    match cli.command {
        Command::Report(a) => run_report(a, &g),
        Command::Cases(a) => run_cases(a, &g),
    }
}

/// Prints a "could not run" message and returns exit status 2.
fn cannot_run(lang: Lang, en: &str, vi: &str) -> ExitCode {
    eprintln!("{}: {}", lang.pick("error", "lỗi"), lang.pick(en, vi));
    ExitCode::from(EXIT_CANNOT_RUN)
}

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// An aligned table.
    Human,
    /// JSON (`{"period", "as_of", "groups", "total", "discrepancies", "rejected"}`).
    Json,
    /// CSV, one row per group and the total.
    Csv,
    /// A self-contained HTML page with charts, printable.
    Html,
    /// The Government Office's form (Biểu số 06/VPCP/KSTT) as an Excel workbook; needs
    /// --out. Grouped by field unless --by says otherwise.
    Xlsx,
}

/// Which cases the discrepancy count covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiscrepancyScope {
    /// The cases the period counts (the totals' `discrepancies`).
    Period,
    /// Also every good row of the files, whatever its dates (`discrepancies_in_files`).
    Files,
}

/// On-time statistics over case records (CSV, Parquet, Excel), by the law's due dates.
///
/// Counts, per group and in total: received (carried over, new, at the desk, online),
/// resolved early, on time and late, open not due and overdue, paused, returned,
/// cancelled, on-time and late rates, and the cases whose portal due time differs from
/// the law's, with the reason. See docs/report.md for the columns of a case file.
///
/// Exit status: 0 the report is made and every row was good; 1 some rows were rejected
/// (listed, with file, row and reason; the report counts the others), or more than
/// --max-errors (no report); 2 the command could not run.
#[derive(Args, Debug)]
pub struct ReportCommand {
    /// Case files: .csv, .parquet, .xlsx, .xls or .ods, with the columns case_id,
    /// procedure, variant, channel, received_at, restarted_at, completed_at, state,
    /// portal_due_at, and optionally pauses.
    #[arg(required = true, value_name = "CASES")]
    pub files: Vec<PathBuf>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub to: NaiveDate,
    /// Make the report as at this moment instead of the end of the period; it must lie
    /// inside the period. Inclusive: what happened at that very instant counts, nothing
    /// after it does (a later restart, pause or completion has not happened yet).
    #[arg(long, value_name = "DATETIME")]
    pub as_of: Option<String>,
    /// Group by: field, procedure, authority, decision, channel, code, month, or any
    /// column of the case files (unit, officer…).
    #[arg(long)]
    pub by: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Write the report to FILE instead of standard output (never over an existing file
    /// unless --force).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file when it exists.
    #[arg(long)]
    pub force: bool,
    /// Bad rows tolerated: each is reported and left out; one more stops the report.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_errors: u64,
    /// How many discrepancies to list (all are counted).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub discrepancies: u64,
    /// Which cases the discrepancy count covers: those the period counts, or also every
    /// good row of the files (reported apart, as discrepancies_in_files).
    #[arg(long, value_enum, default_value = "period", value_name = "SCOPE")]
    pub discrepancies_in: DiscrepancyScope,
    /// Read the report's counting SQL (counts.sql) from DIR instead of the copy compiled
    /// in.
    #[arg(long, value_name = "DIR")]
    pub sql: Option<PathBuf>,
    /// Calendars folder (default: ./calendars beside the catalogue, else the bundled ones).
    #[arg(long, value_name = "DIR")]
    pub calendars: Option<PathBuf>,
    /// The calendar to count working time on.
    #[arg(long, default_value = "vn", value_name = "ID")]
    pub calendar: String,
    /// Threads (default: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
}

/// Case files to test and measure with.
#[derive(Args, Debug)]
pub struct CasesCommand {
    #[command(subcommand)]
    command: CasesSub,
}

#[derive(Subcommand, Debug)]
enum CasesSub {
    /// Write synthetic case records over the catalogue: receipts in working hours
    /// (mornings busier at the desk, online at any hour), durations with a late tail,
    /// restarts, pauses, returns, cancellations, and a portal_due_at that is sometimes
    /// wrong the ways real systems are wrong. The same seed gives the same file.
    Generate(GenerateArgs),
}

/// `tthc cases generate`.
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// How many cases.
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
    /// Seed of the pseudo-random sequence.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file: .csv or .parquet (never over an existing file unless --force).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite the output file when it exists.
    #[arg(long)]
    pub force: bool,
    /// First day of receipts.
    #[arg(long, default_value = "2024-01-01")]
    pub from: NaiveDate,
    /// Last day of receipts.
    #[arg(long, default_value = "2025-12-31")]
    pub to: NaiveDate,
    /// Calendars folder (default: ./calendars beside the catalogue, else the bundled ones).
    #[arg(long, value_name = "DIR")]
    pub calendars: Option<PathBuf>,
    /// The calendar to count working time on.
    #[arg(long, default_value = "vn", value_name = "ID")]
    pub calendar: String,
}

/// The catalogue and calendar, loaded as `tthc due` loads them (the core's one loader),
/// saying which were used.
fn load_law(g: &Globals, calendars: Option<&Path>, calendar: &str) -> Result<Law, ExitCode> {
    let sources = Sources {
        procedures: g.catalogue.clone(),
        calendars: calendars.map(Path::to_path_buf),
    };
    let snapshot = sources.load().map_err(|e| {
        eprint!("{}", e.render_plain(g.lang));
        ExitCode::from(EXIT_CANNOT_RUN)
    })?;
    eprintln!(
        "{} {}{}{}",
        g.lang.pick("using", "dùng"),
        snapshot.origin.describe().get(g.lang),
        g.lang.pick(" and ", " và "),
        snapshot.calendar_source.describe().get(g.lang)
    );
    let cal = snapshot.calendars.get(calendar).map_err(|e| {
        let t = e.text();
        cannot_run(g.lang, &t.en, &t.vi)
    })?;
    Law::new(snapshot.catalogue, cal.clone()).map_err(|m| cannot_run(g.lang, &m, &m))
}

/// Refuses to overwrite a file unless `force`.
fn check_out(path: &Path, force: bool, lang: Lang) -> Result<(), ExitCode> {
    if path.exists() && !force {
        let p = path.display();
        return Err(cannot_run(
            lang,
            &format!("{p} exists; choose another file or pass --force to overwrite it"),
            &format!("{p} đã có; hãy chọn tệp khác hoặc dùng --force để ghi đè"),
        ));
    }
    Ok(())
}

fn run_report(args: ReportCommand, g: &Globals) -> ExitCode {
    let lang = g.lang;
    if let Some(out) = &args.out
        && let Err(c) = check_out(out, args.force, lang)
    {
        return c;
    }
    let law = match load_law(g, args.calendars.as_deref(), &args.calendar) {
        Ok(l) => Arc::new(l),
        Err(c) => return c,
    };
    let as_of = match args
        .as_of
        .as_deref()
        .map(|t| tthc::datetime::parse_local(t, law.offset()))
    {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(_)) => {
            let f = tthc::datetime::ACCEPTED_FORMS;
            return cannot_run(
                lang,
                &format!("--as-of is not a date and time; write {f}"),
                &format!("--as-of không phải ngày giờ; hãy viết {f}"),
            );
        }
    };
    if args.format == OutputFormat::Xlsx && args.out.is_none() {
        return cannot_run(
            lang,
            "--format xlsx writes a workbook: give the file with --out FILE.xlsx",
            "--format xlsx ghi ra tệp bảng tính: hãy cho tên tệp bằng --out TỆP.xlsx",
        );
    }
    let by = match (&args.by, args.format) {
        (None, OutputFormat::Xlsx) => Some("field".to_string()),
        (b, _) => b.clone(),
    };
    let options = report::Options {
        files: args.files.clone(),
        from: args.from,
        to: args.to,
        as_of,
        by,
        months: args.format == OutputFormat::Html,
        max_errors: args.max_errors,
        discrepancies: args.discrepancies,
        discrepancies_in_files: args.discrepancies_in == DiscrepancyScope::Files,
        sql_dir: args.sql.clone(),
        threads: args.threads,
    };
    let result = report::run(law, &options);
    let report = match result {
        Ok(r) => r,
        Err(report::Error::TooManyBadRows(summary, max)) => {
            eprint!("{}", render::rejected(&summary, lang));
            let e = report::Error::TooManyBadRows(summary.clone(), max);
            if args.format == OutputFormat::Json {
                let body = serde_json::json!({
                    "error": {"code": "too_many_bad_rows", "message": e.text().en, "message_vi": e.text().vi},
                    "rejected": summary,
                });
                println!("{}", serde_json::to_string_pretty(&body).expect("json"));
            }
            eprintln!("{}: {}", lang.pick("error", "lỗi"), e.text().get(lang));
            return ExitCode::from(1);
        }
        Err(e) => {
            let t = e.text();
            return cannot_run(lang, &t.en, &t.vi);
        }
    };
    let text: Vec<u8> = match args.format {
        OutputFormat::Human => render::human(&report, lang).into_bytes(),
        OutputFormat::Json => render::json(&report).into_bytes(),
        OutputFormat::Csv => render::csv(&report).into_bytes(),
        OutputFormat::Html => render::html::html(&report, lang).into_bytes(),
        OutputFormat::Xlsx => match render::xlsx::xlsx(&report) {
            Ok(b) => b,
            Err(e) => {
                let m = format!("cannot write the workbook: {e}");
                return cannot_run(lang, &m, &m);
            }
        },
    };
    let written = match &args.out {
        Some(path) => std::fs::write(path, &text),
        None => std::io::stdout().lock().write_all(&text),
    };
    if let Err(e) = written {
        let m = format!("cannot write the report: {e}");
        return cannot_run(lang, &m, &m);
    }
    eprint!("{}", render::rejected(&report.rejected, lang));
    if report.rejected.count > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_cases(args: CasesCommand, g: &Globals) -> ExitCode {
    let CasesSub::Generate(a) = args.command;
    let lang = g.lang;
    if !matches!(
        crate::read::Format::of(&a.out),
        Some(crate::read::Format::Csv | crate::read::Format::Parquet)
    ) {
        return cannot_run(
            lang,
            "--out must end in .csv or .parquet",
            "--out phải có đuôi .csv hoặc .parquet",
        );
    }
    if let Err(c) = check_out(&a.out, a.force, lang) {
        return c;
    }
    if a.to < a.from {
        return cannot_run(lang, "--to is before --from", "--to trước --from");
    }
    let law = match load_law(g, a.calendars.as_deref(), &a.calendar) {
        Ok(l) => l,
        Err(c) => return c,
    };
    let options = generate::Options {
        count: a.count,
        seed: a.seed,
        from: a.from,
        to: a.to,
    };
    match generate::write(&law, &options, &a.out) {
        Ok(n) => {
            eprintln!(
                "{} {n} {} {}",
                lang.pick("wrote", "đã ghi"),
                lang.pick("cases to", "hồ sơ vào"),
                a.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(m) => cannot_run(lang, &m, &m),
    }
}
