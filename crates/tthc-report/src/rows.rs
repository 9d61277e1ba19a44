//! Checking the case records of a chunk: every column's value, the procedure and case
//! resolved against the catalogue, the times in order and inside the calendar, the
//! pauses. Categories (procedure, variant, channel, state) are looked at once per
//! distinct value of a chunk, times as integers. A bad row becomes a [`RowError`] with
//! the column and the reason in both languages; the good ones become [`Good`] columns.

use crate::law::{Law, NS, Nanos};
use crate::read::{BadTime, Chunk, TextCol, text as tc};
use crate::schema::{CHANNELS, COLUMNS, PAUSES, STATES, col};
use chrono::Datelike;
use std::collections::HashMap;
use tthc::calendar::OutOfHorizon;
use tthc::datetime::{DatetimeError, parse_local};
use tthc::deadline::bulk::NULL;
use tthc::text::Text;

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// A stable code: `missing_value`, `bad_datetime`, `impossible_datetime`,
    /// `out_of_range`, `bad_channel`, `bad_state`, `unknown_procedure`,
    /// `no_version_in_force`, `unknown_variant`, `case_required`,
    /// `restart_before_receipt`, `completed_before_receipt`, `completed_before_restart`,
    /// `state_needs_completed_at`, `open_with_completed_at`, `bad_pause`, `malformed_row`,
    /// and the engine's codes (`out_of_range`, …) when its count fails.
    pub code: &'static str,
    /// The column at fault, when one is.
    pub column: Option<&'static str>,
    /// What is wrong and how to fix it.
    pub reason: Text,
}

impl RowError {
    /// An error of the row as a whole.
    pub fn row(code: &'static str, reason: Text) -> RowError {
        RowError {
            code,
            column: None,
            reason,
        }
    }

    fn at(column: usize, code: &'static str, reason: Text) -> RowError {
        RowError {
            code,
            column: Some(COLUMNS[column]),
            reason,
        }
    }

    /// An error of the `pauses` column.
    pub fn pauses(reason: Text) -> RowError {
        RowError {
            code: "bad_pause",
            column: Some(PAUSES),
            reason,
        }
    }

    /// An error of the named column.
    pub fn in_column(column: &'static str, code: &'static str, reason: Text) -> RowError {
        RowError {
            code,
            column: Some(column),
            reason,
        }
    }
}

/// The good rows of a chunk, as columns.
#[derive(Debug, Default)]
pub struct Good {
    /// Each row's position in the chunk.
    pub idx: Vec<u32>,
    /// Its plan (a position in [`Law::compiled`]).
    pub plan: Vec<u32>,
    /// `received_at`, `restarted_at`, `completed_at`, `portal_due_at`, in nanoseconds.
    pub received: Vec<Nanos>,
    /// See `received`.
    pub restarted: Vec<Nanos>,
    /// See `received`.
    pub completed: Vec<Nanos>,
    /// See `received`.
    pub portal: Vec<Nanos>,
    /// The position of the channel in [`CHANNELS`].
    pub channel: Vec<u8>,
    /// The position of the state in [`STATES`].
    pub state: Vec<u8>,
    /// The grouping value (a key into the chunk's values of the `--by` column).
    pub by: Vec<u32>,
    /// The pauses of each row: offsets into `pause_from` and `pause_to`.
    pub pause_offsets: Vec<i32>,
    /// When each pause starts.
    pub pause_from: Vec<Nanos>,
    /// When it ends ([`NULL`]: still paused).
    pub pause_to: Vec<Nanos>,
}

impl Good {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.idx.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }

    /// The pauses of good row `k`.
    pub fn pauses(&self, k: usize) -> impl Iterator<Item = (Nanos, Nanos)> + '_ {
        let (a, b) = (
            self.pause_offsets[k] as usize,
            self.pause_offsets[k + 1] as usize,
        );
        self.pause_from[a..b]
            .iter()
            .copied()
            .zip(self.pause_to[a..b].iter().copied())
    }

    /// True when row `k` has pause periods.
    pub fn has_pauses(&self, k: usize) -> bool {
        self.pause_offsets[k + 1] > self.pause_offsets[k]
    }
}

fn missing(i: usize) -> RowError {
    RowError::at(
        i,
        "missing_value",
        Text::new(
            format!("`{}` is empty; every row needs one", COLUMNS[i]),
            format!("`{}` để trống; dòng nào cũng phải có", COLUMNS[i]),
        ),
    )
}

/// The core's wording of a datetime or horizon problem, said of `column`.
fn said_of(column: &'static str, code: &'static str, text: Text) -> RowError {
    RowError::in_column(
        column,
        code,
        Text::new(
            format!("`{column}`: {}", text.en),
            format!("`{column}`: {}", text.vi),
        ),
    )
}

