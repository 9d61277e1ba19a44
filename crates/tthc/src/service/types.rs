//! The service's questions and answers as JSON: what `POST /v1/deadlines` and
//! `POST /v1/status` read and write, what `tthc due --json` prints and what the Python
//! module returns. Field names are the contract; with the feature `openapi`, the server's
//! OpenAPI document is generated from these types.

use crate::model;
use serde::{Deserialize, Serialize};

/// An interval during which the case's clock is stopped.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PauseInput {
    /// When the clock stops (RFC 3339; without offset = Vietnam time).
    #[cfg_attr(feature = "openapi", schema(format = DateTime, min_length = 1))]
    pub from: String,
    /// When it resumes.
    #[cfg_attr(feature = "openapi", schema(format = DateTime, min_length = 1))]
    pub to: String,
}

/// A case to compute the deadline of.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineRequest {
    /// Procedure id, e.g. `cap-giay-xac-nhan-tinh-trang-hon-nhan`.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "cap-giay-xac-nhan-tinh-trang-hon-nhan", min_length = 1)
    )]
    pub procedure: String,
    /// When the complete file was received: RFC 3339 (`2025-03-03T09:15:00+07:00`, also
    /// `+0700`, `Z` and fractional seconds), or `2025-03-03 09:15` / `03/03/2025 09:15:00`
    /// as portals print it, both Vietnam time. An impossible date is a 422. The version
    /// in force on this date applies.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "2025-03-04T09:15:00+07:00", format = DateTime, min_length = 1)
    )]
    pub received_at: String,
    /// A named case: its id (`verification`) or its name as the decision prints it
    /// (`cần xác minh`); omitted = the ordinary case.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub variant: Option<String>,
    /// Periods the clock is stopped (at most 100), not overlapping.
    #[serde(default)]
    pub pauses: Option<Vec<PauseInput>>,
    /// When a supplemented file came back after a supplement request: the count starts again.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime, min_length = 1))]
    pub restarted_at: Option<String>,
    /// Calendar id; default `vn`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub calendar: Option<String>,
    /// How the due time is printed: `keep_clock_time` (the clock time of the start) or
    /// `end_of_day` (the close of the working day the time runs out on); default: the
    /// calendar's convention.
    #[serde(default)]
    pub due_time: Option<DueTimeIn>,
    /// Include an explanation of every step ("why this date?").
    #[serde(default)]
    pub explain: Option<bool>,
}

impl DeadlineRequest {
    /// The ordinary case of `procedure` (id or national code) received at `received_at`,
    /// with nothing else set.
    pub fn new(procedure: impl Into<String>, received_at: impl Into<String>) -> DeadlineRequest {
        DeadlineRequest {
            procedure: procedure.into(),
            received_at: received_at.into(),
            variant: None,
            pauses: None,
            restarted_at: None,
            calendar: None,
            due_time: None,
            explain: None,
        }
    }
}

/// A due-time convention a request can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueTimeIn {
    /// The clock time of the start is kept.
    KeepClockTime,
    /// The close of the working day the time runs out on.
    EndOfDay,
}

/// A case and the moment to report its status at: `at` for an open case, `completed_at`
/// for a finished one (exactly one of the two).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusRequest {
    /// The case.
    #[serde(flatten)]
    pub case: DeadlineRequest,
    /// The moment an open case is looked at.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime, min_length = 1))]
    pub at: Option<String>,
    /// When the case was finished.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime, min_length = 1))]
    pub completed_at: Option<String>,
    /// Working minutes before the due time from which an open case is `due_soon`
    /// (default 480, one working day; not negative). Checked per case, so that in a
    /// batch a bad value fails only its own case.
    #[serde(default, deserialize_with = "whole_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub due_soon_minutes: Option<i64>,
}

/// Reads a whole number, also when a client writes it as `480.0` (JSON Schema counts
/// that as an integer); a fraction is refused.
fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let n: Option<serde_json::Number> = Option::deserialize(d)?;
    let Some(n) = n else { return Ok(None) };
    if let Some(i) = n.as_i64() {
        return Ok(Some(i));
    }
    // A JSON number written with a point: accept it only when its text is a whole number.
    let text = n.to_string();
    let whole = text.strip_suffix(".0").unwrap_or(&text);
    whole.parse::<i64>().map(Some).map_err(|_| {
        serde::de::Error::custom(format!("expected a whole number of minutes, got {text}"))
    })
}

/// Several cases at once (at most 1000).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineBatchRequest {
    /// The cases.
    pub cases: Vec<DeadlineBatchCase>,
}

/// A case of a deadline batch: a deadline request, with the client's own id for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineBatchCase {
    /// The client's id for this case (e.g. its file number), echoed unchanged in its
    /// result, so that results can be matched without relying on their order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "HS-2025-000123"))]
    pub id: Option<String>,
    /// The case.
    #[serde(flatten)]
    pub case: DeadlineRequest,
}

