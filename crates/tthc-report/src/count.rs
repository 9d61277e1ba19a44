//! The counting pass: each chunk's rows checked, their due times computed in bulk, each
//! case classified in each period of the report, and the classes tallied; the
//! discrepancies found on the way are counted and the first ones kept to list. One pass
//! over the files gives everything the report shows.
//!
//! A case counts in a period when it was received before the period's end and was not
//! resolved before its start. What is known at the end of the period (its last instant,
//! or `--as-of`) is all that counts: a restart, a pause or a completion after it has not
//! happened yet. So a case's due time in a period is the engine's on the facts up to the
//! period's end, and its class there is one of:
//!
//! - `returned`, `cancelled`: returned or cancelled within the period;
//! - `paused`: open at the end and inside a pause then (with pause periods; without, a
//!   case whose state is `paused`);
//! - `early`, `on_time`, `late`: completed within the period, measured against that due
//!   time ([`tthc::deadline::completion_status`]);
//! - `not_due`, `overdue`: open at the end, before or after the due time.
//!
//! A discrepancy is a fact of the record, not of the period: the portal's due time in the
//! export is compared with the law's due time on the same facts (every restart and pause
//! in the file), since that is what the portal computed from.

use crate::law::{Law, NS, Nanos};
use crate::read::{Chunk, Rejected, Rejections, TextCol, text as tc};
use crate::rows::{self, Good, RowError};
use crate::schema::{CHANNELS, STATES, col};
use std::collections::HashMap;
use tthc::deadline::bulk::{self, At, Cases, NULL, Out, Pauses, Problem};
use tthc::text::Text;

/// The classes a case can have in a period.
pub const STATUSES: [&str; 8] = [
    "early",
    "on_time",
    "late",
    "not_due",
    "overdue",
    "paused",
    "returned",
    "cancelled",
];

/// The reasons a portal's due time differs ([`crate::law::Reason::code`]).
pub const REASONS: [&str; 6] = [
    "restart_ignored",
    "cutoff_ignored",
    "cutoff_beyond_reach",
    "working_saturday_ignored",
    "days_off_counted",
    "unexplained",
];

/// A period of the report: `[start, end)` in nanoseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `all`, or the month (`2025-03`).
    pub label: String,
    /// Its first instant.
    pub start: Nanos,
    /// The instant after its last (the as-of plus one nanosecond).
    pub end: Nanos,
    /// True for the whole period of the report.
    pub whole: bool,
}

/// What the pass needs to know.
#[derive(Debug)]
pub struct Setup<'a> {
    /// The catalogue and calendar.
    pub law: &'a Law,
    /// The whole period first, then any months.
    pub periods: Vec<Period>,
    /// Count discrepancies over every good row of the files, not only those counted.
    pub all_rows: bool,
    /// How many discrepancies to keep for the list.
    pub list: usize,
}

/// A discrepancy kept for the list.
#[derive(Debug, Clone)]
pub struct Listed {
    /// `received_at`.
    pub received: Nanos,
    /// `case_id`.
    pub case_id: String,
    /// The plan.
    pub plan: u32,
    /// `variant`.
    pub variant: Option<String>,
    /// `restarted_at`.
    pub restarted: Nanos,
    /// The pauses.
    pub pauses: Vec<(Nanos, Nanos)>,
    /// `portal_due_at`.
    pub portal: Nanos,
    /// The law's due time.
    pub due: Nanos,
    /// The reason code.
    pub code: &'static str,
}

/// The counts of one thread, added up at the end.
#[derive(Debug, Default)]
pub struct Tally {
    versions: usize,
    /// Cases per (period, version, channel, carried over, class, discrepancy).
    pub dense: Vec<u64>,
    /// The same with the `--by` value, when grouping by a column of the files.
    pub by: HashMap<(u32, u32), u64>,
    /// The `--by` values met, by id.
    pub by_names: Vec<Option<String>>,
    by_ids: HashMap<Option<String>, u32>,
    /// Discrepancies by reason over every good row (with `all_rows`).
    pub all_rows: [u64; REASONS.len()],
    /// The first discrepancies by receipt.
    pub listed: Vec<Listed>,
    /// Whether a `--by` column of the files is counted.
    by_column: bool,
}

/// Discrepancy classes: none, then one per reason.
const DISCS: usize = REASONS.len() + 1;
/// Classes per version and period: channel, carried over, status, discrepancy.
const CLASSES: usize = 3 * 2 * STATUSES.len() * DISCS;

impl Tally {
    /// An empty tally for `setup`.
    pub fn new(setup: &Setup<'_>, by_column: bool) -> Tally {
        let versions = setup.law.version_count();
        Tally {
            versions,
            dense: vec![0; setup.periods.len() * versions * CLASSES],
            by_column,
            ..Tally::default()
        }
    }

    /// The position in [`Tally::dense`] of a class.
    pub fn index(
        &self,
        period: usize,
        version: usize,
        channel: usize,
        carried: bool,
        status: usize,
        disc: usize,
    ) -> usize {
        (((((period * self.versions + version) * 3 + channel) * 2 + usize::from(carried))
            * STATUSES.len()
            + status)
            * DISCS)
            + disc
    }

