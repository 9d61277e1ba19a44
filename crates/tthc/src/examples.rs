//! Worked examples: legal staff pin what a procedure means with cases worked out by hand
//! (received at, case, pauses, restart, the expected appointment, optionally each step's
//! due time or the status at a moment), kept in an `examples.yaml` beside the
//! procedures. [`parse`] reads one file, [`run`] computes every example with the same
//! service `tthc due` uses, and [`render_human`], [`render_json`] and
//! [`render_github`] word the results. The format is documented in `docs/examples.md`.
//!
//! This module does no I/O: `sources` finds the files and the command line reads them.

use crate::calendar::Calendars;
use crate::deadline::{self, Due, narrate, status_at_due, status_completed_due};
use crate::model::Catalogue;
use crate::service::{DeadlineRequest, PauseInput, ServiceError, case, deadlines};
use crate::text::{Lang, Text, words};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// The file name examples are kept in, in a decision's folder.
pub use crate::sources::EXAMPLES_FILE as FILE_NAME;

/// An example file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    examples: Vec<Spanned<RawExample>>,
}

/// One example as written: every time is text in a form `tthc due` accepts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    procedure: String,
    received: String,
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    calendar: Option<String>,
    #[serde(default)]
    pauses: Vec<String>,
    #[serde(default)]
    restarted: Option<String>,
    due: String,
    #[serde(default)]
    steps: BTreeMap<String, String>,
    #[serde(default)]
    status: Option<RawStatus>,
    how: String,
}

/// The status expected at a moment (`at`) or at completion (`completed`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    completed: Option<String>,
    is: String,
}

/// One worked example, read and checked for form (its times are still text: they are
/// read at the calendar's offset when the example runs).
#[derive(Debug, Clone)]
pub struct Example {
    /// The file it was read from, as given to [`parse`].
    pub file: String,
    /// The line of the example's first field.
    pub line: usize,
    /// Procedure id or national code.
    pub procedure: String,
    /// When the complete file was received.
    pub received: String,
    /// The case, `None` for the ordinary one.
    pub variant: Option<String>,
    /// Calendar id (default: `vn`).
    pub calendar: Option<String>,
    /// Periods the clock is stopped: `FROM/TO`.
    pub pauses: Vec<String>,
    /// When the supplemented file came back.
    pub restarted: Option<String>,
    /// The expected appointment.
    pub due: String,
    /// Expected due times of steps, by step id.
    pub steps: BTreeMap<String, String>,
    /// Expected status: (`at` or `completed`, the moment, the status code).
    pub status: Option<(StatusWhen, String, String)>,
    /// How the expected values were worked out by hand.
    pub how: String,
}

/// Whether an expected status is of an open case or of a finished one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusWhen {
    /// An open case looked at a moment.
    At,
    /// A case finished at a moment.
    Completed,
}

/// Why an example file cannot be run: its file, line and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file.
    pub file: String,
    /// The line (1-based), when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: Text,
}

impl FileError {
    /// `file:line: message` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self.line {
            Some(l) => format!("{}:{l}: {}", self.file, self.message.get(lang)),
            None => format!("{}: {}", self.file, self.message.get(lang)),
        }
    }
}

const STATUS_CODES: &[&str] = &["not_due", "due_soon", "overdue", "early", "on_time", "late"];

