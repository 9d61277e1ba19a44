//! Due dates and statuses of cases: a [`DeadlineRequest`] resolved against a
//! [`Snapshot`] (the procedure by id or national code, the version in force on the
//! receipt date, the case, the calendar) and answered with the engine's due times,
//! status and, on request, its explanation. `POST /v1/deadlines`, `POST /v1/status`,
//! `tthc due`, `tthc status` and the Python module answer through here, so they give
//! the same answer to the same question.

use super::case;
use super::error::ServiceError;
use super::procedures::version_summary;
use super::snapshot::Snapshot;
use super::types::{
    CatalogueOut, DeadlineRequest, DeadlineResponse, DueTimeIn, StatusRequest, StatusResponse,
    StepDueOut,
};
use crate::calendar::{Calendars, DEFAULT_CALENDAR, DueTimeConvention, WorkingCalendar};
use crate::deadline::{self, Case, Due, Resolved, Status, StatusReport};
use crate::model::Catalogue;
use crate::sources::Origin;
use crate::text::words;
use chrono::{DateTime, FixedOffset};

/// A request made ready for the engine: its calendar, the procedure resolved for the
/// receipt date and case, and the case's timeline.
#[derive(Debug)]
pub struct Prepared<'s> {
    /// The calendar.
    pub calendar: &'s WorkingCalendar,
    /// The procedure, its version in force and its plan.
    pub resolved: Resolved<'s>,
    /// The case's timeline.
    pub case: Case,
}

/// Reads a request and resolves it against the snapshot.
///
/// # Errors
/// `unknown_calendar`, a datetime that does not read (`bad_datetime`,
/// `impossible_datetime`), too many pauses, and the resolver's errors
/// (`unknown_procedure`, `no_version_in_force`, `unknown_variant`, `case_required`),
/// each naming the request field at fault.
pub fn prepare<'s>(
    snap: &'s Snapshot,
    req: &DeadlineRequest,
) -> Result<Prepared<'s>, ServiceError> {
    prepare_in(&snap.catalogue, &snap.calendars, req)
}

/// [`prepare`] against a catalogue and calendars held apart from a snapshot.
pub fn prepare_in<'s>(
    catalogue: &'s Catalogue,
    calendars: &'s Calendars,
    req: &DeadlineRequest,
) -> Result<Prepared<'s>, ServiceError> {
    let calendar = calendars
        .get(req.calendar.as_deref().unwrap_or(DEFAULT_CALENDAR))
        .map_err(|e| ServiceError::calendar(&e, "calendar"))?;
    let offset = calendar.index().offset();
    let case = case::timeline(
        &req.received_at,
        req.restarted_at.as_deref(),
        req.pauses.as_deref().unwrap_or_default(),
        offset,
    )?;
    let local_date = case.received_at.with_timezone(&offset).date_naive();
    let resolved = deadline::resolve(
        catalogue,
        &req.procedure,
        local_date,
        req.variant.as_deref(),
    )
    .map_err(|e| ServiceError::from(&e))?;
    Ok(Prepared {
        calendar,
        resolved,
        case,
    })
}

/// The catalogue a snapshot serves, as answers name it.
pub fn catalogue_out(snap: &Snapshot) -> CatalogueOut {
    CatalogueOut {
        origin: match snap.origin {
            Origin::Bundled => "bundled",
            Origin::Folder(_) => "folder",
            Origin::Files => "files",
        }
        .into(),
        version: snap.version.clone(),
    }
}

/// The due-time convention a request asks for, else the calendar's.
pub fn convention(asked: Option<DueTimeIn>, calendar: &WorkingCalendar) -> DueTimeConvention {
    match asked {
        Some(DueTimeIn::KeepClockTime) => DueTimeConvention::KeepClockTime,
        Some(DueTimeIn::EndOfDay) => DueTimeConvention::EndOfDay,
        None => calendar.config().due_time,
    }
}

