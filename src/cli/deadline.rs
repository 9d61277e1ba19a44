//! `tthc due`, `tthc status`, `tthc calendar (show|export)`.
//!
//! A case of a catalogue procedure goes through the core's service
//! ([`tthc::service::deadlines`]), as `POST /v1/deadlines` and `POST /v1/status` do, so
//! `--json` prints exactly what they answer; the text output words the engine's facts
//! (see [`render`]), computed once. `--days N` asks the engine directly, with no
//! procedure, reading the case's dates with the same reader.
//!
//! Every function returns the text to print, so output is tested without a terminal.

use super::render;
use serde::Serialize;
use tthc::calendar::{CalendarError, Calendars, WorkingCalendar, ics};
use tthc::days::Days;
use tthc::deadline::{self, Allotment, Case, Plan, status_at_due, status_completed_due};
use tthc::service::deadlines as service;
use tthc::service::types::{DeadlineRequest, DueTimeIn, PauseInput, StatusRequest};
use tthc::service::{ServiceError, Snapshot, case};
use tthc::text::{Lang, Text};

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
    /// Procedure id (or national code) from the catalogue; or give --days instead.
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
    /// The procedure's case: its id (`verification`) or its name as the decision prints
    /// it (`"cần xác minh"`, `"Trường hợp cần xác minh"`); default: the ordinary case.
    #[arg(long, requires = "procedure")]
    pub variant: Option<String>,
    /// Calendar id (default: vn), e.g. a province's `an-giang` from --calendars.
    #[arg(long)]
    pub calendar: Option<String>,
    /// A calendars folder to use instead of the bundled calendars (as `tthc serve
    /// --calendars`); a calendar there may say `extends: vn` and set its own hours.
    #[arg(long, value_name = "DIR")]
    pub calendars: Option<std::path::PathBuf>,
    /// Catalogue files or folders (default: ./procedures when it exists, else the
    /// bundled catalogue).
    #[arg(long, value_name = "PATH")]
    pub catalogue: Vec<std::path::PathBuf>,
    /// Override the calendar's due-time convention.
    #[arg(long, value_enum)]
    pub due_time: Option<DueTimeArg>,
    /// A period the clock is stopped, `FROM/TO` (repeatable).
    #[arg(long = "pause", value_name = "FROM/TO")]
    pub pauses: Vec<String>,
    /// When the supplemented file came back; the count starts again from here.
    #[arg(long)]
    pub restarted: Option<String>,
    /// Print JSON (for a procedure: exactly the HTTP API's response) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Explain the date: why the count started when it did, the days off skipped by
    /// name, each step's window and the pauses applied.
    #[arg(long)]
    pub explain: bool,
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
    #[arg(long, default_value_t = deadline::DEFAULT_DUE_SOON_MINUTES)]
    pub due_soon_minutes: i64,
}

/// `tthc calendar`: show or export a year's days off.
#[derive(clap::Args, Debug, Clone)]
#[command(after_long_help = CONVENTIONS)]
pub struct CalendarArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: CalendarCommand,
}

impl CalendarArgs {
    /// The `--calendars DIR` given to the subcommand, if any.
    pub fn calendars_dir(&self) -> Option<&std::path::PathBuf> {
        match &self.command {
            CalendarCommand::Show(y) | CalendarCommand::Export(y) => y.calendars.as_ref(),
        }
    }
}

/// What the engine does at the edges, for `tthc calendar --help` (the same list is in
/// the README). Each example uses the bundled `vn` calendar (07:30–11:30, 13:00–17:00).
pub const CONVENTIONS: &str = "\
Conventions (what the engine does at the edges):
  - A count that ends at a break ends at the break, not when work resumes:
      tthc due --days 0,5 --received '2025-03-03 07:30'   → Mon 03/03/2025 11:30
  - A receipt during the lunch break starts the count at 13:00:
      tthc due --days 1 --received '2025-03-03 12:10'     → starts 13:00, due Tue 04/03/2025 11:30
  - At the due instant itself a case is due_soon, not overdue (overdue is strictly after):
      tthc status --days 1 --received '2025-03-03 07:30' --at '2025-03-03 17:00'   → due_soon
  - Seconds round up to the next minute, so nobody gets more time for an earlier second:
      tthc due --days 1 --received '2025-03-03 08:00:01'  → counts from 08:01, due Tue 04/03/2025 08:01
  - The cutoff (15:00 in vn) reaches same-day counts only (the calendar's `cutoff_reach`;
    a procedure or its decision may state otherwise): a same-day count received after it
    is due at the next working day's close, a count of days starts on receipt:
      tthc due --days same-day --received '2024-07-25 15:35'   → Fri 26/07/2024 17:00
      tthc due --days 10 --received '2024-07-25 15:35'    → Thu 08/08/2024 15:35
  - --days must be more than zero (like a total in a catalogue): `--days 0` is refused.
  - Days of uncertain legal basis (24/11, Ngày Văn hóa Việt Nam) are listed in
    uncertain_days; the calendar's `uncertain_days` setting says how they count.
  - Dates before the first announced year (2020 in vn) are an error; years after the
    last announced one are computed and marked provisional.
  - Provincial hours: a calendar file with `extends: vn` sets its own sessions:
      tthc due --days 25 --received '2023-12-05 11:04:42' --calendar an-giang   → Wed 10/01/2024 11:00";

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
    #[arg(long, default_value = tthc::calendar::DEFAULT_CALENDAR)]
    pub calendar: String,
    /// A calendars folder to use instead of the bundled calendars.
    #[arg(long, value_name = "DIR")]
    pub calendars: Option<std::path::PathBuf>,
}