/// Several status questions at once (at most 1000).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusBatchRequest {
    /// The cases.
    pub cases: Vec<StatusBatchCase>,
}

/// A case of a status batch: a status request, with the client's own id for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusBatchCase {
    /// The client's id for this case, echoed unchanged in its result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "HS-2025-000123"))]
    pub id: Option<String>,
    /// The question.
    #[serde(flatten)]
    pub case: StatusRequest,
}

/// An exact number of working days.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmountOut {
    /// `days` or `same_day`.
    pub kind: String,
    /// The number of days as a decimal or fraction (`0.5`, `1/3`); absent for same day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<String>,
    /// Numerator of the exact fraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<i64>,
    /// Denominator of the exact fraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<i64>,
}

impl From<model::Amount> for AmountOut {
    fn from(a: model::Amount) -> Self {
        match a {
            model::Amount::SameDay => AmountOut {
                kind: "same_day".into(),
                days: None,
                numerator: None,
                denominator: None,
            },
            model::Amount::Days(d) => AmountOut {
                kind: "days".into(),
                days: Some(d.to_string()),
                numerator: Some(d.numer()),
                denominator: Some(d.denom()),
            },
        }
    }
}

/// A time given for a named case.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantAmount {
    /// The case's id.
    pub variant: String,
    /// Its time.
    pub amount: AmountOut,
}

/// Times on a total or a step.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimingOut {
    /// The ordinary case; absent when the step has no time of its own.
    pub base: Option<AmountOut>,
    /// Times for named cases.
    pub variants: Vec<VariantAmount>,
}

impl From<&model::Timing> for TimingOut {
    fn from(t: &model::Timing) -> Self {
        TimingOut {
            base: t.base.map(|b| b.value.into()),
            variants: t
                .variants
                .iter()
                .map(|(n, a)| VariantAmount {
                    variant: n.clone(),
                    amount: a.value.into(),
                })
                .collect(),
        }
    }
}

/// A named case of a procedure version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantOut {
    /// Id (`verification`, `appointed`, …): the `variant` to ask for.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
    /// Its condition or scope as the decision words it, when the file states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The case's own cutoff, when it states one: `HH:MM`, or `none` when the case has
    /// none; it applies to this case instead of the procedure's `cutoff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
}

/// An id with its Vietnamese title.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Named {
    /// Id.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
}

/// Where a version's numbers come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceOut {
    /// Decision number, e.g. `1086/QĐ-UBND`.
    pub decision: String,
    /// Item of the decision's appendix, e.g. `B.16`.
    pub item: String,
    /// Signing date of the decision.
    pub signed: Option<String>,
    /// Effective date of the decision.
    pub effective: Option<String>,
    /// Who issued it.
    pub issuer: Option<String>,
}

/// A version's identity and validity.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    /// The version label, if the procedure names its versions.
    pub label: Option<String>,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force (inclusive); absent when open-ended.
    pub valid_until: Option<String>,
    /// Deciding authority.
    pub authority: Named,
    /// Source decision and item.
    pub source: SourceOut,
    /// The procedure's name in this version, when the version changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The national code in this version, when the version changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The field in this version, when the version changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// How the version ends, when it does: repealed or replaced by a later decision, or
    /// lapsed on its own last day (often the last day of its authority level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<EndingOut>,
}

/// How a version's period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndingKind {
    /// A later decision repealed its item: nothing takes its place.
    Repealed,
    /// A later decision replaced its item.
    Replaced,
    /// It ends on its own last day (`until`), with no decision ending it.
    Lapsed,
}

/// How a version ends, and why, in both languages.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndingOut {
    /// Repealed, replaced or lapsed.
    pub kind: EndingKind,
    /// Its last day in force (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(format = Date, example = "2025-06-30"))]
    pub last_day: String,
    /// The decision that repealed or replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// The item of the version's decision that the amendment names (`A.15`); absent when
    /// it names the whole decision, or for a lapse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// For a lapse on the last day of its authority level: that level's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_abolished: Option<String>,
    /// In English: `repealed by 2222/QĐ-UBND from 1 Jul 2025`.
    pub words: String,
    /// In Vietnamese: `bị bãi bỏ bởi Quyết định 2222/QĐ-UBND từ ngày 01/07/2025`.
    pub words_vi: String,
}

/// A procedure in the list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureSummary {
    /// Slug id.
    pub id: String,
    /// National code, e.g. `1.001193`.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// Field (lĩnh vực).
    pub field: Option<String>,
    /// Other names people use for it (`alias` in its file), which search finds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Versions, oldest first.
    pub versions: Vec<VersionSummary>,
}

