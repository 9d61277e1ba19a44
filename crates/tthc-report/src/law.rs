//! The law's side of a case record: which procedure and version it is, its due time by
//! the deadline engine, whether it finished early, on time or late, and, when a portal's
//! own due time disagrees, the most likely reason. Plain Rust over the `tthc` engine; the
//! SQL functions in [`crate::functions`] and the generator call it.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::collections::HashMap;
use tthc::calendar::{DayKind, WorkingCalendar};
use tthc::deadline::bulk::{self, CompiledPlan, Engine, Unit};
use tthc::deadline::{self, Case, Pause, Plan, ResolveError, Status};
use tthc::model::{Catalogue, Cutoff};
use tthc::text::{Text, words};

/// Seconds since 1970-01-01T00:00:00Z (the generator's times).
pub type Seconds = i64;

/// Nanoseconds since 1970-01-01T00:00:00Z: how the report holds case times, so that
/// fractions of a second count as the engine counts them ([`tthc::deadline::bulk`]).
pub type Nanos = i64;

/// Nanoseconds in a second.
pub const NS: i64 = 1_000_000_000;

/// The schedules of one procedure version: the ordinary case and each named case, as
/// positions in [`Law`]'s plan table.
#[derive(Debug)]
struct VersionPlans {
    ordinary: Option<u32>,
    named: Vec<(String, u32)>,
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
    versions: Vec<Vec<VersionPlans>>,
    /// Every plan of every version and case.
    plans: Vec<Plan>,
    /// The same, compiled for the bulk engine; with the cutoff removed (how a system that
    /// ignores it counts); with the calendar's cutoff applied to a count it does not reach
    /// (how a system that applies it to every count counts).
    compiled: Vec<CompiledPlan>,
    no_cutoff: Vec<CompiledPlan>,
    every_count_cutoff: Vec<CompiledPlan>,
    /// The version each plan belongs to, numbered as in [`Law::version_number`].
    plan_version: Vec<u32>,
    /// `days_off_before[i]`: days off with a name (holidays, days off in lieu) among the
    /// first `i` days of the horizon.
    days_off_before: Vec<u32>,
    horizon_first_day: i64,
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
    /// The portal applied the calendar's cutoff to a count it does not reach (a count of
    /// days, when the cutoff reaches same-day counts only), starting the count on the next
    /// working day.
    CutoffBeyondReach,
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
    /// `cutoff_beyond_reach`, `working_saturday_ignored`, `days_off_counted`,
    /// `unexplained`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::RestartIgnored => "restart_ignored",
            Reason::CutoffIgnored => "cutoff_ignored",
            Reason::CutoffBeyondReach => "cutoff_beyond_reach",
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
            Reason::CutoffBeyondReach => Text::new(
                "the portal applied the daily cutoff to a count it does not reach and counted from the next working day; the law counts from the receipt",
                "cổng áp giờ tiếp nhận trong ngày cho thời hạn không thuộc phạm vi của nó nên tính từ ngày làm việc tiếp theo; theo quy định, thời hạn tính từ lúc nhận",
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
                "no known mistake (restart, cutoff, cutoff's reach, swapped Saturday, holiday) reproduces the portal's time",
                "không lỗi thường gặp nào (tính lại, giờ tiếp nhận, phạm vi của giờ tiếp nhận, ngày làm bù, ngày lễ) cho ra thời hạn của cổng",
            ),
        }
    }
}

