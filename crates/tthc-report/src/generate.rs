//! Synthetic case records over the catalogue, deterministic for a seed.
//!
//! The file is what a provincial one-stop system would export at the end of the last
//! day (`to`): nothing in it happens after that moment. Each case is drawn as follows.
//!
//! - **Outcome** first: 85% completed, 4% returned, 2% cancelled, 3% paused, the rest (6%)
//!   still processing. An open (paused or processing) case was received recently: its
//!   receipt lies a geometric number of days (mean four, at most ninety) before the
//!   end, so some are overdue at the end and some are not.
//! - **Channel**: 70% `direct`, 30% `online`. A desk receipt falls on a working day of the
//!   calendar, in its working hours (the calendar's sessions, 07:30–11:30 and 13:00–17:00
//!   in the bundled `vn`): 65% in the first session, the rest in the later ones, of which
//!   a fifth after the calendar's cutoff (15:00). An online receipt falls on any day, 70%
//!   between the opening and the closing of the office, the rest at any minute.
//! - **Day**: uniform over the days of `from..=to` on which at least one procedure has a
//!   version in force (working days only at the desk); days with none are never drawn.
//! - **Procedure**: among those in force that day, weighted by Zipf's law (weight
//!   `1 / rank`) over a ranking that puts the everyday civil-status procedures first
//!   ([`COMMON`]: birth, death, marriage, extract copies, single-status certificate) and
//!   the others after them in catalogue order. With the bundled catalogue those five
//!   take more than half the cases. A procedure whose versions ended (the district-level
//!   ones end on 30/06/2025) is not in force afterwards, so it gets no cases there.
//! - **Case** (`variant`): the ordinary one, or in 12% one of the version's named cases
//!   (`verification`…); always a named one when the version has no ordinary case.
//! - **Restart**: 8% of cases restart (a supplemented file) one to five working days
//!   after receipt, in working hours; the law counts again from there.
//! - **Completion**, relative to the law's due time ([`Law::due`]): 90% of completed
//!   cases finish between the start of the count and the due time, skewed early; 10% are
//!   late by a long tail of working time (an hour to sixty working days). Returned and
//!   cancelled cases end early in the count. A case that would end after the export is
//!   still processing in it.
//! - **`portal_due_at`**: missing in 1% of cases; otherwise the law's due time, or one
//!   of the wrong ones [`Law::mistaken_dues`] knows (the portal ignored the restart, the
//!   cutoff or a working Saturday). Most cases are untouched by all three mistakes (no
//!   restart, received before the cutoff, no swapped Saturday in the count), so drawing
//!   "wrong" for 12% of all cases would give only about 2% wrong times; instead, for a
//!   case where at least one mistake changes the due time, the portal makes one of them
//!   (picked evenly among those) with probability 0.7, which gives about 12% wrong
//!   times over the bundled catalogue. Knowing which apply costs three more due
//!   computations per case.
//! - **`procedure`**: the catalogue id, or in 10% the national code when the version has
//!   one that names only this procedure, as real exports mix them. `case_id`:
//!   `G000000001`, `G000000002`…
//!
//! Times are whole minutes. A `.parquet` file is Snappy-compressed in row groups of
//! [`ROW_GROUP_ROWS`], with the columns of [`schema::cases`] except that times are
//! milliseconds ([`parquet_schema`] says why); a `.csv` file has a header row, times in
//! RFC 3339 with the calendar's offset and empty cells for nulls.
//!
//! The work is split into batches of [`BATCH_ROWS`] cases, each with its own
//! pseudo-random stream derived from the seed and the batch number, so batches are
//! generated on several threads and the file is the same whatever their number; the
//! calling thread writes them in order, so memory stays bounded by a few batches and the
//! Parquet row group being written.

use crate::law::{Law, Resolved, Seconds};
use crate::read::Format;
use crate::schema::{self, COLUMNS};
use chrono::{DateTime, NaiveDate};
use datafusion::arrow::array::{ArrayRef, RecordBatch, StringBuilder, TimestampMillisecondBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many cases.
    pub count: u64,
    /// The seed: the same seed, count and catalogue give the same file.
    pub seed: u64,
    /// First day of receipts.
    pub from: NaiveDate,
    /// Last day of receipts.
    pub to: NaiveDate,
}