/// The procedure list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureList {
    /// The procedures that pass the filters (all without filters), sorted by id.
    pub procedures: Vec<ProcedureSummary>,
}

/// One step of a version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepOut {
    /// Step id.
    pub id: String,
    /// Name as the decision prints it.
    pub name: String,
    /// Who performs it (the first role named, when several may).
    pub role: Named,
    /// Other roles that may perform it instead (the decision names alternatives, such as
    /// the desk or a postal worker); empty when there are none.
    pub other_roles: Vec<Named>,
    /// Who performs it as the decision prints it, when the catalogue records that.
    pub performer_as_printed: Option<String>,
    /// Its times.
    pub timing: TimingOut,
}

/// A note where the printed decision was interpreted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterpretationOut {
    /// The step concerned, if one.
    pub step: Option<String>,
    /// What was read and why.
    pub text: String,
}

/// A version in full.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionDetail {
    /// Identity and validity.
    #[serde(flatten)]
    pub summary: VersionSummary,
    /// Named cases (always includes `verification`).
    pub variants: Vec<VariantOut>,
    /// Time for the whole procedure.
    pub total: TimingOut,
    /// The procedure's own cutoff: `HH:MM` (a receipt after it counts from the next
    /// working day), `none` when it states it has none, `null` when the calendar's default
    /// applies.
    pub cutoff: Option<String>,
    /// Steps in order.
    pub steps: Vec<StepOut>,
    /// Interpretations of the printed decision.
    pub interpretations: Vec<InterpretationOut>,
}

/// A procedure in full.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureDetail {
    /// Slug id.
    pub id: String,
    /// National code.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// Field.
    pub field: Option<String>,
    /// Other names people use for it (`alias` in its file), which search finds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Versions (only the one in force when `at` was given).
    pub versions: Vec<VersionDetail>,
}

/// One step's due time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepDueOut {
    /// Step id.
    pub id: String,
    /// Step name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// When the step must be finished (RFC 3339).
    pub due_at: String,
}

/// A non-working day inside a step's window.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkippedDay {
    /// The date.
    pub date: String,
    /// `weekend`, `holiday` or `day_off`.
    pub reason: String,
    /// The holiday's name, or the weekday for weekends (Thứ Bảy, Chủ nhật).
    pub name: String,
}

/// One step's share of the count.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepExplanation {
    /// Step id.
    pub id: String,
    /// Step name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Its allotment in this case; absent when it has no time of its own.
    pub allotment: Option<AmountOut>,
    /// Working minutes the allotment is worth on this calendar (0 when none).
    pub working_minutes: i64,
    /// When the step's count starts (the previous step's due time, or the clock start).
    pub started_at: String,
    /// When it is due.
    pub due_at: String,
    /// Non-working days skipped inside the window.
    pub skipped_days: Vec<SkippedDay>,
    /// Saturdays or Sundays inside the window that were declared working days.
    pub worked_weekend_days: Vec<SkippedDay>,
    /// Pauses overlapping the window.
    pub pauses: Vec<PauseInput>,
    /// Notes where the decision's row for this step was interpreted.
    pub interpretations: Vec<String>,
}

/// How the count started.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockStart {
    /// When the file was received.
    pub received_at: String,
    /// When the supplemented file came back, if the count was restarted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarted_at: Option<String>,
    /// When the count started.
    pub clock_started_at: String,
    /// The cutoff applied to this count; null when none applies.
    pub cutoff: Option<String>,
    /// Who states the cutoff applied (or that none applies): `procedure` (the procedure
    /// or its case states it, a time or none), `decision` (the procedure's decision says
    /// how far the calendar's cutoff reaches) or `calendar` (the calendar's cutoff and
    /// its convention on its reach).
    pub cutoff_source: String,
    /// The reach consulted when the procedure states nothing for this count:
    /// `same_day` (same-day counts only) or `every_count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_reach: Option<String>,
    /// The decision stating that reach, when `cutoff_source` is `decision`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_decision: Option<String>,
    /// A cutoff that exists but does not reach this count (the calendar's `15:00` for a
    /// count of days when its reach is same-day counts only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_out_of_reach: Option<String>,
    /// Where the cutoff comes from, in an English sentence.
    pub cutoff_en: String,
    /// The same in a Vietnamese sentence.
    pub cutoff_vi: String,
    /// True when the receipt (or restart) was after the cutoff on a working day.
    pub cutoff_applied: bool,
    /// `on_receipt`, `after_cutoff`, `outside_working_hours`, `non_working_day` or, when
    /// the count was restarted, `restarted`.
    pub reason: String,
    /// How the instant the count runs from (the receipt, or the restart) was moved:
    /// `on_receipt` (not moved), `after_cutoff`, `outside_working_hours`, `non_working_day`.
    pub adjustment: String,
    /// The reason in an English sentence.
    pub reason_en: String,
    /// The same in a Vietnamese sentence.
    pub reason_vi: String,
    /// Non-working days between the receipt and the clock start (e.g. Tết after a
    /// receipt on the last afternoon before it).
    pub skipped_days: Vec<SkippedDay>,
}

