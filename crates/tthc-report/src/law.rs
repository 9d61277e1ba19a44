//! The law's side of a case record: which procedure and version it is, its due time by
//! the deadline engine, whether it finished early, on time or late, and, when a portal's
//! own due time disagrees, the most likely reason. Plain Rust over the `tthc` engine; the
//! SQL functions in [`crate::functions`] and the generator call it.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::collections::HashMap;
use tthc::calendar::{DayKind, WorkingCalendar};
use tthc::deadline::{self, Case, Plan, ResolveError, Status};
use tthc::model::{Catalogue, Cutoff};
use tthc::text::{Text, words};

/// Seconds since 1970-01-01T00:00:00Z: how case times travel through Arrow.
pub type Seconds = i64;

/// The schedules of one procedure version: the ordinary case and each named case.
#[derive(Debug)]
struct VersionPlans {
    ordinary: Option<Plan>,
    named: Vec<(String, Plan)>,
}

/// A procedure and the version of it a case falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// Index of the procedure in the catalogue.
    pub procedure: u32,
    /// Index of the version in the procedure.
    pub version: u32,
    /// Index of the case: 0 the ordinary case, `n` the n-th named case.
    pub case: u32,
}

/// The catalogue and calendar the report measures against, indexed for per-row use: every
/// plan of every version and case is built once, and a row costs a hash lookup and the
/// engine's due computation.
#[derive(Debug)]
pub struct Law {
    catalogue: Catalogue,
    calendar: WorkingCalendar,
    /// The same calendar without its working Saturdays: how a system that never heard of
    /// a swapped day counts.
    naive: WorkingCalendar,
    working_weekends: Vec<NaiveDate>,
    by_key: HashMap<String, u32>,
    plans: Vec<Vec<VersionPlans>>,
    /// The number of each procedure's first version (see [`Law::version_number`]).
    first_version: Vec<i32>,
    offset: FixedOffset,
}

/// Why a portal's due time differs from the law's, as far as the engine can tell: each
/// reason is tried in this order and the first that reproduces the portal's time wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The portal counted from the first receipt although the file was supplemented and
    /// the count restarted.
    RestartIgnored,
    /// The portal counted from a receipt after the cutoff as if it were before it.
    CutoffIgnored,
    /// The portal treated a Saturday declared a working day as a day off.
    WorkingSaturdayIgnored(Vec<NaiveDate>),
    /// The portal's date is earlier and the law's count skipped these days off
    /// (holidays, days off in lieu): the portal counted them as working days.
    DaysOffCounted(Vec<(NaiveDate, String)>),
    /// None of the above reproduces the portal's time.
    Unexplained,
}

impl Reason {
    /// The stable machine-readable code: `restart_ignored`, `cutoff_ignored`,
    /// `working_saturday_ignored`, `days_off_counted`, `unexplained`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::RestartIgnored => "restart_ignored",
            Reason::CutoffIgnored => "cutoff_ignored",
            Reason::WorkingSaturdayIgnored(_) => "working_saturday_ignored",
            Reason::DaysOffCounted(_) => "days_off_counted",
            Reason::Unexplained => "unexplained",
        }
    }

    /// The reason in words, in both languages.
    pub fn text(&self) -> Text {
        let dates = |ds: &mut dyn Iterator<Item = NaiveDate>| -> Text {
            let (en, vi): (Vec<String>, Vec<String>) = ds
                .map(|d| {
                    let w = words::date(d);
                    (w.en, w.vi)
                })
                .unzip();
            Text::new(words::list(&en).en, words::list(&vi).vi)
        };
        match self {
            Reason::RestartIgnored => Text::new(
                "the portal counted from the first receipt; the law counts again from the supplemented file",
                "cổng tính từ lần tiếp nhận đầu; theo quy định, thời hạn tính lại từ khi nhận đủ hồ sơ bổ sung",
            ),
            Reason::CutoffIgnored => Text::new(
                "the file came after the cutoff, so the law counts from the next working day; the portal counted from the receipt",
                "hồ sơ nhận sau giờ tiếp nhận trong ngày nên thời hạn tính từ ngày làm việc tiếp theo; cổng tính từ lúc nhận",
            ),
            Reason::WorkingSaturdayIgnored(ds) => {
                let d = dates(&mut ds.iter().copied());
                Text::new(
                    format!(
                        "the portal treated {} as a day off; it was a working day (swapped)",
                        d.en
                    ),
                    format!(
                        "cổng coi {} là ngày nghỉ; đó là ngày làm việc (làm bù)",
                        d.vi
                    ),
                )
            }
            Reason::DaysOffCounted(ds) => {
                let d = dates(&mut ds.iter().map(|(d, _)| *d));
                let mut names: Vec<&str> = ds.iter().map(|(_, n)| n.as_str()).collect();
                names.dedup();
                let names = names.join(", ");
                Text::new(
                    format!(
                        "the portal counted days off as working days: {} ({names})",
                        d.en
                    ),
                    format!(
                        "cổng tính cả ngày nghỉ là ngày làm việc: {} ({names})",
                        d.vi
                    ),
                )
            }
            Reason::Unexplained => Text::new(
                "no known mistake (restart, cutoff, swapped Saturday, holiday) reproduces the portal's time",
                "không lỗi thường gặp nào (tính lại, giờ tiếp nhận, ngày làm bù, ngày lễ) cho ra thời hạn của cổng",
            ),
        }
    }
}