/// Why a deadline command failed.
#[derive(Debug)]
pub enum CliError {
    /// An argument could not be read.
    Input(Text),
    /// The service refused the case (the same code and words as the API's problem).
    Service(ServiceError),
    /// The calendar could not answer.
    Calendar(CalendarError),
    /// The catalogue or calendars could not be loaded; the message is already worded.
    Load {
        /// What to print.
        message: String,
        /// 1 when the catalogue has errors, 2 when it could not be read.
        exit: u8,
    },
}

impl CliError {
    /// Process exit code: 1 when the catalogue has errors, 2 for every other failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load { exit, .. } => *exit,
            _ => 2,
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Input(t) => t.get(lang).to_string(),
            CliError::Service(e) => e.message(lang).to_string(),
            CliError::Calendar(e) => e.text().get(lang).to_string(),
            CliError::Load { message, .. } => message.clone(),
        }
    }

    /// True when the message is a whole report to print as it is, not a one-line error.
    pub fn is_report(&self) -> bool {
        matches!(self, CliError::Load { .. })
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CliError {}

impl From<CalendarError> for CliError {
    fn from(e: CalendarError) -> Self {
        CliError::Calendar(e)
    }
}

impl From<tthc::calendar::OutOfHorizon> for CliError {
    fn from(e: tthc::calendar::OutOfHorizon) -> Self {
        CliError::Service(ServiceError::deadline(
            &deadline::DeadlineError::OutOfHorizon(e),
            None,
        ))
    }
}

impl From<deadline::DeadlineError> for CliError {
    fn from(e: deadline::DeadlineError) -> Self {
        CliError::Service(ServiceError::deadline(&e, None))
    }
}

impl From<ServiceError> for CliError {
    fn from(e: ServiceError) -> Self {
        CliError::Service(e)
    }
}

/// What a deadline command reads: loaded on first use, so `--days` never loads the
/// catalogue, and a procedure's case never loads the calendars twice.
pub struct Context<'a> {
    /// The message language.
    pub lang: Lang,
    /// The catalogue and calendars, for a procedure's case.
    pub snapshot: &'a dyn Fn() -> Result<&'a Snapshot, CliError>,
    /// The calendars alone, for `--days` and `tthc calendar`.
    pub calendars: &'a dyn Fn() -> Result<&'a Calendars, CliError>,
}

fn parse_allotment(text: &str) -> Result<Allotment, CliError> {
    match text.trim() {
        "same-day" | "same_day" | "trong-ngay" => Ok(Allotment::SameDay),
        t => {
            let days = Days::parse(t).map_err(|_| {
                CliError::Input(Text::new(
                    format!("--days `{t}` is not a number of working days: write e.g. `10`, `0,5`, `1/4` or `same-day`"),
                    format!("--days `{t}` không phải số ngày làm việc: viết ví dụ `10`, `0,5`, `1/4` hoặc `same-day`"),
                ))
            })?;
            // A zero total is refused in a catalogue (a procedure with no time); the
            // same number on the command line is refused the same way.
            if days.is_zero() {
                return Err(CliError::Input(Text::new(
                    format!(
                        "--days `{t}` is zero: a time limit must be more than zero working days (for the same day, write `same-day`)"
                    ),
                    format!(
                        "--days `{t}` bằng không: thời hạn phải lớn hơn 0 ngày làm việc (trong ngày thì viết `same-day`)"
                    ),
                )));
            }
            Ok(Allotment::Days(days))
        }
    }
}