/// Which calendar days were used.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarUse {
    /// Calendar id.
    pub id: String,
    /// `official` (announced schedules only), `provisional` or `mixed`.
    pub days: String,
    /// Years whose days were computed, not announced.
    pub provisional_years: Vec<i32>,
    /// Days of uncertain legal basis in the counted span (ISO dates, e.g. `2026-11-24`).
    pub uncertain_days: Vec<String>,
    /// `day_off` or `working_day`: how the calendar counted them.
    pub uncertain_days_counted_as: String,
    /// `keep_clock_time` or `end_of_day`.
    pub due_time: String,
}

/// The whole explanation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    /// The decision and item the numbers come from.
    pub source: SourceOut,
    /// How the count started.
    pub clock: ClockStart,
    /// The calendar days used.
    pub calendar: CalendarUse,
    /// Each step.
    pub steps: Vec<StepExplanation>,
    /// Interpretations of the decision for this version (not tied to one step).
    pub interpretations: Vec<InterpretationOut>,
    /// Every day from the receipt (or restart) to the appointment that did not count.
    pub skipped_days: Vec<SkippedDay>,
    /// One paragraph in Vietnamese, for the clerk to read out.
    pub summary_vi: String,
    /// The same paragraph in English.
    pub summary_en: String,
}

/// Which catalogue answered: where it was read from and its content hash (the
/// `Catalogue-Version` header), so a stored answer says what computed it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogueOut {
    /// `bundled` (compiled into tthc), `folder` (a catalogue folder) or `files`.
    pub origin: String,
    /// Content hash of the catalogue and calendars.
    pub version: String,
}

/// The deadline of a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineResponse {
    /// Procedure id.
    pub procedure: String,
    /// The version applied (in force on the receipt date).
    pub version: VersionSummary,
    /// The case computed (`null` = ordinary).
    pub variant: Option<String>,
    /// Calendar id.
    pub calendar: String,
    /// The catalogue that answered.
    pub catalogue: CatalogueOut,
    /// As received, normalised to RFC 3339.
    pub received_at: String,
    /// When the count started (next opening after the cutoff or outside hours; or the restart).
    pub clock_started_at: String,
    /// The appointment (ngày hẹn trả kết quả).
    pub due_at: String,
    /// True when a computed (not yet announced) year's days were used.
    pub provisional: bool,
    /// Days of uncertain legal basis (e.g. 24/11, Ngày Văn hóa Việt Nam) from the clock
    /// start to the appointment, as ISO dates (`2026-11-24`): the appointment depends on
    /// whether they are days off. Empty when there are none.
    pub uncertain_days: Vec<String>,
    /// Each step's due time, in order.
    pub steps: Vec<StepDueOut>,
    /// Why this date, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// The status of a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusResponse {
    /// Procedure id.
    pub procedure: String,
    /// The version applied.
    pub version: VersionSummary,
    /// `not_due`, `due_soon`, `overdue` (open) or `early`, `on_time`, `late` (finished).
    pub status: String,
    /// The status in Vietnamese (chưa đến hạn, sắp đến hạn, quá hạn, trước hạn, đúng hạn, trễ hạn).
    pub status_vi: String,
    /// The status in English words (not due, due soon, overdue, early, on time, late).
    pub status_en: String,
    /// The appointment.
    pub due_at: String,
    /// The moment looked at (`at` or `completed_at`), normalised.
    pub as_of: String,
    /// Working minutes left (not_due, due_soon, early, on_time) or over (overdue, late).
    pub working_minutes: i64,
    /// The same in Vietnamese words, e.g. "3 ngày 2 giờ 36 phút".
    pub working_time_vi: String,
    /// The same in English, e.g. "3 days 2 h 36 min".
    pub working_time_en: String,
    /// "Còn 3 ngày 2 giờ 36 phút" / "Quá hạn 1 ngày" as a staff screen shows it.
    pub label_vi: String,
    /// The same in English: "3 days 2 h 36 min left", "1 day overdue".
    pub label_en: String,
    /// For an open case not yet overdue, the step it should be in now.
    pub current_step: Option<String>,
    /// True when computed holidays were used.
    pub provisional: bool,
    /// Days of uncertain legal basis the appointment depends on (ISO dates).
    pub uncertain_days: Vec<String>,
    /// The deadline computation behind the status.
    pub deadline: DeadlineResponse,
}