/// Reads an example file. Anything malformed (YAML, an unknown field, a missing `how`,
/// a status that does not exist) is an error with its line, so the file cannot be run.
pub fn parse(file: &str, text: &str) -> Result<Vec<Example>, FileError> {
    let raw: RawFile = serde_saphyr::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line() as usize).filter(|l| *l > 0);
        let reason = e.to_string();
        // The library's message repeats the position; keep its first line only.
        let reason = reason.lines().next().unwrap_or_default().to_string();
        FileError {
            file: file.to_string(),
            line,
            message: Text::new(
                format!("not a valid example file: {reason} (see docs/examples.md)"),
                format!("tệp ví dụ không hợp lệ: {reason} (xem docs/examples.md)"),
            ),
        }
    })?;
    let mut out = Vec::with_capacity(raw.examples.len());
    for s in raw.examples {
        let line = s.referenced.line() as usize;
        let r = s.value;
        let bad = |en: String, vi: String| FileError {
            file: file.to_string(),
            line: Some(line),
            message: Text::new(en, vi),
        };
        if r.how.trim().is_empty() {
            return Err(bad(
                "the example has no `how`: say how the expected values were worked out by hand"
                    .into(),
                "ví dụ thiếu `how`: hãy ghi cách tính tay các giá trị mong đợi".into(),
            ));
        }
        let status = match r.status {
            None => None,
            Some(st) => {
                if !STATUS_CODES.contains(&st.is.as_str()) {
                    return Err(bad(
                        format!(
                            "status `{}` does not exist; write one of {}",
                            st.is,
                            STATUS_CODES.join(", ")
                        ),
                        format!(
                            "không có trạng thái `{}`; hãy viết một trong {}",
                            st.is,
                            STATUS_CODES.join(", ")
                        ),
                    ));
                }
                let (when, moment) = match (st.at, st.completed) {
                    (Some(a), None) => (StatusWhen::At, a),
                    (None, Some(c)) => (StatusWhen::Completed, c),
                    _ => {
                        return Err(bad(
                            "a status gives exactly one of `at` (an open case) or `completed`"
                                .into(),
                            "trạng thái ghi đúng một trong `at` (hồ sơ đang giải quyết) hoặc `completed`"
                                .into(),
                        ));
                    }
                };
                Some((when, moment, st.is))
            }
        };
        for p in &r.pauses {
            // `04/03/2025 10:00` forms have slashes of their own: a pause is then written
            // with ` / ` between its ends.
            if !p.contains(" / ") && p.matches('/').count() != 1 {
                return Err(bad(
                    format!("pause `{p}` must be FROM/TO (or `FROM / TO`)"),
                    format!("khoảng tạm dừng `{p}` phải có dạng TỪ/ĐẾN (hoặc `TỪ / ĐẾN`)"),
                ));
            }
        }
        out.push(Example {
            file: file.to_string(),
            line,
            procedure: r.procedure,
            received: r.received,
            variant: r.variant,
            calendar: r.calendar,
            pauses: r.pauses,
            restarted: r.restarted,
            due: r.due,
            steps: r.steps,
            status,
            how: r.how.trim().to_string(),
        });
    }
    Ok(out)
}

/// One difference between what an example expects and what the engine computed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mismatch {
    /// What differs: `due`, `step receive`, `status`, or `error`.
    pub what: String,
    /// The example's value.
    pub expected: String,
    /// The engine's value (or why it could not compute one).
    pub computed: String,
}

/// The result of one example.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The example's file.
    pub file: String,
    /// The example's line.
    pub line: usize,
    /// The procedure asked about.
    pub procedure: String,
    /// The case, when not the ordinary one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// When it was received, as written.
    pub received: String,
    /// Every difference; empty when the example passes.
    pub mismatches: Vec<Mismatch>,
    /// The engine's explanation of its result (English), when it computed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The same in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation_vi: Option<String>,
    /// How the example's values were worked out by hand.
    pub how: String,
}