/// The pauses as the case reader takes them, from `--pause FROM/TO` options.
fn pauses(args: &CaseArgs) -> Result<Vec<PauseInput>, CliError> {
    args.pauses
        .iter()
        .map(|p| {
            let (from, to) = case::split_pause(p)?;
            Ok(PauseInput {
                from: from.to_string(),
                to: to.to_string(),
            })
        })
        .collect()
}

fn due_time(args: &CaseArgs) -> Option<DueTimeIn> {
    args.due_time.map(|d| match d {
        DueTimeArg::KeepClockTime => DueTimeIn::KeepClockTime,
        DueTimeArg::EndOfDay => DueTimeIn::EndOfDay,
    })
}

/// The service's question a procedure's case amounts to. The explanation is asked for
/// only for `--json`: the text output words the engine's facts itself.
fn request(args: &CaseArgs, procedure: &str) -> Result<DeadlineRequest, CliError> {
    let pauses = pauses(args)?;
    Ok(DeadlineRequest {
        procedure: procedure.to_string(),
        received_at: args.received.clone(),
        variant: args.variant.clone(),
        pauses: (!pauses.is_empty()).then_some(pauses),
        restarted_at: args.restarted.clone(),
        calendar: args.calendar.clone(),
        due_time: due_time(args),
        explain: (args.explain && args.json).then_some(true),
    })
}

/// A `--days` case: the calendar, a plan with no steps, the case's timeline.
fn days_case<'c>(
    args: &CaseArgs,
    days: &str,
    calendars: &'c Calendars,
) -> Result<(&'c WorkingCalendar, Plan, Case), CliError> {
    let calendar = calendars.get(
        args.calendar
            .as_deref()
            .unwrap_or(tthc::calendar::DEFAULT_CALENDAR),
    )?;
    let plan = Plan {
        steps: Vec::new(),
        total: parse_allotment(days)?,
        cutoff: Default::default(),
        undivided: false,
    };
    let case = case::timeline(
        &args.received,
        args.restarted.as_deref(),
        &pauses(args)?,
        calendar.index().offset(),
    )?;
    Ok((calendar, plan, case))
}

