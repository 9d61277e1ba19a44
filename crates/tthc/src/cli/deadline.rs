//! Command-line pieces for deadlines and calendars: `tthc due`, `tthc status`,
//! `tthc calendar (show|export)`.
//!
//! `cli::main` registers the subcommands and passes a resolver backed by the catalogue
//! (`|procedure_id, variant, receipt_date| -> Result<Plan, String>`).
//!
//! Every function returns the text to print, so output is tested without a terminal.

use crate::calendar::{
    CalendarError, Calendars, DueTimeConvention, OutOfHorizon, WorkingCalendar, ics,
};
use crate::days::Days;
use crate::deadline::{
    Allotment, Case, DeadlineError, Due, Pause, Plan, Status, StatusReport, compute_due_with,
    status_at, status_completed,
};
use chrono::{DateTime, Datelike, FixedOffset, Weekday};
use std::fmt;

/// Looks a procedure up in the catalogue: `(procedure id, variant) → Plan`.
/// The date is the receipt's (local) date: the version in force on it applies.
pub type PlanResolver<'a> =
    dyn Fn(&str, Option<&str>, chrono::NaiveDate) -> Result<Plan, String> + 'a;

/// How a due time is printed, on the command line.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueTimeArg {
    /// Keep the clock time of the receipt.
    KeepClockTime,
    /// End of the working day the time runs out on.
    EndOfDay,
}

/// The case being asked about: what is due, when it was received, pauses, restart.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CaseArgs {
    /// Procedure id from the catalogue (or give --days instead).
    pub procedure: Option<String>,
    /// Working days allotted, e.g. `25`, `0,5`, `1/4`, or `same-day`, instead of a procedure.
    #[arg(
        long,
        conflicts_with = "procedure",
        required_unless_present = "procedure"
    )]
    pub days: Option<String>,
    /// When the complete file was received: RFC 3339, or `YYYY-MM-DD HH:MM` in Vietnam time.
    #[arg(long)]
    pub received: String,
    /// Named variant of the procedure's times, e.g. `verification`.
    #[arg(long, requires = "procedure")]
    pub variant: Option<String>,
    /// Calendar id.
    #[arg(long, default_value = crate::calendar::DEFAULT_CALENDAR)]
    pub calendar: String,
    /// Override the calendar's due-time convention.
    #[arg(long, value_enum)]
    pub due_time: Option<DueTimeArg>,
    /// A period the clock is stopped, `FROM/TO` (repeatable).
    #[arg(long = "pause", value_name = "FROM/TO")]
    pub pauses: Vec<String>,
    /// When the supplemented file came back; the count starts again from here.
    #[arg(long)]
    pub restarted: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `tthc due`: the due time of a procedure and of each step.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DueArgs {
    /// The case.
    #[command(flatten)]
    pub case: CaseArgs,
}

/// `tthc status`: status of a case at a moment or at completion.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["at", "completed"])))]
pub struct StatusArgs {
    /// The case.
    #[command(flatten)]
    pub case: CaseArgs,
    /// The moment an open case is looked at.
    #[arg(long)]
    pub at: Option<String>,
    /// When the case was finished.
    #[arg(long)]
    pub completed: Option<String>,
    /// Working minutes before the due time from which an open case is "due soon".
    #[arg(long, default_value_t = 480)]
    pub due_soon_minutes: i64,
}

/// `tthc calendar`: show or export a year's days off.
#[derive(clap::Args, Debug, Clone)]
pub struct CalendarArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: CalendarCommand,
}

/// Calendar subcommands.
#[derive(clap::Subcommand, Debug, Clone)]
pub enum CalendarCommand {
    /// List the holidays, days off and swapped working days of a year.
    Show(YearArgs),
    /// Write a year's days as ICS (the format of `calendars/*.ics`).
    Export(YearArgs),
}

/// Which year of which calendar.
#[derive(clap::Args, Debug, Clone)]
pub struct YearArgs {
    /// The year.
    #[arg(long)]
    pub year: i32,
    /// Calendar id.
    #[arg(long, default_value = crate::calendar::DEFAULT_CALENDAR)]
    pub calendar: String,
}

/// Why a deadline command failed.
#[derive(Debug)]
pub enum CliError {
    /// An argument could not be read.
    BadInput(String),
    /// The procedure or variant is unknown to the catalogue.
    Procedure(String),
    /// The calendar could not answer.
    Calendar(CalendarError),
    /// The engine rejected the case.
    Deadline(DeadlineError),
}