/// A time outside the years the calendar covers: the engine's `out_of_range`, worded by
/// the core ([`OutOfHorizon`]) when the day is known.
fn outside(law: &Law, column: &'static str, at: Option<Nanos>) -> RowError {
    let (first, last) = law.horizon();
    let (from, to) = (first.year(), last.year());
    let date = at.map(|ns| {
        chrono::DateTime::from_timestamp_nanos(ns)
            .with_timezone(&law.offset())
            .date_naive()
    });
    let text = match date {
        Some(date) => OutOfHorizon { date, from, to }.text(),
        None => Text::new(
            format!("the time lies outside the years the calendar covers ({from} to {to})"),
            format!("thời điểm nằm ngoài các năm lịch làm việc có ({from} đến {to})"),
        ),
    };
    said_of(column, OutOfHorizon::CODE, text)
}

fn bad_time(i: usize, bad: u8, text: &str, law: &Law) -> RowError {
    let error = if bad == BadTime::Impossible as u8 {
        DatetimeError::Impossible
    } else if bad == BadTime::OutOfRange as u8 {
        return outside(law, COLUMNS[i], None);
    } else {
        DatetimeError::Unrecognised
    };
    said_of(COLUMNS[i], error.code(), error.text(text))
}

fn one_of(value: &str, allowed: &[&'static str]) -> Option<u8> {
    allowed
        .iter()
        .position(|a| a.eq_ignore_ascii_case(value))
        .map(|p| p as u8)
}

/// Reads a `pauses` cell: pauses separated by `;`, each `FROM--TO` (or `FROM/TO` when
/// the times have no slash), `TO` empty for a pause still running.
pub fn parse_pauses(cell: &str, offset: chrono::FixedOffset) -> Result<Vec<(Nanos, Nanos)>, Text> {
    let mut out = Vec::new();
    let time = |s: &str| -> Result<Nanos, Text> {
        match parse_local(s, offset) {
            Ok(t) => t.timestamp_nanos_opt().ok_or_else(|| {
                Text::new(
                    format!("`{s}` is out of range"),
                    format!("`{s}` nằm ngoài phạm vi"),
                )
            }),
            Err(e) => Err(e.text(s)),
        }
    };
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (from, to) = if let Some((a, b)) = part.split_once("--") {
            (a.trim(), b.trim())
        } else {
            // `FROM/TO`: the slash that leaves a readable time on its left.
            let cut = part
                .match_indices('/')
                .map(|(i, _)| i)
                .find(|&i| parse_local(part[..i].trim(), offset).is_ok());
            match cut {
                Some(i) => (part[..i].trim(), part[i + 1..].trim()),
                None => (part, ""),
            }
        };
        let from = time(from)?;
        let to = if to.is_empty() { NULL } else { time(to)? };
        out.push((from, to));
    }
    Ok(out)
}