/// A due computation that failed for a row that resolved: a date outside the calendar's
/// horizon, or a restart before the receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueError(pub Text);

impl Law {
    /// Indexes `catalogue` against `calendar`.
    pub fn new(catalogue: Catalogue, calendar: WorkingCalendar) -> Result<Law, String> {
        let marks: Vec<_> = calendar
            .announced_marks()
            .into_iter()
            .filter(|m| m.kind != DayKind::WorkingDay)
            .collect();
        let naive = WorkingCalendar::build(
            "(without working Saturdays)",
            calendar.config().clone(),
            marks,
        )
        .map_err(|e| e.to_string())?;
        let mut working_weekends: Vec<NaiveDate> = calendar
            .announced_marks()
            .into_iter()
            .filter(|m| m.kind == DayKind::WorkingDay)
            .map(|m| m.date)
            .collect();
        working_weekends.sort();
        let mut by_key = HashMap::new();
        let mut plans = Vec::new();
        for (i, p) in catalogue.procedures.iter().enumerate() {
            let i = i as u32;
            by_key.insert(p.id.clone(), i);
            let mut versions = Vec::new();
            for v in &p.versions {
                if let Some(code) = p.code_in(v) {
                    by_key.entry(code.to_string()).or_insert(i);
                }
                let ordinary = Plan::from_version(v, None).ok();
                let named = v
                    .variants
                    .iter()
                    .filter_map(|d| Some((d.id.clone(), Plan::from_version(v, Some(&d.id)).ok()?)))
                    .collect();
                versions.push(VersionPlans { ordinary, named });
            }
            plans.push(versions);
        }
        let first_version = catalogue
            .procedures
            .iter()
            .scan(0i32, |n, p| {
                let first = *n;
                *n += p.versions.len() as i32;
                Some(first)
            })
            .collect();
        let offset = calendar.index().offset();
        Ok(Law {
            first_version,
            catalogue,
            calendar,
            naive,
            working_weekends,
            by_key,
            plans,
            offset,
        })
    }

    /// The catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The calendar.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// The calendar's time zone (Vietnam: +07:00).
    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// `secs` as a local date-time.
    pub fn local(&self, secs: Seconds) -> DateTime<FixedOffset> {
        self.offset
            .timestamp_opt(secs, 0)
            .single()
            .unwrap_or_else(|| {
                // Out of chrono's range: the readers reject such times, so this is unreachable.
                self.offset.timestamp_opt(0, 0).unwrap()
            })
    }