    /// The class of a position of [`Tally::dense`]: (period, version, channel, carried
    /// over, status, discrepancy).
    pub fn class(&self, mut i: usize) -> (usize, usize, usize, bool, usize, usize) {
        let disc = i % DISCS;
        i /= DISCS;
        let status = i % STATUSES.len();
        i /= STATUSES.len();
        let carried = i % 2 == 1;
        i /= 2;
        let channel = i % 3;
        i /= 3;
        (
            i / self.versions,
            i % self.versions,
            channel,
            carried,
            status,
            disc,
        )
    }

    fn by_id(&mut self, v: Option<&str>) -> u32 {
        let key = v.map(str::to_string);
        if let Some(&id) = self.by_ids.get(&key) {
            return id;
        }
        self.by_names.push(key.clone());
        let id = (self.by_names.len() - 1) as u32;
        self.by_ids.insert(key, id);
        id
    }

    /// Adds another thread's tally.
    pub fn merge(&mut self, other: Tally, list: usize) {
        for (a, b) in self.dense.iter_mut().zip(&other.dense) {
            *a += b;
        }
        for ((d, by), n) in other.by {
            let name = other.by_names[by as usize].clone();
            let id = self.by_id(name.as_deref());
            *self.by.entry((d, id)).or_default() += n;
        }
        for (a, b) in self.all_rows.iter_mut().zip(other.all_rows) {
            *a += b;
        }
        self.listed.extend(other.listed);
        self.trim(list);
    }

    fn trim(&mut self, list: usize) {
        self.listed
            .sort_by(|a, b| (a.received, &a.case_id).cmp(&(b.received, &b.case_id)));
        self.listed.truncate(list);
    }

    fn keep(&mut self, l: Listed, list: usize) {
        if list == 0 {
            return;
        }
        self.listed.push(l);
        if self.listed.len() >= 2 * list.max(64) {
            self.trim(list);
        }
    }

    /// Checks, computes and counts one chunk; bad rows go to `rejections`. `false` once
    /// there are too many bad rows.
    pub fn add(&mut self, setup: &Setup<'_>, chunk: &Chunk, rejections: &Rejections) -> bool {
        let law = setup.law;
        let case_ids = TextCol::new(&chunk.text[tc::CASE_ID]);
        let reject = |i: usize, error: RowError| -> bool {
            rejections.add(Rejected {
                file: chunk.origin.file.to_string(),
                sheet: chunk.origin.sheet.as_deref().map(str::to_string),
                row: chunk.origin.rows[i],
                case_id: case_ids.value(i).map(str::to_string),
                error,
            })
        };
        let by_column = self.by_column;
        let mut ids = |v: Option<&str>| if by_column { self.by_id(v) } else { 0 };
        let Some(mut good) = rows::check(law, chunk, &mut ids, &mut |i, e| reject(i, e)) else {
            return false;
        };
        let whole = &setup.periods[0];
        // Only what the period concerns is computed.
        let mut plan: Vec<u32> = (0..good.len())
            .map(|k| {
                let inside = good.received[k] < whole.end
                    && (good.completed[k] == NULL || good.completed[k] >= whole.start);
                if inside || setup.all_rows {
                    good.plan[k]
                } else {
                    bulk::NO_PLAN
                }
            })
            .collect();
        let n = good.len();
        let (mut due, mut problem) = (vec![NULL; n], vec![0u8; n]);
        let engine = law.engine();
        engine.run(
            law.compiled(),
            &Cases {
                plan: &plan,
                received: &good.received,
                restarted: Some(&good.restarted),
                pauses: Some(Pauses {
                    offsets: &good.pause_offsets,
                    from: &good.pause_from,
                    to: &good.pause_to,
                }),
                completed: None,
            },
            At::None,
            -1,
            &mut Out {
                due: &mut due,
                problem: &mut problem,
                status: None,
                minutes: None,
            },
        );
        // A count the engine cannot make (a date past the calendar's last year) makes the
        // row bad, as any other mistake does.
        let mut bad = Vec::new();
        for (k, &code) in problem.iter().enumerate() {
            let p = Problem::from_code(code);
            if matches!(p, Problem::None | Problem::NoPlan | Problem::PauseOpen) {
                continue;
            }
            let case = law.case_ns(
                good.received[k],
                good.restarted[k],
                &good.pauses(k).collect::<Vec<_>>(),
            );
            let text =
                tthc::deadline::compute_due(law.calendar(), law.plan_of(good.plan[k]), &case)
                    .err()
                    .map_or_else(|| Text::new(p.code(), p.code()), |e| e.text());
            let column = match p {
                Problem::PauseRunsBackwards
                | Problem::PausesOverlap
                | Problem::PauseBeforeReceipt => crate::schema::PAUSES,
                _ if good.restarted[k] != NULL => crate::schema::COLUMNS[col::RESTARTED_AT],
                _ => crate::schema::COLUMNS[col::RECEIVED_AT],
            };
            if !reject(
                good.idx[k] as usize,
                RowError::in_column(column, p.code(), text),
            ) {
                return false;
            }
            bad.push(k);
        }
        if !bad.is_empty() {
            let keep: Vec<usize> = (0..n).filter(|k| !bad.contains(k)).collect();
            let (d, pr): (Vec<_>, Vec<_>) = keep.iter().map(|&k| (due[k], problem[k])).unzip();
            due = d;
            problem = pr;
            plan = keep.iter().map(|&k| plan[k]).collect();
            good.remove(&bad);
        }
        let engines = law.engines();
        let variants = TextCol::new(&chunk.text[tc::VARIANT]);
        for k in 0..good.len() {
            let computed = problem[k] == Problem::None as u8;
            let pauses: Vec<(Nanos, Nanos)> = if good.has_pauses(k) {
                good.pauses(k).collect()
            } else {
                Vec::new()
            };
            let disc = if computed && good.portal[k] != NULL {
                law.discrepancy_code(
                    &engines,
                    good.plan[k],
                    good.received[k],
                    good.restarted[k],
                    &pauses,
                    good.portal[k],
                    due[k],
                )
            } else {
                None
            };
            let disc_no = disc.map_or(0, |c| {
                REASONS
                    .iter()
                    .position(|r| *r == c)
                    .unwrap_or(REASONS.len() - 1)
                    + 1
            });
            let listed = || Listed {
                received: good.received[k],
                case_id: case_ids
                    .value(good.idx[k] as usize)
                    .unwrap_or("")
                    .to_string(),
                plan: good.plan[k],
                variant: variants.value(good.idx[k] as usize).map(str::to_string),
                restarted: good.restarted[k],
                pauses: pauses.clone(),
                portal: good.portal[k],
                due: due[k],
                code: disc.unwrap_or("unexplained"),
            };
            if setup.all_rows && disc.is_some() {
                self.all_rows[disc_no - 1] += 1;
                let l = listed();
                self.keep(l, setup.list);
            }
            if plan[k] == bulk::NO_PLAN {
                continue;
            }
            let version = law.plan_version(good.plan[k]) as usize;
            for (p, period) in setup.periods.iter().enumerate() {
                let Some((carried, status)) =
                    classify(law, &good, k, computed.then_some(due[k]), period)
                else {
                    continue;
                };
                let i = self.index(
                    p,
                    version,
                    usize::from(good.channel[k]),
                    carried,
                    status,
                    disc_no,
                );
                if self.by_column {
                    *self.by.entry((i as u32, good.by[k])).or_default() += 1;
                } else {
                    self.dense[i] += 1;
                }
                if p == 0 && disc.is_some() && !setup.all_rows {
                    let l = listed();
                    self.keep(l, setup.list);
                }
            }
        }
        true
    }
}

