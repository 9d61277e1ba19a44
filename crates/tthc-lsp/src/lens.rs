//! Code lenses that compute, as Catala's editor runs a program's computations: above each
//! version, the appointment of a sample case (received at 09:00 on a day the version is
//! in force); above each procedure, its worked examples (`examples.yaml`), run by a
//! click. Both are commands the server executes (`workspace/executeCommand`), so any
//! client with code lenses (VS Code, Neovim) runs them without code of its own.

use super::workspace::Analysis;
use chrono::{NaiveDate, TimeZone};
use lsp_types::{CodeLens, Command, Range};
use serde_json::{Value, json};
use tthc::calendar::{Calendars, DEFAULT_CALENDAR};
use tthc::deadline::{Case, Plan, compute_due};
use tthc::examples::{self, Example};
use tthc::model::{Catalogue, Procedure, Version};
use tthc::syntax::ast::{Item, StmtKind};
use tthc::syntax::source::{FileId, Span};
use tthc::text::{Lang, Text, words};

/// The command that computes a sample appointment: arguments `[procedure id, version
/// label or null, "YYYY-MM-DD"]`.
pub const SAMPLE: &str = "tthc.sampleAppointment";
/// The command that runs a procedure's worked examples: argument `[procedure id]`.
pub const EXAMPLES: &str = "tthc.runExamples";
/// Every command the server executes.
pub const COMMANDS: [&str; 2] = [SAMPLE, EXAMPLES];

/// The day a sample case of `v` is received: today when the version is in force today,
/// else its first day (for a version that has ended or not yet begun).
pub fn sample_day(v: &Version, today: NaiveDate) -> NaiveDate {
    if v.in_force_on(today) {
        today
    } else {
        v.valid_from
    }
}

/// The appointment of a case of `v` received on `day` at 09:00 Vietnam time, in words:
/// "received 09:00 Mon 5 Jan 2026 → due 17:00, Mon 5 Jan 2026".
pub fn sample(calendars: Option<&Calendars>, v: &Version, day: NaiveDate) -> Text {
    let offset = super::workspace::vietnam();
    let Some(at) = day
        .and_hms_opt(9, 0, 0)
        .and_then(|t| offset.from_local_datetime(&t).single())
    else {
        return Text::new("—", "—");
    };
    let received = words::when(at);
    let calendar = calendars.and_then(|c| c.get(DEFAULT_CALENDAR).ok());
    // The ordinary case, or the first case of a version that has none.
    let case = (!v.has_ordinary_case())
        .then(|| v.total.variants.first().map(|(n, _)| n.as_str()))
        .flatten();
    let due = match (calendar, Plan::from_version(v, case)) {
        (Some(cal), Ok(plan)) => match compute_due(cal, &plan, &Case::received(at)) {
            Ok(d) => words::when(d.due_at),
            Err(e) => e.text(),
        },
        (None, _) => Text::new("the calendars do not load", "lịch không nạp được"),
        (_, Err(_)) => Text::new("—", "—"),
    };
    Text::new(
        format!("received {} → due {}", received.en, due.en),
        format!("nhận {} → hẹn trả {}", received.vi, due.vi),
    )
}

/// The worked examples of a procedure among every example file of its catalogue (by id
/// or national code), and the files that could not be read.
pub fn examples_of(
    catalogue: &Catalogue,
    files: &[(String, String)],
    procedure: &str,
) -> (Vec<Example>, Vec<String>) {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    for (name, text) in files {
        match examples::parse(name, text) {
            Ok(list) => found.extend(list.into_iter().filter(|e| {
                tthc::deadline::find_procedure(catalogue, &e.procedure)
                    .is_ok_and(|p| p.id == procedure)
            })),
            Err(e) => broken.push(e.render(Lang::En)),
        }
    }
    (found, broken)
}

/// Where a procedure's blocks and versions are written in a file.
struct Place {
    procedure: String,
    head: Span,
    /// Each `version` block's label and head; empty for a procedure written without
    /// versions.
    versions: Vec<(String, Span)>,
}