/// The due times of a prepared request, with the request's due-time convention.
pub fn due_of<'p>(req: &DeadlineRequest, p: &'p Prepared<'_>) -> Result<Due<'p>, ServiceError> {
    deadline::compute_due_with(
        p.calendar,
        &p.resolved.plan,
        &p.case,
        convention(req.due_time, p.calendar),
    )
    .map_err(|e| ServiceError::deadline(&e, None))
}

/// The engine's explanation of computed due times.
pub fn explain_due(p: &Prepared<'_>, due: &Due<'_>) -> Result<deadline::Explanation, ServiceError> {
    deadline::explain(p.calendar, &p.resolved.plan, &p.case, due)
        .map_err(|e| ServiceError::deadline(&e, None))
}

/// The answer to a prepared request whose due times are computed, with the explanation
/// `facts` when given.
pub fn respond(
    snap: &Snapshot,
    p: &Prepared<'_>,
    due: &Due<'_>,
    facts: Option<&deadline::Explanation>,
) -> DeadlineResponse {
    let version = version_summary(&snap.catalogue, p.resolved.version);
    let explanation =
        facts.map(|f| super::explain::to_json(f, p.resolved.version, version.source.clone()));
    DeadlineResponse {
        procedure: p.resolved.procedure.id.clone(),
        version,
        variant: p.resolved.variant.clone(),
        calendar: p.calendar.config().id.clone(),
        catalogue: catalogue_out(snap),
        received_at: p.case.received_at.to_rfc3339(),
        clock_started_at: due.clock_started_at.to_rfc3339(),
        due_at: due.due_at.to_rfc3339(),
        provisional: due.provisional,
        uncertain_days: due.uncertain_days.iter().map(|d| d.to_string()).collect(),
        steps: due
            .steps
            .iter()
            .map(|s| StepDueOut {
                id: s.id.to_string(),
                name: s.name.to_string(),
                role: s.role.to_string(),
                due_at: s.due_at.to_rfc3339(),
            })
            .collect(),
        explanation,
    }
}

/// The appointment and each step's due time for a case: what `POST /v1/deadlines`
/// answers.
///
/// ```
/// use tthc::service::{self, DeadlineRequest};
/// let snap = service::Snapshot::bundled().unwrap();
/// // B.16, 3 working days from Friday 24/01/2025 10:00: Tết Ất Tỵ is skipped.
/// let req = DeadlineRequest::new("cap-giay-xac-nhan-tinh-trang-hon-nhan", "2025-01-24 10:00");
/// let answer = service::deadlines::compute(&snap, &req).unwrap();
/// assert_eq!(answer.due_at, "2025-02-05T10:00:00+07:00");
/// // The national code names the same procedure.
/// let by_code = DeadlineRequest::new("1.001193", "2025-03-04 09:00");
/// assert_eq!(service::deadlines::compute(&snap, &by_code).unwrap().procedure, "dang-ky-khai-sinh");
/// ```
///
/// # Errors
/// Those of [`prepare`], and the engine's (a pause that runs backwards, a date outside
/// the calendar's years...).
pub fn compute(snap: &Snapshot, req: &DeadlineRequest) -> Result<DeadlineResponse, ServiceError> {
    let p = prepare(snap, req)?;
    let due = due_of(req, &p)?;
    let facts = match req.explain {
        Some(true) => Some(explain_due(&p, &due)?),
        _ => None,
    };
    Ok(respond(snap, &p, &due, facts.as_ref()))
}

/// The moment a status question is asked at: `at` for an open case, `completed_at` for
/// a finished one. The rule the schema states with a `oneOf`: exactly one is given.
///
/// # Errors
/// `invalid_field` when neither or both are given.
pub fn moment(req: &StatusRequest) -> Result<(&str, bool), ServiceError> {
    match (&req.at, &req.completed_at) {
        (Some(at), None) => Ok((at, false)),
        (None, Some(done)) => Ok((done, true)),
        _ => Err(ServiceError::invalid(
            "at",
            "give exactly one of `at` (open case) and `completed_at` (finished case)",
            "chỉ ghi một trong hai: `at` (hồ sơ đang xử lý) hoặc `completed_at` (hồ sơ đã giải quyết)",
        )),
    }
}