/// Checks every row of `chunk`: the good ones are returned as [`Good`] columns, each bad
/// one is handed to `reject` with its position in the chunk (which returns `false` to
/// stop: then `None`). `by_values` interns the chunk's `--by` values.
pub fn check(
    law: &Law,
    chunk: &Chunk,
    by_values: &mut dyn FnMut(Option<&str>) -> u32,
    reject: &mut dyn FnMut(usize, RowError) -> bool,
) -> Option<Good> {
    let n = chunk.len();
    let case_id = TextCol::new(&chunk.text[tc::CASE_ID]);
    let (proc_keys, proc_values) = TextCol::new(&chunk.text[tc::PROCEDURE]).categories(n);
    let (var_keys, var_values) = TextCol::new(&chunk.text[tc::VARIANT]).categories(n);
    let (ch_keys, ch_values) = TextCol::new(&chunk.text[tc::CHANNEL]).categories(n);
    let (st_keys, st_values) = TextCol::new(&chunk.text[tc::STATE]).categories(n);
    let by_ids: Option<Vec<u32>> = chunk.by.as_ref().map(|b| {
        let (keys, values) = TextCol::new(b).categories(n);
        let ids: Vec<u32> = values.iter().map(|v| by_values(Some(v))).collect();
        let none = by_values(None);
        keys.iter()
            .map(|&k| ids.get(k as usize).copied().unwrap_or(none))
            .collect()
    });
    let procedures: Vec<Option<u32>> = proc_values.iter().map(|v| law.procedure_index(v)).collect();
    let channels: Vec<Option<u8>> = ch_values.iter().map(|v| one_of(v, &CHANNELS)).collect();
    let states: Vec<Option<u8>> = st_values.iter().map(|v| one_of(v, &STATES)).collect();
    let pauses_col = chunk.pauses.as_ref().map(TextCol::new);
    let (h_from, h_to) = law.horizon_ns();
    let offset = law.offset();
    let mut plans: HashMap<(u32, u32, u32), Option<u32>> = HashMap::new();
    let mut good = Good {
        pause_offsets: vec![0],
        ..Good::default()
    };
    let t = &chunk.times;
    for i in 0..n {
        let result = (|| -> Result<(), RowError> {
            if case_id.value(i).is_none() {
                return Err(missing(col::CASE_ID));
            }
            let pk = proc_keys[i];
            if pk == u32::MAX {
                return Err(missing(col::PROCEDURE));
            }
            let ck = ch_keys[i];
            if ck == u32::MAX {
                return Err(missing(col::CHANNEL));
            }
            let Some(channel) = channels[ck as usize] else {
                let v = ch_values[ck as usize];
                return Err(RowError::at(
                    col::CHANNEL,
                    "bad_channel",
                    Text::new(
                        format!(
                            "`channel` is `{v}`; write `direct` (at the desk), `online` or `postal` (by post)"
                        ),
                        format!(
                            "`channel` là `{v}`; hãy viết `direct` (trực tiếp), `online` (trực tuyến) hoặc `postal` (qua bưu chính)"
                        ),
                    ),
                ));
            };
            let sk = st_keys[i];
            if sk == u32::MAX {
                return Err(missing(col::STATE));
            }
            let Some(state) = states[sk as usize] else {
                let v = st_values[sk as usize];
                return Err(RowError::at(
                    col::STATE,
                    "bad_state",
                    Text::new(
                        format!("`state` is `{v}`; write one of {}", STATES.join(", ")),
                        format!("`state` là `{v}`; hãy viết một trong {}", STATES.join(", ")),
                    ),
                ));
            };
            let time = |k: usize, column: usize| -> Result<Nanos, RowError> {
                let tk = &t[k];
                if tk.bad[i] != 0 {
                    let text = tk
                        .text
                        .as_ref()
                        .and_then(|a| TextCol::new(a).value(i))
                        .unwrap_or("")
                        .to_string();
                    return Err(bad_time(column, tk.bad[i], &text, law));
                }
                let v = tk.ns[i];
                if v != NULL && (v < h_from || v >= h_to) {
                    return Err(outside(law, COLUMNS[column], Some(v)));
                }
                Ok(v)
            };
            let received = time(0, col::RECEIVED_AT)?;
            if received == NULL {
                return Err(missing(col::RECEIVED_AT));
            }
            let restarted = time(1, col::RESTARTED_AT)?;
            let completed = time(2, col::COMPLETED_AT)?;
            let portal = time(3, col::PORTAL_DUE_AT)?;
            let before = |i: usize, code: &'static str, what: &str| {
                RowError::at(
                    i,
                    code,
                    Text::new(
                        format!("`{}` is before {what}", COLUMNS[i]),
                        format!("`{}` trước {what}", COLUMNS[i]),
                    ),
                )
            };
            if restarted != NULL && restarted < received {
                return Err(before(
                    col::RESTARTED_AT,
                    "restart_before_receipt",
                    "`received_at`",
                ));
            }
            if completed != NULL {
                if completed < received {
                    return Err(before(
                        col::COMPLETED_AT,
                        "completed_before_receipt",
                        "`received_at`",
                    ));
                }
                if restarted != NULL && completed < restarted {
                    return Err(before(
                        col::COMPLETED_AT,
                        "completed_before_restart",
                        "`restarted_at`",
                    ));
                }
            }
            let state_name = STATES[state as usize];
            match (state_name, completed) {
                ("completed" | "returned" | "cancelled", NULL) => {
                    return Err(RowError::at(
                        col::COMPLETED_AT,
                        "state_needs_completed_at",
                        Text::new(
                            format!(
                                "the state is `{state_name}` but `completed_at` is empty; give the time the case was {state_name}"
                            ),
                            format!(
                                "trạng thái là `{state_name}` nhưng `completed_at` để trống; hãy ghi thời điểm kết thúc hồ sơ"
                            ),
                        ),
                    ));
                }
                ("processing" | "paused", c) if c != NULL => {
                    return Err(RowError::at(
                        col::COMPLETED_AT,
                        "open_with_completed_at",
                        Text::new(
                            format!(
                                "the state is `{state_name}` but `completed_at` is set; an open case has no completion time"
                            ),
                            format!(
                                "trạng thái là `{state_name}` nhưng `completed_at` có giá trị; hồ sơ đang xử lý chưa có thời điểm kết thúc"
                            ),
                        ),
                    ));
                }
                _ => {}
            }
            let vk = var_keys[i];
            let variant = (vk != u32::MAX).then(|| var_values[vk as usize]);
            let day =
                (received.div_euclid(NS) + i64::from(offset.local_minus_utc())).div_euclid(86_400);
            let resolved = procedures[pk as usize].and_then(|p| {
                let v = law.version_on(p, day)?;
                *plans
                    .entry((p, v, vk))
                    .or_insert_with(|| law.case_plan(p, v, variant))
            });
            let Some(plan) = resolved else {
                let date = tthc::calendar::index::date_of_epoch(day);
                let key = proc_values[pk as usize];
                return Err(match law.resolve(key, date, variant) {
                    Err(e) => resolve_error(e),
                    // The index and the resolver read the same catalogue; should they
                    // ever disagree, the row is still refused, never counted wrongly.
                    Ok(_) => missing(col::PROCEDURE),
                });
            };
            let pauses = match pauses_col.as_ref().and_then(|c| c.value(i)) {
                None => Vec::new(),
                Some(cell) => parse_pauses(cell, offset).map_err(RowError::pauses)?,
            };
            for &(from, to) in &pauses {
                let bad = |en: &str, vi: &str| Err(RowError::pauses(Text::new(en, vi)));
                if from < received {
                    return bad(
                        "a pause starts before the file was received",
                        "khoảng tạm dừng bắt đầu trước khi tiếp nhận hồ sơ",
                    );
                }
                if to != NULL && to < from {
                    return bad(
                        "a pause ends before it starts",
                        "khoảng tạm dừng kết thúc trước khi bắt đầu",
                    );
                }
                if completed != NULL && (to == NULL || to > completed) {
                    return bad(
                        "a pause runs past the completion",
                        "khoảng tạm dừng kéo dài quá thời điểm kết thúc hồ sơ",
                    );
                }
                if from >= h_to || to != NULL && to >= h_to {
                    return Err(outside(
                        law,
                        PAUSES,
                        Some(if from >= h_to { from } else { to }),
                    ));
                }
            }
            good.idx.push(i as u32);
            good.plan.push(plan);
            good.received.push(received);
            good.restarted.push(restarted);
            good.completed.push(completed);
            good.portal.push(portal);
            good.channel.push(channel);
            good.state.push(state);
            good.by.push(by_ids.as_ref().map_or(0, |b| b[i]));
            for (f, t) in pauses {
                good.pause_from.push(f);
                good.pause_to.push(t);
            }
            good.pause_offsets.push(good.pause_from.len() as i32);
            Ok(())
        })();
        if let Err(e) = result
            && !reject(i, e)
        {
            return None;
        }
    }
    Some(good)
}