    /// The first and last day the calendar can count.
    pub fn horizon(&self) -> (NaiveDate, NaiveDate) {
        let h = self.calendar.config().horizon;
        (
            NaiveDate::from_ymd_opt(h.from, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(h.to, 12, 31).unwrap_or(NaiveDate::MAX),
        )
    }

    /// The procedure with this catalogue id or national code.
    pub fn procedure_index(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// The procedure, version and case a record received on `received` falls under.
    pub fn resolve(
        &self,
        key: &str,
        received: NaiveDate,
        variant: Option<&str>,
    ) -> Result<Resolved, ResolveError> {
        let Some(p) = self.procedure_index(key) else {
            return Err(engine_error(
                deadline::resolve::find_procedure(&self.catalogue, key).err(),
                key,
            ));
        };
        let proc = &self.catalogue.procedures[p as usize];
        let Some(v) = proc.versions.iter().position(|v| v.in_force_on(received)) else {
            let e = deadline::resolve(&self.catalogue, &proc.id, received, variant).err();
            return Err(engine_error(e, key));
        };
        let plans = &self.plans[p as usize][v];
        let case = match variant {
            None if plans.ordinary.is_some() => Some(0),
            None => None,
            Some(name) => plans
                .named
                .iter()
                .position(|(n, _)| n == name)
                .map(|i| i as u32 + 1),
        };
        match case {
            Some(case) => Ok(Resolved {
                procedure: p,
                version: v as u32,
                case,
            }),
            // Let the engine's resolver word the error.
            None => Err(engine_error(
                deadline::resolve(&self.catalogue, &proc.id, received, variant).err(),
                key,
            )),
        }
    }

    /// The number of a version in `tthc_versions`: versions numbered in catalogue order.
    pub fn version_number(&self, procedure: &str, received: Seconds) -> Option<i32> {
        let i = self.procedure_index(procedure)? as usize;
        let p = &self.catalogue.procedures[i];
        let day = self.local(received).date_naive();
        let v = p.versions.iter().position(|v| v.in_force_on(day))?;
        Some(self.first_version[i] + v as i32)
    }

    fn plan(&self, r: Resolved) -> &Plan {
        let plans = &self.plans[r.procedure as usize][r.version as usize];
        match r.case {
            0 => plans
                .ordinary
                .as_ref()
                .expect("resolved to the ordinary case"),
            n => &plans.named[n as usize - 1].1,
        }
    }

    /// The catalogue id of a resolved procedure.
    pub fn procedure_id(&self, r: Resolved) -> &str {
        &self.catalogue.procedures[r.procedure as usize].id
    }

    fn case(&self, received: Seconds, restarted: Option<Seconds>) -> Case {
        Case {
            received_at: self.local(received),
            restarted_at: restarted.map(|s| self.local(s)),
            pauses: Vec::new(),
        }
    }

    fn due_on(
        &self,
        calendar: &WorkingCalendar,
        plan: &Plan,
        case: &Case,
    ) -> Result<Seconds, DueError> {
        deadline::compute_due(calendar, plan, case)
            .map(|d| d.due_at.timestamp())
            .map_err(|e| DueError(e.text()))
    }

    /// The law's due time of a case: the version in force on its receipt, its case, its
    /// restart, the official calendar.
    pub fn due(
        &self,
        r: Resolved,
        received: Seconds,
        restarted: Option<Seconds>,
    ) -> Result<Seconds, DueError> {
        self.due_on(
            &self.calendar,
            self.plan(r),
            &self.case(received, restarted),
        )
    }

    /// The due times a system gets when it makes each known mistake, in the order
    /// [`Reason`] lists them (`None` when the mistake makes no difference to this case).
    pub fn mistaken_dues(
        &self,
        r: Resolved,
        received: Seconds,
        restarted: Option<Seconds>,
    ) -> [Option<Seconds>; 3] {
        let plan = self.plan(r);
        let case = self.case(received, restarted);
        let law = self.due_on(&self.calendar, plan, &case).ok();
        let differs = |d: Option<Seconds>| d.filter(|d| Some(*d) != law);
        let no_restart = restarted.and_then(|_| {
            self.due_on(&self.calendar, plan, &self.case(received, None))
                .ok()
        });
        let mut no_cutoff_plan = plan.clone();
        no_cutoff_plan.cutoff.case_own = Some(Cutoff::None);
        let no_cutoff = self.due_on(&self.calendar, &no_cutoff_plan, &case).ok();
        let naive = self.due_on(&self.naive, plan, &case).ok();
        [differs(no_restart), differs(no_cutoff), differs(naive)]
    }

    /// Why `portal` differs from the law's due time `law` (`None` when they agree to the
    /// minute).
    pub fn discrepancy(
        &self,
        r: Resolved,
        received: Seconds,
        restarted: Option<Seconds>,
        portal: Seconds,
        law: Seconds,
    ) -> Option<Reason> {
        if portal.div_euclid(60) == law.div_euclid(60) {
            return None;
        }
        let [no_restart, no_cutoff, naive] = self.mistaken_dues(r, received, restarted);
        let same =
            |d: Option<Seconds>| d.is_some_and(|d| d.div_euclid(60) == portal.div_euclid(60));
        if same(no_restart) {
            return Some(Reason::RestartIgnored);
        }
        if same(no_cutoff) {
            return Some(Reason::CutoffIgnored);
        }
        let (start, end) = (
            self.local(restarted.unwrap_or(received)).date_naive(),
            self.local(law.max(portal)).date_naive(),
        );
        if same(naive) {
            let days = self
                .working_weekends
                .iter()
                .copied()
                .filter(|d| (start..=end).contains(d))
                .collect();
            return Some(Reason::WorkingSaturdayIgnored(days));
        }
        if portal < law {
            let plan = self.plan(r);
            let case = self.case(received, restarted);
            if let Ok(due) = deadline::compute_due(&self.calendar, plan, &case)
                && let Ok(why) = deadline::explain(&self.calendar, plan, &case, &due)
            {
                let portal_day = self.local(portal).date_naive();
                let off: Vec<(NaiveDate, String)> = why
                    .days_off()
                    .filter(|d| d.date <= portal_day || d.date < end)
                    .map(|d| (d.date, d.name.clone().unwrap_or_default()))
                    .collect();
                if !off.is_empty() {
                    return Some(Reason::DaysOffCounted(off));
                }
            }
        }
        Some(Reason::Unexplained)
    }

    /// Early, on time or late for a case finished at `completed`; not due or overdue for
    /// one still open at `at`.
    pub fn status(&self, due: Seconds, completed: Option<Seconds>, at: Seconds) -> Status {
        match completed {
            Some(c) => deadline::completion_status(&self.calendar, self.local(due), self.local(c)),
            None if at > due => Status::Overdue,
            None => Status::NotDue,
        }
    }
}

/// The engine's resolver words the errors; the index holds every id, code, version and
/// case it knows, so it always has one to give when the index has no answer.
fn engine_error(e: Option<ResolveError>, key: &str) -> ResolveError {
    e.unwrap_or_else(|| ResolveError::UnknownProcedure {
        id: key.to_string(),
        suggestion: None,
    })
}