/// A status question answered: the engine's report (for front ends that word it
/// themselves) and the answer as `POST /v1/status` gives it.
#[derive(Debug)]
pub struct StatusAnswer {
    /// The engine's report.
    pub report: StatusReport,
    /// The moment looked at.
    pub as_of: DateTime<FixedOffset>,
    /// The answer.
    pub response: StatusResponse,
}

/// The status of a prepared case whose due times are computed, with the explanation
/// `facts` when given: the deadline is computed once and the status measured against it.
pub fn status_with(
    snap: &Snapshot,
    req: &StatusRequest,
    p: &Prepared<'_>,
    due: &Due<'_>,
    facts: Option<&deadline::Explanation>,
) -> Result<StatusAnswer, ServiceError> {
    let offset = p.calendar.index().offset();
    let threshold = req
        .due_soon_minutes
        .unwrap_or(deadline::DEFAULT_DUE_SOON_MINUTES);
    if threshold < 0 {
        return Err(ServiceError::invalid(
            "due_soon_minutes",
            "due_soon_minutes cannot be negative",
            "due_soon_minutes không được âm",
        ));
    }
    let (text, completed) = moment(req)?;
    let field = if completed { "completed_at" } else { "at" };
    let as_of = case::datetime(field, text, offset)?;
    let deadline = respond(snap, p, due, facts);
    let (calendar, plan) = (p.calendar, &p.resolved.plan);
    let report = match completed {
        true => deadline::status_completed_due(calendar, plan, &p.case, due, as_of),
        false => deadline::status_at_due(calendar, plan, &p.case, due, as_of, threshold),
    }
    .map_err(|e| ServiceError::deadline(&e, Some(field)))?;
    let per_day = calendar.index().minutes_per_day();
    let line = report.line(per_day);
    let current_step = match report.status {
        Status::NotDue | Status::DueSoon => due
            .steps
            .iter()
            .find(|s| s.due_at >= as_of)
            .map(|s| s.id.to_string()),
        _ => None,
    };
    let response = StatusResponse {
        procedure: deadline.procedure.clone(),
        version: deadline.version.clone(),
        status: report.status.code().to_string(),
        status_vi: report.status.label().vi,
        status_en: report.status.label().en,
        due_at: report.due_at.to_rfc3339(),
        as_of: as_of.to_rfc3339(),
        working_minutes: report.working_minutes,
        working_time_vi: report.working_time_vi.clone(),
        working_time_en: words::working_time(report.working_minutes, per_day).en,
        label_vi: line.vi,
        label_en: line.en,
        current_step,
        provisional: report.provisional,
        uncertain_days: report
            .uncertain_days
            .iter()
            .map(|d| d.to_string())
            .collect(),
        deadline,
    };
    Ok(StatusAnswer {
        report,
        as_of,
        response,
    })
}

/// The status of a case at a moment or at completion: what `POST /v1/status` answers.
///
/// ```
/// use tthc::service::{self, DeadlineRequest, StatusRequest};
/// let snap = service::Snapshot::bundled().unwrap();
/// let req = StatusRequest {
///     case: DeadlineRequest::new("cap-giay-xac-nhan-tinh-trang-hon-nhan", "2025-03-03 07:30"),
///     at: None,
///     completed_at: Some("2025-03-06 08:00".into()),
///     due_soon_minutes: None,
/// };
/// // Due Thursday 06/03/2025 07:30 (3 working days): half an hour late.
/// let answer = service::deadlines::status(&snap, &req).unwrap();
/// assert_eq!((answer.status.as_str(), answer.working_minutes), ("late", 30));
/// ```
///
/// # Errors
/// Those of [`compute`], a missing or doubled moment, a moment that does not read, a
/// negative `due_soon_minutes`, a moment before the receipt.
pub fn status(snap: &Snapshot, req: &StatusRequest) -> Result<StatusResponse, ServiceError> {
    let p = prepare(snap, &req.case)?;
    let due = due_of(&req.case, &p)?;
    let facts = match req.case.explain {
        Some(true) => Some(explain_due(&p, &due)?),
        _ => None,
    };
    Ok(status_with(snap, req, &p, &due, facts.as_ref())?.response)
}
