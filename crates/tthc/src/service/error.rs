//! Why the service could not answer a question about a case or a procedure.
//!
//! Each failure below the service (the resolver, the engine, the calendar, a datetime
//! that does not read) already words itself once, with its stable code, in both
//! languages. A [`ServiceError`] carries that wording unchanged, adds which input field
//! it concerns and what kind of failure it is, and nothing else: the command line prints
//! it, the server turns it into a problem document (its HTTP status from [`Kind`]), the
//! Python module raises it, and the case reports list it beside a rejected row.

use crate::calendar::{CalendarError, OutOfHorizon};
use crate::datetime::DatetimeError;
use crate::deadline::{DeadlineError, ResolveError};
use crate::text::{Lang, Text};

/// What kind of failure an error is, for front ends that map kinds to their own
/// vocabulary (HTTP statuses, exception classes, exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something named does not exist: a procedure, a calendar, a version on a date
    /// asked for directly.
    NotFound,
    /// An input cannot be used as given: an unreadable date, a pause that runs
    /// backwards, a case the version does not have.
    Invalid,
    /// An input is larger than the service accepts (too many pauses or cases).
    TooLarge,
}

/// A failure of the service: a stable code, the input field at fault, and the message
/// in both languages.
///
/// ```
/// use tthc::service::{self, DeadlineRequest, Kind};
/// let snap = service::Snapshot::bundled().unwrap();
/// let req = DeadlineRequest::new("dang-ky-khai-sihn", "2025-03-04 09:00");
/// let e = service::deadlines::compute(&snap, &req).unwrap_err();
/// assert_eq!((e.kind, e.code, e.field.as_deref()), (Kind::NotFound, "unknown_procedure", Some("procedure")));
/// assert!(e.text.en.contains("did you mean `dang-ky-khai-sinh`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// The kind of failure.
    pub kind: Kind,
    /// The stable machine-readable code, e.g. `unknown_procedure`, `bad_datetime`.
    pub code: &'static str,
    /// The input field at fault, as a JSON path (`received_at`, `pauses[1].to`), when
    /// one is.
    pub field: Option<String>,
    /// What went wrong, in both languages.
    pub text: Text,
}

impl ServiceError {
    /// An error of `kind` with `code`, about `field`.
    pub fn new(kind: Kind, code: &'static str, field: Option<&str>, text: Text) -> ServiceError {
        ServiceError {
            kind,
            code,
            field: field.map(str::to_string),
            text,
        }
    }

    /// A field whose value cannot be used (`invalid_field`).
    pub fn invalid(field: &str, en: impl Into<String>, vi: impl Into<String>) -> ServiceError {
        ServiceError::new(
            Kind::Invalid,
            "invalid_field",
            Some(field),
            Text::new(en, vi),
        )
    }

    /// A datetime `input` of `field` that does not read.
    pub fn datetime(field: &str, input: &str, e: DatetimeError) -> ServiceError {
        ServiceError::new(Kind::Invalid, e.code(), Some(field), e.text(input))
    }

    /// The same error about a field nested under `prefix` (`cases[3]` + `received_at` →
    /// `cases[3].received_at`), as a batch reports each case's errors.
    pub fn in_field(mut self, prefix: &str) -> ServiceError {
        self.field = Some(match self.field {
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_string(),
        });
        self
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// An engine error, about `field` when the caller knows better than the error
    /// itself (the moment `at` or `completed_at` of a status question).
    pub fn deadline(e: &DeadlineError, field: Option<&str>) -> ServiceError {
        let field = field.or(match e {
            DeadlineError::OutOfHorizon(_) => Some("received_at"),
            DeadlineError::BackwardsPause { .. }
            | DeadlineError::OverlappingPauses { .. }
            | DeadlineError::PauseBeforeClockStart { .. } => Some("pauses"),
            DeadlineError::RestartBeforeReceipt => Some("restarted_at"),
            DeadlineError::BeforeReceipt { .. } => Some("at"),
            DeadlineError::CompletedBeforeReceipt { .. } => Some("completed_at"),
            DeadlineError::AllotmentTooLarge => None,
        });
        ServiceError::new(Kind::Invalid, e.code(), field, e.text())
    }

    /// A calendar's failure to answer, about `field`.
    pub fn calendar(e: &CalendarError, field: &str) -> ServiceError {
        match e {
            CalendarError::UnknownCalendar(_) => {
                ServiceError::new(Kind::NotFound, e.code(), Some("calendar"), e.text())
            }
            CalendarError::OutOfHorizon { date, from, to } => ServiceError::deadline(
                &DeadlineError::OutOfHorizon(OutOfHorizon {
                    date: *date,
                    from: *from,
                    to: *to,
                }),
                Some(field),
            ),
            // A calendar that loaded cannot fail otherwise; should it, the calendar's own
            // words say why.
            other => ServiceError::new(Kind::Invalid, "calendar_error", Some(field), other.text()),
        }
    }
}

impl From<&ResolveError> for ServiceError {
    fn from(e: &ResolveError) -> ServiceError {
        let (kind, field) = match e {
            ResolveError::UnknownProcedure { .. } => (Kind::NotFound, "procedure"),
            ResolveError::NoVersionInForce { .. } => (Kind::Invalid, "received_at"),
            ResolveError::UnknownVariant { .. } | ResolveError::CaseRequired { .. } => {
                (Kind::Invalid, "variant")
            }
        };
        ServiceError::new(kind, e.code(), Some(field), e.text())
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for ServiceError {}