/// The bulk engines on the law's calendar and on the same calendar without its working
/// Saturdays.
#[derive(Debug)]
pub struct Engines<'a> {
    /// The law's calendar.
    pub law: Engine<'a>,
    /// Without working Saturdays.
    pub naive: Engine<'a>,
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
        let mut all_versions = Vec::new();
        let mut plans: Vec<Plan> = Vec::new();
        let mut plan_version = Vec::new();
        let mut version_no = 0u32;
        for (i, p) in catalogue.procedures.iter().enumerate() {
            let i = i as u32;
            by_key.insert(p.id.clone(), i);
            let mut versions = Vec::new();
            for v in &p.versions {
                if let Some(code) = p.code_in(v) {
                    by_key.entry(code.to_string()).or_insert(i);
                }
                let mut add = |plan: Plan| {
                    plans.push(plan);
                    plan_version.push(version_no);
                    (plans.len() - 1) as u32
                };
                let ordinary = Plan::from_version(v, None).ok().map(&mut add);
                let named = v
                    .variants
                    .iter()
                    .filter_map(|d| {
                        Some((d.id.clone(), add(Plan::from_version(v, Some(&d.id)).ok()?)))
                    })
                    .collect();
                versions.push(VersionPlans { ordinary, named });
                version_no += 1;
            }
            all_versions.push(versions);
        }
        let engine = Engine::new(&calendar, Unit::Nanos);
        let compiled = plans.iter().map(|p| engine.compile(p)).collect();
        let no_cutoff = plans
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.cutoff.case_own = Some(Cutoff::None);
                engine.compile(&p)
            })
            .collect();
        let every_count_cutoff = plans
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if let Some(t) = p.cutoff_in(calendar.config()).out_of_reach {
                    p.cutoff.case_own = Some(Cutoff::At(t));
                }
                engine.compile(&p)
            })
            .collect();
        let h = calendar.config().horizon;
        let first = NaiveDate::from_ymd_opt(h.from, 1, 1).unwrap_or(NaiveDate::MIN);
        let horizon_first_day = tthc::calendar::index::epoch_day(first);
        let mut days_off_before = vec![0u32];
        let mut d = first;
        let index = calendar.index();
        while let Ok(working) = index.is_working_day(d) {
            let marked = !working
                && calendar
                    .marks_for_year(chrono::Datelike::year(&d))
                    .is_ok_and(|m| m.binary_search_by_key(&d, |m| m.date).is_ok());
            let last = *days_off_before.last().unwrap_or(&0);
            days_off_before.push(last + u32::from(marked));
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
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
            versions: all_versions,
            plans,
            compiled,
            no_cutoff,
            every_count_cutoff,
            plan_version,
            days_off_before,
            horizon_first_day,
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

    /// The first instant the calendar covers and the instant after the last, in
    /// nanoseconds (local midnights).
    pub fn horizon_ns(&self) -> (Nanos, Nanos) {
        let (first, last) = self.horizon();
        let midnight = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_utc().timestamp_nanos_opt())
                .map_or(i64::MAX, |t| {
                    t - i64::from(self.offset.local_minus_utc()) * NS
                })
        };
        (midnight(first), last.succ_opt().map_or(i64::MAX, midnight))
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
        let plans = &self.versions[p as usize][v];
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

    /// The version of procedure `p` in force on day `day` (days since 1970-01-01).
    pub fn version_on(&self, p: u32, day: i64) -> Option<u32> {
        let proc = self.catalogue.procedures.get(p as usize)?;
        let date = tthc::calendar::index::date_of_epoch(day);
        proc.versions
            .iter()
            .position(|v| v.in_force_on(date))
            .map(|v| v as u32)
    }

    /// The plan of a case of version `v` of procedure `p` (`None` for the ordinary one),
    /// when the version has it.
    pub fn case_plan(&self, p: u32, v: u32, variant: Option<&str>) -> Option<u32> {
        let plans = self.versions.get(p as usize)?.get(v as usize)?;
        match variant {
            None => plans.ordinary,
            Some(name) => plans
                .named
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| *id),
        }
    }

    /// The procedure and version (catalogue positions) of a version number.
    pub fn version_of(&self, number: u32) -> Option<(usize, usize)> {
        let n = number as i32;
        let p = self
            .first_version
            .partition_point(|&f| f <= n)
            .checked_sub(1)?;
        let v = (n - self.first_version[p]) as usize;
        (v < self.catalogue.procedures[p].versions.len()).then_some((p, v))
    }

    /// The number of a version in `tthc_versions`: versions numbered in catalogue order.
    pub fn version_number(&self, procedure: &str, received: Seconds) -> Option<i32> {
        let i = self.procedure_index(procedure)? as usize;
        let p = &self.catalogue.procedures[i];
        let day = self.local(received).date_naive();
        let v = p.versions.iter().position(|v| v.in_force_on(day))?;
        Some(self.first_version[i] + v as i32)
    }

    /// The position of a resolved case's plan in the plan table ([`Law::compiled`]).
    pub fn plan_id(&self, r: Resolved) -> u32 {
        let plans = &self.versions[r.procedure as usize][r.version as usize];
        match r.case {
            0 => plans.ordinary.expect("resolved to the ordinary case"),
            n => plans.named[n as usize - 1].1,
        }
    }

    fn plan(&self, r: Resolved) -> &Plan {
        &self.plans[self.plan_id(r) as usize]
    }

    /// A plan of the table.
    pub fn plan_of(&self, id: u32) -> &Plan {
        &self.plans[id as usize]
    }

    /// Every plan, compiled for the bulk engine on the law's calendar.
    pub fn compiled(&self) -> &[CompiledPlan] {
        &self.compiled
    }

    /// The version number ([`Law::version_number`]) of a plan of the table.
    pub fn plan_version(&self, plan: u32) -> u32 {
        self.plan_version[plan as usize]
    }

    /// How many versions the catalogue has.
    pub fn version_count(&self) -> usize {
        self.first_version
            .last()
            .zip(self.catalogue.procedures.last())
            .map_or(0, |(f, p)| *f as usize + p.versions.len())
    }

    /// The bulk engine on the law's calendar, times in nanoseconds.
    pub fn engine(&self) -> Engine<'_> {
        Engine::new(&self.calendar, Unit::Nanos)
    }

    /// Why a portal's due time `portal` differs from the law's `law` for a case with
    /// this plan and these facts (times in nanoseconds, [`bulk::NULL`] for none): the
    /// bulk form of [`Law::discrepancy`], without the words. `None` when they agree to
    /// the minute.
    #[allow(clippy::too_many_arguments)]
    pub fn discrepancy_code(
        &self,
        engines: &Engines<'_>,
        plan: u32,
        received: Nanos,
        restarted: Nanos,
        pauses: &[(Nanos, Nanos)],
        portal: Nanos,
        law: Nanos,
    ) -> Option<&'static str> {
        let minute = |t: Nanos| t.div_euclid(60 * NS);
        if minute(portal) == minute(law) {
            return None;
        }
        let same = |d: Result<Nanos, bulk::Problem>| d.is_ok_and(|d| minute(d) == minute(portal));
        let p = plan as usize;
        if restarted != bulk::NULL
            && same(
                engines
                    .law
                    .due_of(&self.compiled[p], received, bulk::NULL, pauses),
            )
        {
            return Some("restart_ignored");
        }
        if same(
            engines
                .law
                .due_of(&self.no_cutoff[p], received, restarted, pauses),
        ) {
            return Some("cutoff_ignored");
        }
        if same(
            engines
                .law
                .due_of(&self.every_count_cutoff[p], received, restarted, pauses),
        ) {
            return Some("cutoff_beyond_reach");
        }
        if same(
            engines
                .naive
                .due_of(&self.compiled[p], received, restarted, pauses),
        ) {
            return Some("working_saturday_ignored");
        }
        if portal < law {
            let start = if restarted == bulk::NULL {
                received
            } else {
                restarted
            };
            let day = |t: Nanos| {
                (t.div_euclid(NS) + i64::from(self.offset.local_minus_utc())).div_euclid(86_400)
            };
            let at = |d: i64| {
                let i =
                    (d - self.horizon_first_day).clamp(0, self.days_off_before.len() as i64 - 1);
                self.days_off_before[i as usize]
            };
            // Days off with a name from the day the count runs from to the day before the
            // law's due date: those the portal counted as working days.
            if at(day(law)) > at(day(start)) {
                return Some("days_off_counted");
            }
        }
        Some("unexplained")
    }

    /// The bulk engines [`Law::discrepancy_code`] needs.
    pub fn engines(&self) -> Engines<'_> {
        Engines {
            law: Engine::new(&self.calendar, Unit::Nanos),
            naive: Engine::new(&self.naive, Unit::Nanos),
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

    /// `ns` as a local date-time, to the nanosecond.
    pub fn local_ns(&self, ns: Nanos) -> DateTime<FixedOffset> {
        self.offset
            .timestamp_opt(ns.div_euclid(NS), ns.rem_euclid(NS) as u32)
            .single()
            .unwrap_or_else(|| self.offset.timestamp_opt(0, 0).unwrap())
    }

    /// A case with times in nanoseconds ([`bulk::NULL`] for no restart).
    pub fn case_ns(&self, received: Nanos, restarted: Nanos, pauses: &[(Nanos, Nanos)]) -> Case {
        Case {
            received_at: self.local_ns(received),
            restarted_at: (restarted != bulk::NULL).then(|| self.local_ns(restarted)),
            pauses: pauses
                .iter()
                .map(|&(f, t)| Pause {
                    from: self.local_ns(f),
                    to: self.local_ns(t),
                })
                .collect(),
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

    /// The reason [`Law::discrepancy_code`] gave (`code`), with the days it names: the
    /// swapped Saturdays between the start of the count and the later of the two due
    /// times, or the named days off the law's count skipped before the portal's date.
    pub fn reason(
        &self,
        code: &str,
        plan: u32,
        case: &Case,
        portal: DateTime<FixedOffset>,
        law: DateTime<FixedOffset>,
    ) -> Reason {
        let day = |t: DateTime<FixedOffset>| t.with_timezone(&self.offset).date_naive();
        let start = day(case.restarted_at.unwrap_or(case.received_at));
        let end = day(law.max(portal));
        match code {
            "restart_ignored" => Reason::RestartIgnored,
            "cutoff_ignored" => Reason::CutoffIgnored,
            "cutoff_beyond_reach" => Reason::CutoffBeyondReach,
            "working_saturday_ignored" => Reason::WorkingSaturdayIgnored(
                self.working_weekends
                    .iter()
                    .copied()
                    .filter(|d| (start..=end).contains(d))
                    .collect(),
            ),
            "days_off_counted" => {
                let plan = &self.plans[plan as usize];
                let off = deadline::compute_due(&self.calendar, plan, case)
                    .and_then(|due| deadline::explain(&self.calendar, plan, case, &due))
                    .map(|why| {
                        why.days_off()
                            .filter(|d| d.date <= day(portal) || d.date < end)
                            .map(|d| (d.date, d.name.clone().unwrap_or_default()))
                            .collect()
                    })
                    .unwrap_or_default();
                Reason::DaysOffCounted(off)
            }
            _ => Reason::Unexplained,
        }
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