fn places(analysis: &Analysis, file: FileId) -> Vec<Place> {
    let Some(tree) = analysis.parsed.get(file).and_then(|p| p.tree.as_ref()) else {
        return Vec::new();
    };
    tree.items
        .iter()
        .filter_map(|item| match item {
            Item::Procedure(b) => Some(Place {
                procedure: b.name.text.clone(),
                head: b.head,
                versions: b
                    .stmts
                    .iter()
                    .filter_map(|s| match &s.kind {
                        StmtKind::Version(v) => Some((v.name.text.clone(), v.head)),
                        _ => None,
                    })
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

fn version_of<'c>(p: &'c Procedure, label: Option<&str>) -> Option<&'c Version> {
    p.versions.iter().find(|v| v.label.as_deref() == label)
}

/// The lenses of a file: a sample appointment above each version (or above the
/// procedure written without versions), and its examples above each procedure.
pub fn lenses(
    analysis: &Analysis,
    file: FileId,
    calendars: Option<&Calendars>,
    example_files: &[(String, String)],
    today: NaiveDate,
    lang: Lang,
) -> Vec<CodeLens> {
    let Some(text) = analysis.checked.files.get(file).map(|f| &f.text) else {
        return Vec::new();
    };
    let lines = super::position::Lines::new(text);
    let model = &analysis.checked.catalogue;
    let mut out = Vec::new();
    let lens = |range: Range, title: String, command: &str, arguments: Vec<Value>| CodeLens {
        range,
        command: Some(Command {
            title,
            command: command.to_string(),
            arguments: Some(arguments),
        }),
        data: None,
    };
    for place in places(analysis, file) {
        let Some(p) = model.procedure(&place.procedure) else {
            continue;
        };
        let (examples, _) = examples_of(model, example_files, &p.id);
        let n = examples.len();
        out.push(lens(
            lines.range(place.head),
            match (n, lang) {
                (0, Lang::En) => "no worked examples yet (examples.yaml)".to_string(),
                (0, Lang::Vi) => "chưa có ví dụ tính mẫu (examples.yaml)".to_string(),
                (n, Lang::En) => {
                    format!("▶ run {n} worked example{}", if n == 1 { "" } else { "s" })
                }
                (n, Lang::Vi) => format!("▶ chạy {n} ví dụ tính mẫu"),
            },
            EXAMPLES,
            vec![json!(p.id)],
        ));
        let versions: Vec<(Option<String>, Span)> = if place.versions.is_empty() {
            vec![(None, place.head)]
        } else {
            place
                .versions
                .iter()
                .map(|(l, s)| (Some(l.clone()), *s))
                .collect()
        };
        for (label, head) in versions {
            let Some(v) = version_of(p, label.as_deref()) else {
                continue;
            };
            let day = sample_day(v, today);
            out.push(lens(
                lines.range(head),
                format!("⏱ {}", sample(calendars, v, day).get(lang)),
                SAMPLE,
                vec![json!(p.id), json!(label), json!(day.to_string())],
            ));
        }
    }
    out
}

/// Runs a command: the message to show, in `lang`.
pub fn execute(
    model: &Catalogue,
    calendars: Option<&Calendars>,
    example_files: &[(String, String)],
    command: &str,
    arguments: &[Value],
    lang: Lang,
) -> Result<String, Text> {
    let arg = |i: usize| arguments.get(i).and_then(Value::as_str);
    let procedure = arg(0).and_then(|id| model.procedure(id)).ok_or_else(|| {
        Text::new(
            "no such procedure in the catalogue",
            "danh mục không có thủ tục này",
        )
    })?;
    match command {
        SAMPLE => {
            let v = version_of(procedure, arg(1)).ok_or_else(|| {
                Text::new(
                    "no such version of the procedure",
                    "thủ tục không có phiên bản này",
                )
            })?;
            let day = arg(2)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or(v.valid_from);
            Ok(format!(
                "{} ({} {}): {}",
                procedure.name_in(v),
                lang.pick("item", "mục"),
                v.source.item,
                sample(calendars, v, day).get(lang)
            ))
        }
        EXAMPLES => {
            let calendars = calendars
                .ok_or_else(|| Text::new("the calendars do not load", "lịch không nạp được"))?;
            let (found, broken) = examples_of(model, example_files, &procedure.id);
            if let Some(b) = broken.first() {
                return Err(Text::new(b.clone(), b.clone()));
            }
            if found.is_empty() {
                return Ok(lang
                    .pick(
                        "no worked example names this procedure (add one to examples.yaml beside it)",
                        "chưa có ví dụ tính mẫu nào cho thủ tục này (thêm vào examples.yaml cạnh thủ tục)",
                    )
                    .to_string());
            }
            let outcomes = examples::run(model, calendars, &found);
            let s = examples::summary(&outcomes);
            if s.failed == 0 {
                Ok(format!(
                    "{}: {}",
                    procedure.id,
                    lang.pick(
                        &format!("{} worked example(s), all pass", s.examples),
                        &format!("{} ví dụ tính mẫu, tất cả đúng", s.examples)
                    )
                ))
            } else {
                Ok(examples::render_human(&outcomes, lang))
            }
        }
        other => Err(Text::new(
            format!("tthc does not know the command `{other}`"),
            format!("tthc không có lệnh `{other}`"),
        )),
    }
}