impl CliError {
    /// Process exit code: 2 for every failure (1 is kept for "checks found problems").
    pub fn exit_code(&self) -> u8 {
        2
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::BadInput(m) | CliError::Procedure(m) => write!(f, "{m}"),
            CliError::Calendar(e) => write!(f, "{e}"),
            CliError::Deadline(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<CalendarError> for CliError {
    fn from(e: CalendarError) -> Self {
        CliError::Calendar(e)
    }
}

impl From<OutOfHorizon> for CliError {
    fn from(e: OutOfHorizon) -> Self {
        CliError::Calendar(e.into())
    }
}

impl From<DeadlineError> for CliError {
    fn from(e: DeadlineError) -> Self {
        CliError::Deadline(e)
    }
}

/// Reads a datetime: RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` (also with `T`) taken as local
/// time at `offset`.
pub fn parse_datetime(text: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, CliError> {
    crate::datetime::parse_local(text, offset).map_err(CliError::BadInput)
}

fn parse_allotment(text: &str) -> Result<Allotment, CliError> {
    match text.trim() {
        "same-day" | "same_day" | "trong-ngay" => Ok(Allotment::SameDay),
        t => Days::parse(t)
            .map(Allotment::Days)
            .map_err(|e| CliError::BadInput(format!("--days `{t}`: not a number of days ({e:?})"))),
    }
}

fn resolve_plan(
    args: &CaseArgs,
    resolve: &PlanResolver<'_>,
    offset: FixedOffset,
) -> Result<Plan, CliError> {
    match (&args.procedure, &args.days) {
        (_, Some(days)) => Ok(Plan {
            steps: Vec::new(),
            total: parse_allotment(days)?,
            cutoff: None,
        }),
        (Some(id), None) => {
            let received = parse_datetime(&args.received, offset)?;
            resolve(id, args.variant.as_deref(), received.date_naive()).map_err(CliError::Procedure)
        }
        (None, None) => Err(CliError::BadInput("give a procedure id or --days".into())),
    }
}

fn build_case(args: &CaseArgs, offset: FixedOffset) -> Result<Case, CliError> {
    let mut case = Case::received(parse_datetime(&args.received, offset)?);
    if let Some(r) = &args.restarted {
        case.restarted_at = Some(parse_datetime(r, offset)?);
    }
    for p in &args.pauses {
        let (from, to) = p
            .split_once('/')
            .ok_or_else(|| CliError::BadInput(format!("--pause `{p}` must be FROM/TO")))?;
        case.pauses.push(Pause {
            from: parse_datetime(from, offset)?,
            to: parse_datetime(to, offset)?,
        });
    }
    Ok(case)
}

fn convention(args: &CaseArgs, calendar: &WorkingCalendar) -> DueTimeConvention {
    match args.due_time {
        Some(DueTimeArg::KeepClockTime) => DueTimeConvention::KeepClockTime,
        Some(DueTimeArg::EndOfDay) => DueTimeConvention::EndOfDay,
        None => calendar.config().due_time,
    }
}

/// `tthc due`: resolves the plan (from `--days` or the catalogue) and renders it.
pub fn run_due(
    args: &DueArgs,
    calendars: &Calendars,
    resolve: &PlanResolver<'_>,
) -> Result<String, CliError> {
    let calendar = calendars.get(&args.case.calendar)?;
    let plan = resolve_plan(&args.case, resolve, calendar.index().offset())?;
    let case = build_case(&args.case, calendar.index().offset())?;
    render_due(
        &plan,
        &case,
        calendar,
        convention(&args.case, calendar),
        args.case.json,
    )
}

/// Computes and renders the due times of `plan` for `case` (text, or JSON when `json`).
pub fn render_due(
    plan: &Plan,
    case: &Case,
    calendar: &WorkingCalendar,
    convention: DueTimeConvention,
    json: bool,
) -> Result<String, CliError> {
    let due = compute_due_with(calendar, plan, case, convention)?;
    if json {
        return Ok(due_json(&due));
    }
    Ok(due_text(&due, case))
}

/// The JSON form of a due computation: `due_at`, `clock_started_at`, `provisional`,
/// `steps` (`id`, `name`, `role`, `due_at`), datetimes in RFC 3339 with offset.
pub fn due_json(due: &Due<'_>) -> String {
    let mut text =
        serde_json::to_string_pretty(due).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

fn weekday_vi(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

fn when(t: DateTime<FixedOffset>) -> String {
    format!(
        "{} ({})",
        t.format("%Y-%m-%d %H:%M %:z"),
        weekday_vi(t.weekday())
    )
}

fn due_text(due: &Due<'_>, case: &Case) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Nhận hồ sơ (received):        {}\n",
        when(case.received_at)
    ));
    if let Some(r) = case.restarted_at {
        out.push_str(&format!("Nhận lại (restarted):         {}\n", when(r)));
    }
    out.push_str(&format!(
        "Bắt đầu tính (clock started): {}\n",
        when(due.clock_started_at)
    ));
    out.push_str(&format!(
        "Hẹn trả kết quả (due):        {}\n",
        when(due.due_at)
    ));
    if due.provisional {
        out.push_str(
            "Tạm tính (provisional): holidays of a year not yet announced were computed.\n",
        );
    }
    for (i, step) in due.steps.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {} — {} [{}]: {}\n",
            i + 1,
            step.id,
            step.name,
            step.role,
            when(step.due_at)
        ));
    }
    out
}

/// `tthc status`: status at `--at`, or at `--completed`.
pub fn run_status(
    args: &StatusArgs,
    calendars: &Calendars,
    resolve: &PlanResolver<'_>,
) -> Result<String, CliError> {
    let calendar = calendars.get(&args.case.calendar)?;
    let offset = calendar.index().offset();
    let plan = resolve_plan(&args.case, resolve, offset)?;
    let case = build_case(&args.case, offset)?;
    let report = match (&args.at, &args.completed) {
        (_, Some(done)) => status_completed(calendar, &plan, &case, parse_datetime(done, offset)?)?,
        (Some(at), None) => status_at(
            calendar,
            &plan,
            &case,
            parse_datetime(at, offset)?,
            args.due_soon_minutes,
        )?,
        (None, None) => return Err(CliError::BadInput("give --at or --completed".into())),
    };
    Ok(render_status(&report, args.case.json))
}

/// Renders a status report (text, or JSON when `json`).
pub fn render_status(report: &StatusReport, json: bool) -> String {
    if json {
        let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
        text.push('\n');
        return text;
    }
    let time = match report.status {
        Status::Overdue | Status::Late => format!("Quá hạn {}", report.working_time_vi),
        _ => format!("Còn {}", report.working_time_vi),
    };
    let mut out = format!(
        "{} ({:?}): {}\nHẹn trả (due): {}\n",
        report.status.label_vi(),
        report.status,
        time,
        when(report.due_at)
    );
    if report.provisional {
        out.push_str("Tạm tính (provisional).\n");
    }
    out
}

/// `tthc calendar show|export`.
pub fn run_calendar(args: &CalendarArgs, calendars: &Calendars) -> Result<String, CliError> {
    match &args.command {
        CalendarCommand::Show(y) => show_year(calendars.get(&y.calendar)?, y.year),
        CalendarCommand::Export(y) => export_year(calendars.get(&y.calendar)?, y.year),
    }
}

/// Lists a year's exceptional days and its number of working days.
pub fn show_year(calendar: &WorkingCalendar, year: i32) -> Result<String, CliError> {
    let marks = calendar.marks_for_year(year)?;
    let index = calendar.index();
    let (first, last) = match (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(CliError::BadInput(format!("{year} is not a valid year"))),
    };
    let per_day = index.minutes_per_day();
    let working_days = (index.at_start_of(last)? - index.at_start_of(first)?) / per_day
        + i64::from(index.is_working_day(last)?);
    let mut out = format!(
        "{} — {year}: {working_days} ngày làm việc (working days)\n",
        calendar.config().name
    );
    if calendar.is_provisional(first) {
        out.push_str("Tạm tính (provisional): computed from the Labour Code, not announced.\n");
    }
    for m in marks {
        out.push_str(&format!(
            "{} {:<9} {:<12} {}\n",
            m.date,
            weekday_vi(m.date.weekday()),
            m.kind.category(),
            m.name
        ));
    }
    Ok(out)
}

/// A year's exceptional days as ICS.
pub fn export_year(calendar: &WorkingCalendar, year: i32) -> Result<String, CliError> {
    let marks = calendar.marks_for_year(year)?;
    Ok(ics::write_marks(
        &calendar.config().id,
        &calendar.config().name,
        marks,
    ))
}