impl Good {
    /// Removes the rows at `bad` (positions in these columns, ascending).
    pub fn remove(&mut self, bad: &[usize]) {
        if bad.is_empty() {
            return;
        }
        let old = std::mem::take(self);
        let mut out = Good {
            pause_offsets: vec![0],
            ..Good::default()
        };
        let mut skip = bad.iter().peekable();
        for k in 0..old.len() {
            if skip.peek() == Some(&&k) {
                skip.next();
                continue;
            }
            out.idx.push(old.idx[k]);
            out.plan.push(old.plan[k]);
            out.received.push(old.received[k]);
            out.restarted.push(old.restarted[k]);
            out.completed.push(old.completed[k]);
            out.portal.push(old.portal[k]);
            out.channel.push(old.channel[k]);
            out.state.push(old.state[k]);
            out.by.push(old.by[k]);
            for (f, t) in old.pauses(k) {
                out.pause_from.push(f);
                out.pause_to.push(t);
            }
            out.pause_offsets.push(out.pause_from.len() as i32);
        }
        *self = out;
    }
}

/// The row error of a procedure or case that does not resolve, worded for a clerk.
pub fn resolve_error(e: tthc::deadline::ResolveError) -> RowError {
    let column = match e.code() {
        "unknown_variant" | "case_required" => col::VARIANT,
        _ => col::PROCEDURE,
    };
    let code = e.code();
    let reason = match &e {
        // The engine's wording points API clients at GET /v1/procedures; a clerk
        // reading a rejected row needs the command instead.
        tthc::deadline::ResolveError::UnknownProcedure { id, suggestion } => {
            let hint = match suggestion {
                Some(s) => tthc::text::words::did_you_mean(s),
                None => Text::new(
                    "`tthc list` lists the catalogue's ids and national codes",
                    "`tthc list` liệt kê mã và mã quốc gia của danh mục",
                ),
            };
            Text::new(
                format!("there is no procedure `{id}` in the catalogue; {}", hint.en),
                format!("danh mục không có thủ tục `{id}`; {}", hint.vi),
            )
        }
        _ => e.text(),
    };
    RowError::at(column, code, reason)
}