/// Cases per batch: one pseudo-random stream, one Arrow batch or block of CSV lines.
pub const BATCH_ROWS: usize = 65_536;

/// Rows per Parquet row group: big enough for good compression and few groups, small
/// enough that the writer's buffered group stays around a hundred megabytes.
pub const ROW_GROUP_ROWS: usize = 1 << 20;

/// The everyday procedures, most frequent first; the others follow in catalogue order.
/// Ids a catalogue lacks are skipped, so another catalogue is ranked by its own order.
pub const COMMON: [&str; 5] = [
    "dang-ky-khai-sinh",
    "cap-ban-sao-trich-luc-ho-tich",
    "dang-ky-khai-tu",
    "dang-ky-ket-hon",
    "cap-giay-xac-nhan-tinh-trang-hon-nhan",
];

// The shares of the model (module documentation). Probabilities are compared with a
// uniform draw in [0, 1); only +, −, × and comparisons are used on floats (no powf, ln
// or exp, whose last bit differs between math libraries), so a seed gives the same file
// on every platform.
const COMPLETED: f64 = 0.85;
const RETURNED: f64 = 0.04;
const CANCELLED: f64 = 0.02;
const PAUSED: f64 = 0.03;
const ONLINE: f64 = 0.30;
const MORNING: f64 = 0.65;
const AFTER_CUTOFF: f64 = 0.20;
const ONLINE_OFFICE_HOURS: f64 = 0.70;
const NAMED_CASE: f64 = 0.12;
const RESTARTED: f64 = 0.08;
const LATE: f64 = 0.10;
const PORTAL_WRONG_WHEN_POSSIBLE: f64 = 0.7;
const PORTAL_MISSING: f64 = 0.01;
const NATIONAL_CODE: f64 = 0.10;
/// Each further day back from the end keeps an open case with this probability: a
/// geometric age with mean four days (most are same-day or few-day procedures, so an
/// older open case is nearly always overdue).
const OPEN_AGE_CONTINUE: f64 = 0.8;
const OPEN_AGE_MAX_DAYS: usize = 90;
/// How late a late case is, in working minutes: piecewise uniform, a long tail.
const LATENESS: [(f64, i64, i64); 6] = [
    (0.35, 60, 240),           // one to four hours
    (0.20, 240, 480),          // half a day to a day
    (0.20, 480, 3 * 480),      // one to three days
    (0.13, 3 * 480, 10 * 480), // three to ten days
    (0.08, 10 * 480, 30 * 480),
    (0.04, 30 * 480, 60 * 480),
];

/// SplitMix64 (Steele, Lea & Flood 2014): expands a seed into the state of the main
/// generator, as its authors recommend.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018), written here rather than taken from the `rand`
/// crate: `StdRng` is documented as not reproducible across `rand` versions, and this
/// generator's output is fixed by its published reference code, so a seed gives the same
/// file after any dependency upgrade.
struct Rng([u64; 4]);

