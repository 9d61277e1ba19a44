//! What the engine is asked to schedule, independent of how a procedure is written.

use crate::days::Days;
use chrono::{DateTime, FixedOffset};

/// The time given to a whole procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allotment {
    /// Trong ngày: due at the end of the working day of receipt (or the next one after the cutoff).
    SameDay,
    /// A number of working days, possibly fractional.
    Days(Days),
}

/// One step of the internal workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// Stable step id (`receive`, `appraise`…).
    pub id: String,
    /// Vietnamese name of the step.
    pub name: String,
    /// Who performs it.
    pub role: String,
    /// Its own working time; `None` = no time of its own (ends with the previous step).
    pub allotment: Option<Days>,
}

/// A procedure's schedule as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Steps in order.
    pub steps: Vec<PlanStep>,
    /// Time for the whole procedure.
    pub total: Allotment,
    /// What the procedure and its decision state about this count's cutoff; the engine
    /// resolves it against the calendar ([`Plan::cutoff_in`]).
    pub cutoff: crate::model::CutoffStatement,
    /// The case's time belongs to the procedure as a whole (`undivided`, or a total no
    /// step divides): no step has a share of it, and each is due when the procedure is.
    pub undivided: bool,
}

impl Plan {
    /// A plan with no steps and a total in working days.
    pub fn days(total: Days) -> Plan {
        Plan {
            steps: Vec::new(),
            total: Allotment::Days(total),
            cutoff: crate::model::CutoffStatement::default(),
            undivided: false,
        }
    }

    /// The cutoff applied to this count on `calendar`, and where it comes from.
    pub fn cutoff_in(
        &self,
        calendar: &crate::calendar::CalendarConfig,
    ) -> crate::model::AppliedCutoff {
        let mut statement = self.cutoff.clone();
        statement.same_day = self.total == Allotment::SameDay;
        statement.applied(calendar.cutoff, calendar.cutoff_reach)
    }
}

/// The clock is stopped between `from` and `to` (waiting for the citizen or another agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// When the clock stops.
    pub from: DateTime<FixedOffset>,
    /// When it resumes.
    pub to: DateTime<FixedOffset>,
}

/// The timeline of one filed application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// When the complete file was received.
    pub received_at: DateTime<FixedOffset>,
    /// When the supplemented file came back after a supplement request: the count starts
    /// again from here. Pauses that ended before it belong to the earlier count and are ignored.
    pub restarted_at: Option<DateTime<FixedOffset>>,
    /// Periods the clock is stopped, in any order, not overlapping.
    pub pauses: Vec<Pause>,
}

impl Case {
    /// A case received at `received_at`, with no pause and no restart.
    pub fn received(received_at: DateTime<FixedOffset>) -> Case {
        Case {
            received_at,
            restarted_at: None,
            pauses: Vec::new(),
        }
    }
}

/// Why a procedure version cannot be scheduled in the case asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The variant is not declared by this version; the known ones are listed.
    UnknownVariant {
        /// The variant asked for.
        variant: String,
        /// The variants the version declares.
        known: Vec<String>,
    },
    /// The version has no ordinary case and none was asked for; its cases are listed.
    CaseRequired {
        /// The cases the version has.
        known: Vec<String>,
    },
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::UnknownVariant { variant, known } => write!(
                f,
                "unknown variant `{variant}`; this procedure has: {}",
                known.join(", ")
            ),
            PlanError::CaseRequired { known } => write!(
                f,
                "this procedure has no ordinary case; choose one of: {}",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for PlanError {}

impl Plan {
    /// The schedule of a checked procedure version in a case: `None` is the ordinary
    /// case, `Some("verification")` or a declared variant its own times. A step or total
    /// without a time of its own in that case uses its ordinary time.
    pub fn from_version(
        version: &crate::model::Version,
        variant: Option<&str>,
    ) -> Result<Plan, PlanError> {
        if variant.is_none() && !version.has_ordinary_case() {
            return Err(PlanError::CaseRequired {
                known: version.variants.iter().map(|d| d.id.clone()).collect(),
            });
        }
        if let Some(v) = variant
            && !version.has_variant(v)
        {
            return Err(PlanError::UnknownVariant {
                variant: v.to_string(),
                known: version.variants.iter().map(|d| d.id.clone()).collect(),
            });
        }
        let amount = |a: Option<&crate::model::Placed<crate::model::Amount>>| a.map(|p| p.value);
        let total = match amount(version.total.for_variant(variant)) {
            Some(crate::model::Amount::Days(d)) => Allotment::Days(d),
            // A checked version always has a total; same day is the only other form.
            _ => Allotment::SameDay,
        };
        // A case the total keeps whole gives no step a share: not even the ordinary time
        // a step has, which belongs to the ordinary case.
        let undivided = version.is_undivided(variant);
        let steps: Vec<PlanStep> = version
            .steps
            .iter()
            .map(|s| PlanStep {
                id: s.id.clone(),
                name: s.name.clone(),
                role: s.role.clone(),
                allotment: match amount(s.timing.for_variant(variant)) {
                    Some(crate::model::Amount::Days(d)) if !undivided => Some(d),
                    _ => None,
                },
            })
            .collect();
        let undivided = undivided || steps.iter().all(|s| s.allotment.is_none());
        Ok(Plan {
            steps,
            total,
            cutoff: version.cutoff_statement(variant),
            undivided,
        })
    }
}