impl Outcome {
    /// True when the engine agrees with the example.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

fn read_time(text: &str, offset: FixedOffset) -> Result<DateTime<FixedOffset>, String> {
    crate::service::case::datetime("", text, offset).map_err(|e| e.text.en)
}

/// Written like the examples are: `2025-03-07 10:00` at the calendar's offset.
fn show(t: DateTime<FixedOffset>, offset: FixedOffset) -> String {
    let local = t.with_timezone(&offset);
    format!(
        "{} ({})",
        local.format("%Y-%m-%d %H:%M"),
        words::day(local.date_naive()).en
    )
}

/// Runs one example against a catalogue and its calendars.
pub fn run_one(catalogue: &Catalogue, calendars: &Calendars, ex: &Example) -> Outcome {
    let mut outcome = Outcome {
        file: ex.file.clone(),
        line: ex.line,
        procedure: ex.procedure.clone(),
        variant: ex.variant.clone(),
        received: ex.received.clone(),
        mismatches: Vec::new(),
        explanation: None,
        explanation_vi: None,
        how: ex.how.clone(),
    };
    if let Err(e) = compare(catalogue, calendars, ex, &mut outcome) {
        outcome.mismatches.push(Mismatch {
            what: "error".into(),
            expected: format!("due {}", ex.due),
            computed: e,
        });
    }
    outcome
}

/// Computes the example and records every difference; an `Err` is a case the engine
/// refused (unknown procedure, no version in force, unknown case, a bad time).
fn compare(
    catalogue: &Catalogue,
    calendars: &Calendars,
    ex: &Example,
    out: &mut Outcome,
) -> Result<(), String> {
    // The case is read and resolved as `tthc due` and the API read and resolve it.
    let pauses = ex
        .pauses
        .iter()
        .map(|p| {
            let (from, to) = case::split_pause(p)?;
            Ok(PauseInput {
                from: from.to_string(),
                to: to.to_string(),
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()
        .map_err(|e| e.text.en)?;
    let request = DeadlineRequest {
        variant: ex.variant.clone(),
        pauses: Some(pauses),
        restarted_at: ex.restarted.clone(),
        calendar: ex.calendar.clone(),
        ..DeadlineRequest::new(&ex.procedure, &ex.received)
    };
    let prepared = deadlines::prepare_in(catalogue, calendars, &request).map_err(|e| e.text.en)?;
    let due: Due<'_> = deadlines::due_of(&request, &prepared).map_err(|e| e.text.en)?;
    let (calendar, resolved, case) = (prepared.calendar, &prepared.resolved, &prepared.case);
    let offset = calendar.index().offset();

    let expected_due = read_time(&ex.due, offset)?;
    if expected_due != due.due_at {
        out.mismatches.push(Mismatch {
            what: "due".into(),
            expected: show(expected_due, offset),
            computed: show(due.due_at, offset),
        });
    }
    for (id, want) in &ex.steps {
        let want = read_time(want, offset)?;
        match due.steps.iter().find(|s| s.id == id) {
            Some(s) if s.due_at == want => {}
            Some(s) => out.mismatches.push(Mismatch {
                what: format!("step {id}"),
                expected: show(want, offset),
                computed: show(s.due_at, offset),
            }),
            None => out.mismatches.push(Mismatch {
                what: format!("step {id}"),
                expected: show(want, offset),
                computed: format!(
                    "the procedure has no step `{id}` (its steps: {})",
                    due.steps
                        .iter()
                        .map(|s| s.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
    if let Some((when, moment, want)) = &ex.status {
        let at = read_time(moment, offset)?;
        let report = match when {
            StatusWhen::At => status_at_due(
                calendar,
                &resolved.plan,
                case,
                &due,
                at,
                deadline::DEFAULT_DUE_SOON_MINUTES,
            ),
            StatusWhen::Completed => status_completed_due(calendar, &resolved.plan, case, &due, at),
        }
        .map_err(|e| e.text().en)?;
        if report.status.code() != want {
            let label = match when {
                StatusWhen::At => format!("status at {moment}"),
                StatusWhen::Completed => format!("status completed {moment}"),
            };
            out.mismatches.push(Mismatch {
                what: label,
                expected: want.clone(),
                computed: report.status.code().to_string(),
            });
        }
    }
    if !out.mismatches.is_empty() {
        let why =
            deadline::explain(calendar, &resolved.plan, case, &due).map_err(|e| e.text().en)?;
        let basis = narrate::Basis {
            decision: resolved.version.source.decision.clone(),
            item: resolved.version.source.item.clone(),
        };
        let text = narrate::summary(&why, Some(&basis));
        out.explanation = Some(text.en);
        out.explanation_vi = Some(text.vi);
    }
    Ok(())
}

/// Runs every example.
pub fn run(catalogue: &Catalogue, calendars: &Calendars, examples: &[Example]) -> Vec<Outcome> {
    examples
        .iter()
        .map(|e| run_one(catalogue, calendars, e))
        .collect()
}

/// The JSON summary: `{"examples": N, "passed": P, "failed": F, "failures": [...]}`.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    /// How many examples ran.
    pub examples: usize,
    /// How many passed.
    pub passed: usize,
    /// How many failed.
    pub failed: usize,
    /// The failed examples, with expected and computed values.
    pub failures: Vec<&'a Outcome>,
}

/// The counts and failures of a run.
pub fn summary(outcomes: &[Outcome]) -> Summary<'_> {
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| !o.passed()).collect();
    Summary {
        examples: outcomes.len(),
        passed: outcomes.len() - failures.len(),
        failed: failures.len(),
        failures,
    }
}

/// The JSON summary, pretty-printed.
pub fn render_json(outcomes: &[Outcome]) -> String {
    let mut s = serde_json::to_string_pretty(&summary(outcomes))
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// For people: each failure with its file and line, expected and computed side by side,
/// the engine's explanation and the example's own reasoning; then the counts.
pub fn render_human(outcomes: &[Outcome], lang: Lang) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| !o.passed()) {
        let case = o
            .variant
            .as_deref()
            .map(|v| format!(" ({} {v})", lang.pick("case", "trường hợp")))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}: {} {}{case}, {} {}\n",
            o.file,
            o.line,
            lang.pick("FAIL", "SAI"),
            o.procedure,
            lang.pick("received", "tiếp nhận"),
            o.received
        ));
        let width = o
            .mismatches
            .iter()
            .map(|m| m.what.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        let (exp, comp) = (
            lang.pick("expected", "mong đợi"),
            lang.pick("computed", "tính được"),
        );
        let col = o
            .mismatches
            .iter()
            .map(|m| m.expected.chars().count())
            .max()
            .unwrap_or(0)
            .max(exp.chars().count());
        out.push_str(&format!(
            "    {:width$}  {exp:col$}  {comp}\n",
            "",
            width = width,
            col = col
        ));
        for m in &o.mismatches {
            out.push_str(&format!(
                "    {:width$}  {:col$}  {}\n",
                m.what,
                m.expected,
                m.computed,
                width = width,
                col = col
            ));
        }
        let why = match lang {
            Lang::En => o.explanation.as_deref(),
            Lang::Vi => o.explanation_vi.as_deref(),
        };
        if let Some(w) = why {
            out.push_str(&format!("    {}: {w}\n", lang.pick("engine", "máy tính")));
        }
        out.push_str(&format!(
            "    {}: {}\n\n",
            lang.pick("worked by hand", "tính tay"),
            o.how
        ));
    }
    let s = summary(outcomes);
    out.push_str(&match lang {
        Lang::En => format!(
            "{} examples: {} passed, {} failed\n",
            s.examples, s.passed, s.failed
        ),
        Lang::Vi => format!(
            "{} ví dụ: {} đúng, {} sai\n",
            s.examples, s.passed, s.failed
        ),
    });
    out
}

/// GitHub Actions annotations: one `::error file=…,line=…::…` per failure.
pub fn render_github(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| !o.passed()) {
        let diffs: Vec<String> = o
            .mismatches
            .iter()
            .map(|m| {
                format!(
                    "{}: expected {}, computed {}",
                    m.what, m.expected, m.computed
                )
            })
            .collect();
        let mut msg = format!(
            "{} received {}: {}",
            o.procedure,
            o.received,
            diffs.join("; ")
        );
        if let Some(w) = &o.explanation {
            msg.push_str(&format!(". Engine: {w}"));
        }
        msg.push_str(&format!(" Worked by hand: {}", o.how));
        out.push_str(&format!(
            "::error file={},line={}::{}\n",
            escape_property(&o.file),
            o.line,
            escape_data(&msg)
        ));
    }
    let s = summary(outcomes);
    out.push_str(&format!(
        "{} examples: {} passed, {} failed\n",
        s.examples, s.passed, s.failed
    ));
    out
}

/// A file error as a GitHub annotation.
pub fn github_file_error(e: &FileError) -> String {
    format!(
        "::error file={}{}::{}\n",
        escape_property(&e.file),
        e.line.map(|l| format!(",line={l}")).unwrap_or_default(),
        escape_data(&e.message.en)
    )
}

/// Workflow-command escaping of a message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping of a property (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_rejects_a_missing_how() {
        let text = "examples:\n  - procedure: p\n    received: 2025-03-04 10:00\n    due: 2025-03-07 10:00\n    how: by hand\n  - procedure: q\n    received: 2025-03-04 10:00\n    due: 2025-03-07 10:00\n    how: again\n";
        let ex = parse("f.yaml", text).unwrap();
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].received, "2025-03-04 10:00");
        assert_eq!((ex[0].line, ex[1].line), (2, 6));
        let bad = "examples:\n  - procedure: p\n    received: x\n    due: y\n";
        let e = parse("f.yaml", bad).unwrap_err();
        assert_eq!(e.file, "f.yaml");
        assert!(e.line.is_some(), "{e:?}");
    }

    #[test]
    fn an_unknown_field_is_an_error_with_its_line() {
        let text = "examples:\n  - procedure: p\n    received: 2025-03-04 10:00\n    due: 2025-03-07 10:00\n    expected: 2025-03-07 10:00\n    how: by hand\n";
        let e = parse("f.yaml", text).unwrap_err();
        assert!(e.line.is_some_and(|l| (2..=5).contains(&l)), "{e:?}");
    }
}