/// Whether good row `k` counts in `period`, and then whether it was carried over and its
/// class (a position in [`STATUSES`]).
fn classify(
    law: &Law,
    good: &Good,
    k: usize,
    due: Option<Nanos>,
    period: &Period,
) -> Option<(bool, usize)> {
    let (received, completed) = (good.received[k], good.completed[k]);
    if received >= period.end || completed != NULL && completed < period.start {
        return None;
    }
    let carried = received < period.start;
    let done = completed != NULL && completed < period.end;
    let state = STATES[good.state[k] as usize];
    let class = |name: &str| STATUSES.iter().position(|s| *s == name).unwrap_or(3);
    if done && matches!(state, "returned" | "cancelled") {
        return Some((carried, class(state)));
    }
    let paused = if good.has_pauses(k) {
        !done
            && good
                .pauses(k)
                .any(|(f, t)| f < period.end && (t == NULL || t >= period.end))
    } else {
        state == "paused"
    };
    if paused {
        return Some((carried, class("paused")));
    }
    // Only the facts up to the end of the period: a later restart or pause has not
    // happened yet.
    let restarted = good.restarted[k];
    let later = restarted != NULL && restarted >= period.end
        || good.pauses(k).any(|(f, _)| f >= period.end);
    let due = if later {
        let restart = if restarted != NULL && restarted < period.end {
            restarted
        } else {
            NULL
        };
        let pauses: Vec<(Nanos, Nanos)> = good.pauses(k).filter(|(f, _)| *f < period.end).collect();
        law.engine()
            .due_of(
                &law.compiled()[good.plan[k] as usize],
                received,
                restart,
                &pauses,
            )
            .ok()
            .or(due)
    } else {
        due
    };
    // Every case that reaches here has a due time: the engine failed only for rows
    // rejected before, and a pause with no end makes the case paused above.
    let due = due.unwrap_or(i64::MAX);
    let day = |t: Nanos| {
        (t.div_euclid(NS) + i64::from(law.offset().local_minus_utc())).div_euclid(86_400)
    };
    let status = if done {
        if day(completed) < day(due) {
            "early"
        } else if completed <= due {
            "on_time"
        } else {
            "late"
        }
    } else if period.end - 1 > due {
        "overdue"
    } else {
        "not_due"
    };
    Some((carried, class(status)))
}

/// The name of a channel number.
pub fn channel_name(c: usize) -> &'static str {
    CHANNELS.get(c).copied().unwrap_or("direct")
}