fn json<T: Serialize>(value: &T) -> String {
    let mut text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// The JSON of a `--days` deadline: the API's deadline response without the procedure
/// fields, which a bare number of days does not have.
#[derive(Serialize)]
struct DaysDeadline {
    days: String,
    calendar: String,
    received_at: String,
    clock_started_at: String,
    due_at: String,
    provisional: bool,
    uncertain_days: Vec<String>,
    steps: Vec<()>,
}

/// `tthc due`.
pub fn run_due(args: &DueArgs, cx: &Context<'_>) -> Result<String, CliError> {
    let a = &args.case;
    match (&a.procedure, &a.days) {
        (Some(id), _) => {
            let snap: &Snapshot = (cx.snapshot)()?;
            let req = request(a, id)?;
            if a.json {
                return Ok(json(&service::compute(snap, &req)?));
            }
            let p = service::prepare(snap, &req)?;
            let due = service::due_of(&req, &p)?;
            let version =
                tthc::service::procedures::version_summary(&snap.catalogue, p.resolved.version);
            let why = match a.explain {
                true => Some(service::explain_due(&p, &due)?),
                false => None,
            };
            let head = render::Head {
                procedure: Some((p.resolved.procedure, &version)),
                variant: a.variant.as_deref(),
            };
            Ok(render::due(cx.lang, &head, &p.case, &due, why.as_ref()))
        }
        (None, Some(days)) => {
            let calendars = (cx.calendars)()?;
            let (calendar, plan, case) = days_case(a, days, calendars)?;
            let convention = service::convention(due_time(a), calendar);
            let due = deadline::compute_due_with(calendar, &plan, &case, convention)?;
            if a.json {
                return Ok(json(&DaysDeadline {
                    days: days.trim().to_string(),
                    calendar: calendar.config().id.clone(),
                    received_at: case.received_at.to_rfc3339(),
                    clock_started_at: due.clock_started_at.to_rfc3339(),
                    due_at: due.due_at.to_rfc3339(),
                    provisional: due.provisional,
                    uncertain_days: due.uncertain_days.iter().map(|d| d.to_string()).collect(),
                    steps: Vec::new(),
                }));
            }
            let why = if a.explain {
                Some(deadline::explain(calendar, &plan, &case, &due)?)
            } else {
                None
            };
            let head = render::Head {
                procedure: None,
                variant: None,
            };
            Ok(render::due(cx.lang, &head, &case, &due, why.as_ref()))
        }
        (None, None) => Err(CliError::Input(Text::new(
            "give a procedure id or --days",
            "hãy ghi mã thủ tục hoặc --days",
        ))),
    }
}

/// The JSON of a `--days` status: the API's status response without the procedure
/// fields.
#[derive(Serialize)]
struct DaysStatus {
    status: &'static str,
    status_vi: String,
    status_en: String,
    due_at: String,
    as_of: String,
    working_minutes: i64,
    working_time_vi: String,
    working_time_en: String,
    label_vi: String,
    label_en: String,
    provisional: bool,
    uncertain_days: Vec<String>,
}

/// `tthc status`: at `--at`, or at `--completed`.
pub fn run_status(args: &StatusArgs, cx: &Context<'_>) -> Result<String, CliError> {
    let a = &args.case;
    let when = args
        .at
        .as_deref()
        .or(args.completed.as_deref())
        .ok_or_else(|| {
            CliError::Input(Text::new(
                "give --at or --completed",
                "hãy ghi --at hoặc --completed",
            ))
        })?;
    let completed = args.completed.is_some();
    match (&a.procedure, &a.days) {
        (Some(id), _) => {
            let snap: &Snapshot = (cx.snapshot)()?;
            let req = StatusRequest {
                case: request(a, id)?,
                at: (!completed).then(|| when.to_string()),
                completed_at: completed.then(|| when.to_string()),
                due_soon_minutes: Some(args.due_soon_minutes),
            };
            // One computation: the due times, the explanation when asked for, the
            // status measured against them.
            let p = service::prepare(snap, &req.case)?;
            let due = service::due_of(&req.case, &p)?;
            let why = match a.explain {
                true => Some(service::explain_due(&p, &due)?),
                false => None,
            };
            let facts = why.as_ref().filter(|_| a.json);
            let answer = service::status_with(snap, &req, &p, &due, facts)?;
            if a.json {
                return Ok(json(&answer.response));
            }
            let mut out = render::status(
                cx.lang,
                &answer.report,
                p.calendar.index().minutes_per_day(),
                answer.response.current_step.as_deref(),
            );
            if let Some(why) = &why {
                let head = render::Head {
                    procedure: Some((p.resolved.procedure, &answer.response.deadline.version)),
                    variant: a.variant.as_deref(),
                };
                render::explanation(&mut out, cx.lang, why, &head);
            }
            Ok(out)
        }
        (None, Some(days)) => {
            let calendars = (cx.calendars)()?;
            let (calendar, plan, case) = days_case(a, days, calendars)?;
            let convention = service::convention(due_time(a), calendar);
            let due = deadline::compute_due_with(calendar, &plan, &case, convention)?;
            let field = if completed { "completed_at" } else { "at" };
            let as_of = case::datetime(field, when, calendar.index().offset())?;
            let report = if completed {
                status_completed_due(calendar, &plan, &case, &due, as_of)?
            } else {
                status_at_due(calendar, &plan, &case, &due, as_of, args.due_soon_minutes)?
            };
            let per_day = calendar.index().minutes_per_day();
            if a.json {
                let line = report.line(per_day);
                let label = report.status.label();
                return Ok(json(&DaysStatus {
                    status: report.status.code(),
                    status_vi: label.vi,
                    status_en: label.en,
                    due_at: report.due_at.to_rfc3339(),
                    as_of: as_of.to_rfc3339(),
                    working_minutes: report.working_minutes,
                    working_time_vi: report.working_time_vi.clone(),
                    working_time_en: tthc::text::words::working_time(
                        report.working_minutes,
                        per_day,
                    )
                    .en,
                    label_vi: line.vi,
                    label_en: line.en,
                    provisional: report.provisional,
                    uncertain_days: report
                        .uncertain_days
                        .iter()
                        .map(|d| d.to_string())
                        .collect(),
                }));
            }
            let mut out = render::status(cx.lang, &report, per_day, None);
            if a.explain {
                let why = deadline::explain(calendar, &plan, &case, &due)?;
                let head = render::Head {
                    procedure: None,
                    variant: None,
                };
                render::explanation(&mut out, cx.lang, &why, &head);
            }
            Ok(out)
        }
        (None, None) => Err(CliError::Input(Text::new(
            "give a procedure id or --days",
            "hãy ghi mã thủ tục hoặc --days",
        ))),
    }
}

/// `tthc calendar show|export`.
pub fn run_calendar(args: &CalendarArgs, cx: &Context<'_>) -> Result<String, CliError> {
    let calendars = (cx.calendars)()?;
    match &args.command {
        CalendarCommand::Show(y) => render::year(cx.lang, calendars.get(&y.calendar)?, y.year),
        CalendarCommand::Export(y) => export_year(calendars.get(&y.calendar)?, y.year),
    }
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