impl Rng {
    /// The stream of batch `stream` for `seed`: SplitMix64 over the seed mixed with the
    /// batch number, so batches are independent and can be drawn in any order.
    fn new(seed: u64, stream: u64) -> Rng {
        let mut mix = SplitMix64(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        // A first draw separates seeds that differ in few bits.
        let mut sm = SplitMix64(mix.next());
        Rng([sm.next(), sm.next(), sm.next(), sm.next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (`n > 0`) by Lemire's multiply-shift; its bias, below
    /// `n / 2^64`, is far under anything a report can show.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `[0, 1)` with 53 random bits (exact in binary, the same everywhere).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// The cases of one procedure version that resolve, found once.
#[derive(Debug)]
struct Cases {
    ordinary: Option<Resolved>,
    named: Vec<(String, Resolved)>,
    /// The national code to write instead of the id, when it names only this procedure.
    code: Option<String>,
}

/// Procedures in force on a run of days, with cumulative Zipf weights.
#[derive(Debug)]
struct Segment {
    /// (procedure, version) pairs.
    members: Vec<(u32, u32)>,
    cumulative: Vec<f64>,
}

impl Segment {
    fn pick(&self, rng: &mut Rng) -> (u32, u32) {
        let total = *self.cumulative.last().expect("segments are not empty");
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.members[i.min(self.members.len() - 1)]
    }
}

/// One day of the range.
#[derive(Debug)]
struct Day {
    midnight: Seconds,
    /// The day's working sessions (its season's hours), minutes after midnight.
    sessions: Vec<(u32, u32)>,
    segment: usize,
}

/// The outcome drawn for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Completed,
    Returned,
    Cancelled,
    Paused,
    Processing,
}

/// Everything that can be worked out once for the whole run.
struct Model<'a> {
    law: &'a Law,
    ids: Vec<&'a str>,
    /// `cases[p][v]`: `None` for a version none of whose cases resolves.
    cases: Vec<Vec<Option<Cases>>>,
    segments: Vec<Segment>,
    days: Vec<Day>,
    /// Days a desk receipt can fall on (working, something in force), ascending.
    desk_days: Vec<u32>,
    /// Days an online receipt can fall on (something in force), ascending.
    any_days: Vec<u32>,
    /// The calendar's cutoff, minutes after midnight (the desk's receipts thin out after it).
    cutoff: Option<u32>,
    /// The calendar's cutoff as the engine takes it, for a procedure that states none.
    calendar_cutoff: Option<chrono::NaiveTime>,
    /// Midnights of the Saturdays and Sundays declared working days, ascending.
    working_weekends: Vec<Seconds>,
    per_day: i64,
    /// The export moment: midnight after `to`.
    end: Seconds,
}

/// A generated case.
#[derive(Debug, Clone)]
struct Row<'a> {
    n: u64,
    procedure: &'a str,
    variant: Option<&'a str>,
    channel: &'static str,
    received: Seconds,
    restarted: Option<Seconds>,
    completed: Option<Seconds>,
    state: &'static str,
    portal: Option<Seconds>,
}

fn midnight(law: &Law, d: NaiveDate) -> Seconds {
    let local = d.and_hms_opt(0, 0, 0).expect("midnight exists");
    local.and_utc().timestamp() - i64::from(law.offset().local_minus_utc())
}

impl<'a> Model<'a> {
    fn new(law: &'a Law, o: &Options) -> Result<Model<'a>, String> {
        if o.to < o.from {
            return Err(format!(
                "the last day {} is before the first {}",
                o.to, o.from
            ));
        }
        let (first, last) = law.horizon();
        // Dues, restarts and late completions run months past the last receipt.
        let last_receipt = last
            .checked_sub_days(chrono::Days::new(366))
            .unwrap_or(first);
        if o.from < first || o.to > last_receipt {
            return Err(format!(
                "receipts must lie between {first} and {last_receipt}: the calendar counts working days from {first} to {last}, and the cases' due dates and completions need room after the last receipt"
            ));
        }
        let catalogue = law.catalogue();
        let index = law.calendar().index();

        // Rank: the common procedures in their order, then the rest in catalogue order.
        let n = catalogue.procedures.len();
        let mut rank = vec![usize::MAX; n];
        let mut next = 0;
        for id in COMMON {
            if let Some(p) = catalogue.procedures.iter().position(|p| p.id == id) {
                rank[p] = next;
                next += 1;
            }
        }
        for r in rank.iter_mut().filter(|r| **r == usize::MAX) {
            *r = next;
            next += 1;
        }
        let weight = |p: usize| 1.0 / (rank[p] + 1) as f64;

        let mut cases = Vec::with_capacity(n);
        for (pi, p) in catalogue.procedures.iter().enumerate() {
            let mut versions = Vec::with_capacity(p.versions.len());
            for v in &p.versions {
                let resolve =
                    |variant: Option<&str>| law.resolve(&p.id, v.valid_from, variant).ok();
                let ordinary = if v.has_ordinary_case() {
                    resolve(None)
                } else {
                    None
                };
                let named: Vec<(String, Resolved)> = v
                    .variants
                    .iter()
                    .filter_map(|d| Some((d.id.clone(), resolve(Some(&d.id))?)))
                    .collect();
                let code = p
                    .code_in(v)
                    .filter(|c| law.procedure_index(c) == Some(pi as u32))
                    .map(str::to_string);
                versions.push((ordinary.is_some() || !named.is_empty()).then_some(Cases {
                    ordinary,
                    named,
                    code,
                }));
            }
            cases.push(versions);
        }

        // Per day, the procedures in force; consecutive days with the same set share a
        // segment, so a run of years costs a handful of samplers.
        let mut segments: Vec<Segment> = Vec::new();
        let mut days = Vec::new();
        let mut desk_days = Vec::new();
        let mut any_days = Vec::new();
        let mut d = o.from;
        loop {
            let members: Vec<(u32, u32)> = catalogue
                .procedures
                .iter()
                .enumerate()
                .filter_map(|(pi, p)| {
                    let v = p.versions.iter().position(|v| v.in_force_on(d))?;
                    cases[pi][v].as_ref()?;
                    Some((pi as u32, v as u32))
                })
                .collect();
            let segment = match segments.last() {
                Some(s) if s.members == members => segments.len() - 1,
                _ if members.is_empty() => usize::MAX,
                _ => {
                    let mut total = 0.0;
                    let cumulative = members
                        .iter()
                        .map(|&(p, _)| {
                            total += weight(p as usize);
                            total
                        })
                        .collect();
                    segments.push(Segment {
                        members,
                        cumulative,
                    });
                    segments.len() - 1
                }
            };
            let working = index.is_working_day(d).map_err(|e| e.to_string())?;
            let sessions = index
                .sessions_on(d)
                .map_err(|e| e.to_string())?
                .iter()
                .map(|s| (s.start, s.end))
                .collect();
            let i = days.len() as u32;
            if segment != usize::MAX {
                any_days.push(i);
                if working {
                    desk_days.push(i);
                }
            }
            days.push(Day {
                midnight: midnight(law, d),
                sessions,
                segment,
            });
            if d >= o.to {
                break;
            }
            d = d.succ_opt().ok_or("the range runs past the last date")?;
        }
        if any_days.is_empty() && o.count > 0 {
            return Err(format!(
                "no procedure of the catalogue is in force between {} and {}",
                o.from, o.to
            ));
        }
        let end = midnight(law, o.to) + 86_400;
        Ok(Model {
            law,
            ids: catalogue.procedures.iter().map(|p| p.id.as_str()).collect(),
            cases,
            segments,
            days,
            desk_days,
            any_days,
            cutoff: law
                .calendar()
                .config()
                .cutoff
                .map(|t| chrono::Timelike::num_seconds_from_midnight(&t) / 60),
            calendar_cutoff: law.calendar().config().cutoff,
            working_weekends: {
                let mut days: Vec<Seconds> = law
                    .calendar()
                    .announced_marks()
                    .iter()
                    .filter(|m| m.kind == tthc::calendar::DayKind::WorkingDay)
                    .map(|m| midnight(law, m.date))
                    .collect();
                days.sort_unstable();
                days
            },
            per_day: index.minutes_per_day(),
            end,
        })
    }

    /// A day of `pool` a geometric number of days before the end: the latest day of the
    /// pool on or before that day, or the first of the pool.
    fn recent(&self, rng: &mut Rng, pool: &[u32]) -> u32 {
        let mut age = 0;
        while age < OPEN_AGE_MAX_DAYS && rng.chance(OPEN_AGE_CONTINUE) {
            age += 1;
        }
        let target = (self.days.len() - 1).saturating_sub(age) as u32;
        let k = pool.partition_point(|&d| d <= target);
        pool[k.saturating_sub(1)]
    }

    /// Whether a mistake of [`Law::mistaken_dues`] can change this case's due time: a
    /// cheap test that may say yes for nothing but never no for something (the engine
    /// differs only with a restart, a count starting after the cutoff, or a declared
    /// working Saturday between the start and the due time), sparing most cases the
    /// three further due computations.
    fn mistake_possible(
        &self,
        p: u32,
        v: u32,
        variant: Option<&str>,
        start: Seconds,
        restarted: bool,
        due: Seconds,
    ) -> bool {
        if restarted {
            return true;
        }
        let version = &self.law.catalogue().procedures[p as usize].versions[v as usize];
        let config = self.law.calendar().config();
        let cutoff = version
            .cutoff_statement(variant)
            .applied(self.calendar_cutoff, config.cutoff_reach)
            .time;
        let offset = i64::from(self.law.offset().local_minus_utc());
        let second = (start + offset).rem_euclid(86_400);
        let after_cutoff = cutoff
            .is_some_and(|c| second > i64::from(chrono::Timelike::num_seconds_from_midnight(&c)));
        let day = start - second;
        let k = self.working_weekends.partition_point(|&d| d < day);
        after_cutoff || self.working_weekends.get(k).is_some_and(|&d| d <= due)
    }

    fn local(&self, s: Seconds) -> DateTime<chrono::FixedOffset> {
        self.law.local(s)
    }

    /// `minutes` working minutes after `t`.
    fn add(&self, t: Seconds, minutes: i64) -> Result<Seconds, String> {
        let index = self.law.calendar().index();
        index
            .add_minutes(self.local(t), minutes)
            .map(|t| t.timestamp())
            .map_err(|e| e.to_string())
    }

    /// A time between `start` and `due`: a share `f` of the working time between them.
    fn within(&self, start: Seconds, due: Seconds, f: f64) -> Result<Seconds, String> {
        let index = self.law.calendar().index();
        let w = index
            .minutes_between(self.local(start), self.local(due))
            .map_err(|e| e.to_string())?
            .max(0);
        let m = ((f * w as f64) as i64).clamp(1, w.max(1));
        let t = self.add(start, m)?;
        // Never before the start, and never past the due time (a receipt outside working
        // hours can put both on the same instant).
        Ok(t.max(start).min(due.max(start)))
    }

    /// The time after `due` a late case ends.
    fn late(&self, rng: &mut Rng, due: Seconds) -> Result<Seconds, String> {
        let mut x = rng.unit();
        let mut span = LATENESS[LATENESS.len() - 1];
        for b in LATENESS {
            if x < b.0 {
                span = b;
                break;
            }
            x -= b.0;
        }
        let m = span.1 + rng.below((span.2 - span.1) as u64) as i64;
        Ok(self.add(due, m)?.max(due + 60))
    }

    /// A minute of `spans` clipped to `lo..hi`, uniform; `None` when they do not meet.
    fn minute_in(rng: &mut Rng, spans: &[(u32, u32)], lo: u32, hi: u32) -> Option<u32> {
        let clip = |&(s, e): &(u32, u32)| (s.max(lo), e.min(hi));
        let total: u32 = spans
            .iter()
            .map(clip)
            .map(|(s, e)| e.saturating_sub(s))
            .sum();
        if total == 0 {
            return None;
        }
        let mut r = rng.below(u64::from(total)) as u32;
        for (s, e) in spans.iter().map(clip) {
            let len = e.saturating_sub(s);
            if r < len {
                return Some(s + r);
            }
            r -= len;
        }
        None
    }

    fn desk_minute(&self, rng: &mut Rng, sessions: &[(u32, u32)]) -> u32 {
        let (morning, afternoon) = match sessions {
            [] => return 9 * 60,
            [only] => (std::slice::from_ref(only), std::slice::from_ref(only)),
            [first, rest @ ..] => (std::slice::from_ref(first), rest),
        };
        let day = 24 * 60;
        let pick = if rng.chance(MORNING) {
            Self::minute_in(rng, morning, 0, day)
        } else {
            let cut = self.cutoff.unwrap_or(day);
            let late = rng.chance(AFTER_CUTOFF);
            let (a, b) = if late {
                ((cut, day), (0, cut))
            } else {
                ((0, cut), (cut, day))
            };
            Self::minute_in(rng, afternoon, a.0, a.1)
                .or_else(|| Self::minute_in(rng, afternoon, b.0, b.1))
        };
        pick.unwrap_or(sessions[0].0)
    }

    fn online_minute(rng: &mut Rng, sessions: &[(u32, u32)]) -> u32 {
        let office = match (sessions.first(), sessions.last()) {
            (Some(a), Some(b)) => Some((a.0, b.1)),
            _ => None,
        };
        match office {
            Some((open, close)) if close > open && rng.chance(ONLINE_OFFICE_HOURS) => {
                open + rng.below(u64::from(close - open)) as u32
            }
            _ => rng.below(24 * 60) as u32,
        }
    }

    /// Case number `n` (from 1).
    fn case(&self, rng: &mut Rng, n: u64) -> Result<Row<'_>, String> {
        let law = self.law;
        let x = rng.unit();
        let outcome = if x < COMPLETED {
            Outcome::Completed
        } else if x < COMPLETED + RETURNED {
            Outcome::Returned
        } else if x < COMPLETED + RETURNED + CANCELLED {
            Outcome::Cancelled
        } else if x < COMPLETED + RETURNED + CANCELLED + PAUSED {
            Outcome::Paused
        } else {
            Outcome::Processing
        };
        let open = matches!(outcome, Outcome::Paused | Outcome::Processing);
        // A range without working days (a weekend) can only have online receipts.
        let online = self.desk_days.is_empty() || rng.chance(ONLINE);
        let pool = if online {
            &self.any_days
        } else {
            &self.desk_days
        };
        let day_ix = if open {
            self.recent(rng, pool)
        } else {
            pool[rng.below(pool.len() as u64) as usize]
        };
        let day = &self.days[day_ix as usize];
        let (p, v) = self.segments[day.segment].pick(rng);
        let cases = self.cases[p as usize][v as usize]
            .as_ref()
            .expect("segments hold versions with cases");
        let named = |rng: &mut Rng| {
            let (id, r) = &cases.named[rng.below(cases.named.len() as u64) as usize];
            (*r, Some(id.as_str()))
        };
        let (resolved, variant) = match cases.ordinary {
            Some(r) if cases.named.is_empty() || !rng.chance(NAMED_CASE) => (r, None),
            _ => named(rng),
        };
        let minute = if online {
            Self::online_minute(rng, &day.sessions)
        } else {
            self.desk_minute(rng, &day.sessions)
        };
        let received = day.midnight + i64::from(minute) * 60;

        let mut restarted = None;
        if rng.chance(RESTARTED) {
            let k = 1 + rng.below(5) as i64;
            let m = k * self.per_day - rng.below(self.per_day as u64) as i64;
            let t = self.add(received, m)?.max(received + 60);
            // A restart after the export has not happened yet.
            if t < self.end {
                restarted = Some(t);
            }
        }
        let due = law.due(resolved, received, restarted).map_err(|e| e.0.en)?;
        let start = restarted.unwrap_or(received);
        let completed = match outcome {
            Outcome::Completed if rng.chance(LATE) => Some(self.late(rng, due)?),
            Outcome::Completed => {
                // Skewed early: mean 5/12 of the allotted working time.
                let u = rng.unit();
                Some(self.within(start, due, u * (1.0 + u) / 2.0)?)
            }
            Outcome::Returned | Outcome::Cancelled => {
                let u = rng.unit();
                Some(self.within(start, due, u * u)?)
            }
            Outcome::Paused | Outcome::Processing => None,
        };
        let (state, completed) = match (outcome, completed) {
            (_, Some(c)) if c >= self.end => ("processing", None),
            (Outcome::Completed, c) => ("completed", c),
            (Outcome::Returned, c) => ("returned", c),
            (Outcome::Cancelled, c) => ("cancelled", c),
            (Outcome::Paused, _) => ("paused", None),
            (Outcome::Processing, _) => ("processing", None),
        };

        let portal = if rng.chance(PORTAL_MISSING) {
            None
        } else if self.mistake_possible(p, v, variant, start, restarted.is_some(), due) {
            let wrong: Vec<Seconds> = law
                .mistaken_dues(resolved, received, restarted)
                .into_iter()
                .flatten()
                .collect();
            if !wrong.is_empty() && rng.chance(PORTAL_WRONG_WHEN_POSSIBLE) {
                Some(wrong[rng.below(wrong.len() as u64) as usize])
            } else {
                Some(due)
            }
        } else {
            Some(due)
        };
        let procedure = match &cases.code {
            Some(code) if rng.chance(NATIONAL_CODE) => code.as_str(),
            _ => self.ids[p as usize],
        };
        Ok(Row {
            n,
            procedure,
            variant,
            channel: if online { "online" } else { "direct" },
            received,
            restarted,
            completed,
            state,
            portal,
        })
    }

    /// The cases of batch `k`.
    fn batch(&self, seed: u64, k: u64, count: u64) -> Result<Vec<Row<'_>>, String> {
        let mut rng = Rng::new(seed, k);
        let first = k * BATCH_ROWS as u64;
        let last = (first + BATCH_ROWS as u64).min(count);
        (first..last).map(|i| self.case(&mut rng, i + 1)).collect()
    }
}

fn case_id(n: u64) -> String {
    format!("G{n:09}")
}

/// The schema of the Parquet files: [`schema::cases`] with its times in milliseconds.
/// Parquet's TIMESTAMP type has no seconds: a seconds column is written as a bare INT64
/// that pandas, pyarrow, DuckDB and Spark read as plain integers (only arrow-rs restores
/// it from the embedded Arrow schema). Milliseconds, adjusted to UTC with the `+07:00`
/// zone kept in the Arrow schema, is what those tools write and read as times, and the
/// report reads any unit.
pub fn parquet_schema() -> SchemaRef {
    let fields: Vec<Field> = schema::cases()
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Timestamp(_, tz) => f
                .as_ref()
                .clone()
                .with_data_type(DataType::Timestamp(TimeUnit::Millisecond, tz.clone())),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

fn arrow_batch(rows: &[Row<'_>], schema: &SchemaRef) -> RecordBatch {
    let n = rows.len();
    let text = |bytes| StringBuilder::with_capacity(n, n * bytes);
    let time = || TimestampMillisecondBuilder::with_capacity(n).with_timezone(schema::TZ);
    let ms = |s: Option<Seconds>| s.map(|s| s * 1000);
    let (mut id, mut procedure, mut variant, mut channel, mut state) =
        (text(10), text(24), text(4), text(6), text(10));
    let (mut received, mut restarted, mut completed, mut portal) = (time(), time(), time(), time());
    for r in rows {
        id.append_value(case_id(r.n));
        procedure.append_value(r.procedure);
        variant.append_option(r.variant);
        channel.append_value(r.channel);
        received.append_value(r.received * 1000);
        restarted.append_option(ms(r.restarted));
        completed.append_option(ms(r.completed));
        state.append_value(r.state);
        portal.append_option(ms(r.portal));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(procedure.finish()),
        Arc::new(variant.finish()),
        Arc::new(channel.finish()),
        Arc::new(received.finish()),
        Arc::new(restarted.finish()),
        Arc::new(completed.finish()),
        Arc::new(state.finish()),
        Arc::new(portal.finish()),
    ];
    RecordBatch::try_new(schema.clone(), columns).expect("the builders match the schema")
}

/// RFC 3339 in the calendar's zone: `2025-03-04T11:04:00+07:00`.
fn rfc3339(law: &Law, s: Seconds, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    let t = law.local(s);
    let _ = write!(out, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z"));
}

fn csv_block(law: &Law, rows: &[Row<'_>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(rows.len() * 140));
    let mut times = [String::new(), String::new(), String::new(), String::new()];
    for r in rows {
        let [received, restarted, completed, portal] = &mut times;
        let opt = |s: Option<Seconds>, out: &mut String| match s {
            Some(s) => rfc3339(law, s, out),
            None => out.clear(),
        };
        opt(Some(r.received), received);
        opt(r.restarted, restarted);
        opt(r.completed, completed);
        opt(r.portal, portal);
        w.write_record([
            case_id(r.n).as_str(),
            r.procedure,
            r.variant.unwrap_or(""),
            r.channel,
            received.as_str(),
            restarted.as_str(),
            completed.as_str(),
            r.state,
            portal.as_str(),
        ])
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// A batch ready to write.
enum Block {
    Arrow(RecordBatch),
    Csv(Vec<u8>),
}

/// Where the blocks go.
enum Sink {
    /// Boxed: the writer is large and the sink is moved around only once.
    Parquet(Box<ArrowWriter<std::fs::File>>),
    Csv(std::io::BufWriter<std::fs::File>),
}

impl Sink {
    fn open(format: Format, path: &Path) -> Result<Sink, String> {
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        match format {
            Format::Parquet => {
                // Dictionaries only where values repeat: ids and times are nearly all
                // distinct, and trying a dictionary on them costs time for nothing.
                let mut props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(ROW_GROUP_ROWS));
                for c in [
                    "case_id",
                    "received_at",
                    "restarted_at",
                    "completed_at",
                    "portal_due_at",
                ] {
                    props = props.set_column_dictionary_enabled(ColumnPath::from(c), false);
                }
                let w = ArrowWriter::try_new(file, parquet_schema(), Some(props.build()))
                    .map_err(|e| e.to_string())?;
                Ok(Sink::Parquet(Box::new(w)))
            }
            Format::Csv | Format::Excel => {
                let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
                let header = COLUMNS.join(",") + "\n";
                w.write_all(header.as_bytes()).map_err(|e| e.to_string())?;
                Ok(Sink::Csv(w))
            }
        }
    }

    fn write(&mut self, block: Block) -> Result<(), String> {
        match (self, block) {
            (Sink::Parquet(w), Block::Arrow(b)) => w.write(&b).map_err(|e| e.to_string()),
            (Sink::Csv(w), Block::Csv(bytes)) => w.write_all(&bytes).map_err(|e| e.to_string()),
            _ => Err("internal error: a block of the wrong format".into()),
        }
    }

    /// Flushes and syncs the file, so the rename that follows publishes a whole file.
    fn finish(self) -> Result<(), String> {
        let file = match self {
            Sink::Parquet(w) => w.into_inner().map_err(|e| e.to_string())?,
            Sink::Csv(w) => w.into_inner().map_err(|e| e.to_string())?,
        };
        file.sync_all().map_err(|e| e.to_string())
    }
}

/// The temporary file beside `out`; removed when dropped unless the run succeeded.
struct Temp {
    path: PathBuf,
    keep: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes `o.count` cases to `out` (`.csv` or `.parquet`); returns how many were written.
///
/// The cases are written to a temporary file beside `out` that is renamed to `out` at
/// the end, so a run that fails leaves no partial file (and an existing `out` untouched
/// until then). CSV times are RFC 3339 with the calendar's offset; empty cells are nulls.
pub fn write(law: &Law, o: &Options, out: &Path) -> Result<u64, String> {
    let format = match Format::of(out) {
        Some(f @ (Format::Csv | Format::Parquet)) => f,
        _ => return Err("the output file must end in .csv or .parquet".into()),
    };
    let model = Model::new(law, o)?;
    let name = out
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", out.display()))?
        .to_string_lossy();
    let mut temp = Temp {
        path: out.with_file_name(format!(".{name}.{}.tmp", std::process::id())),
        keep: false,
    };
    let mut sink = Sink::open(format, &temp.path)?;
    let batches = o.count.div_ceil(BATCH_ROWS as u64);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(batches.max(1) as usize);
    let model = &model;
    let arrow_schema = parquet_schema();
    let arrow_schema = &arrow_schema;
    std::thread::scope(|s| -> Result<(), String> {
        // Worker `w` draws batches w, w + workers, … in order and hands each over a
        // channel of one slot; the writer takes them round-robin, so the file is in batch
        // order and at most two batches per worker wait in memory.
        let mut inboxes: Vec<Receiver<Result<Block, String>>> = Vec::with_capacity(workers);
        for w in 0..workers {
            let (tx, rx): (SyncSender<Result<Block, String>>, _) = sync_channel(1);
            inboxes.push(rx);
            s.spawn(move || {
                for k in (w as u64..batches).step_by(workers) {
                    let block = model
                        .batch(o.seed, k, o.count)
                        .and_then(|rows| match format {
                            Format::Parquet => Ok(Block::Arrow(arrow_batch(&rows, arrow_schema))),
                            Format::Csv | Format::Excel => {
                                csv_block(model.law, &rows).map(Block::Csv)
                            }
                        });
                    let failed = block.is_err();
                    // The writer hung up (it failed): stop.
                    if tx.send(block).is_err() || failed {
                        return;
                    }
                }
            });
        }
        for k in 0..batches {
            let block = inboxes[(k % workers as u64) as usize]
                .recv()
                .map_err(|_| "internal error: a generator thread stopped".to_string())??;
            sink.write(block)?;
        }
        Ok(())
    })?;
    sink.finish()?;
    std::fs::rename(&temp.path, out).map_err(|e| {
        format!(
            "cannot rename {} to {}: {e}",
            temp.path.display(),
            out.display()
        )
    })?;
    temp.keep = true;
    Ok(o.count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_its_reference() {
        // The first outputs of SplitMix64 seeded with 1234567 (reference C code).
        let mut s = SplitMix64(1_234_567);
        assert_eq!(s.next(), 6_457_827_717_110_365_317);
        assert_eq!(s.next(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn xoshiro_matches_its_reference() {
        // xoshiro256** from the state {1, 2, 3, 4} (reference C code).
        let mut r = Rng([1, 2, 3, 4]);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(first, [11_520, 0, 1_509_978_240]);
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::new(42, 0);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
