//! Emitters: turn a validated catalogue into files other systems and people read —
//! workflow configurations (JSON, YAML, JSON Schema), BPMN 2.0 processes, review tables
//! (HTML, Markdown) and an index (`catalogue.json`).
//!
//! [`build`] produces every file in memory, so that nothing is written unless everything
//! could be built; [`out_dir::write`] then puts it in the output folder without touching
//! anything a build did not write.

pub mod bpmn;
pub mod index;
pub mod out_dir;
pub mod review;
pub mod workflow;

use crate::model::Catalogue;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The working day the minute figures assume: the length of a working day of the
/// calendar the configs are built for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WorkingDay {
    /// Working minutes in one working day.
    pub minutes: i64,
    /// Id of the calendar the figure comes from.
    pub calendar: String,
    /// The calendar's default cutoff (`HH:MM`): a receipt after it counts from the next
    /// working day, in the counts it reaches (`cutoff_reach`), for every procedure that
    /// states no cutoff of its own. `null` when the calendar has none.
    #[schemars(regex(pattern = r"^\d{2}:\d{2}$"))]
    pub cutoff: Option<String>,
    /// Which counts the calendar's cutoff reaches when neither the procedure nor its
    /// decision says: `same_day` (same-day counts only) or `every_count`.
    #[schemars(regex(pattern = r"^(same_day|every_count)$"))]
    pub cutoff_reach: String,
    /// How due times are given: `keep_clock_time` (a due time keeps the clock time the
    /// count started at: Tue 11:04 + 3 days → 11:04) or `end_of_day` (the end of the
    /// working day on which the time runs out).
    #[schemars(regex(pattern = r"^(keep_clock_time|end_of_day)$"))]
    pub due_time: String,
}

impl WorkingDay {
    /// The default `vn` calendar: 07:30–11:30 and 13:00–17:00, 480 minutes.
    pub const VN_MINUTES: i64 = 480;

    /// The default `vn` calendar's working day (its YAML says the same; a test keeps
    /// them equal).
    pub fn vn() -> WorkingDay {
        WorkingDay {
            minutes: Self::VN_MINUTES,
            calendar: "vn".to_string(),
            cutoff: Some("15:00".to_string()),
            cutoff_reach: "same_day".to_string(),
            due_time: "keep_clock_time".to_string(),
        }
    }
}

impl WorkingDay {
    /// The working day of a loaded calendar.
    pub fn of(calendar: &crate::calendar::WorkingCalendar) -> WorkingDay {
        let config = calendar.config();
        WorkingDay {
            minutes: calendar.index().minutes_per_day(),
            calendar: config.id.clone(),
            cutoff: config.cutoff.map(|t| t.format("%H:%M").to_string()),
            cutoff_reach: config.cutoff_reach.code().to_string(),
            due_time: match config.due_time {
                crate::calendar::DueTimeConvention::KeepClockTime => "keep_clock_time",
                crate::calendar::DueTimeConvention::EndOfDay => "end_of_day",
            }
            .to_string(),
        }
    }
}

impl Default for WorkingDay {
    fn default() -> Self {
        WorkingDay::vn()
    }
}

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The working day minute figures assume.
    pub working_day: WorkingDay,
    /// The files the catalogue was read from; empty when it was built some other way.
    pub sources: Sources,
}

/// The files a catalogue was read from, indexed by the `file` of every `Loc`: the review
/// tables show each time with its number as written (`1/4 ngày`, not `0,25`) and link
/// every row to its file and line.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The files.
    pub files: Vec<crate::syntax::source::SourceFile>,
    /// What a row's link starts with, followed by the file's path and `#L` and its line
    /// (a repository's web address, or a relative path from the review folder to the
    /// catalogue's); `None` names the file and line without a link.
    pub link_base: Option<String>,
}

impl Sources {
    /// The text at a place, when the file is known.
    pub fn text(&self, loc: crate::syntax::source::Loc) -> Option<&str> {
        let f = self.files.get(loc.file)?;
        f.text.get(loc.span.start..loc.span.end)
    }

    /// `file.tthc:LINE` for a place (the file name without its folders), and the link to
    /// it when there is a link base.
    pub fn place(&self, loc: crate::syntax::source::Loc) -> Option<(String, Option<String>)> {
        let f = self.files.get(loc.file)?;
        let line = f.line_of(loc.span.start.min(f.text.len()));
        let name = f.path.rsplit(['/', '\\']).next().unwrap_or(&f.path);
        let link = self
            .link_base
            .as_ref()
            .map(|base| format!("{base}{}#L{line}", f.path.replace('\\', "/")));
        Some((format!("{name}:{line}"), link))
    }
}

/// Why the catalogue could not be emitted. A checked catalogue does not produce these;
/// they guard against a catalogue built some other way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmitError {
    /// A version names something the catalogue does not declare.
    Missing {
        /// `procedure@version`.
        procedure: String,
        /// What kind of thing: decision, authority, role.
        kind: String,
        /// Its id.
        id: String,
    },
    /// Two outputs would be written to the same path.
    DuplicatePath(String),
    /// A time too large to convert exactly.
    Overflow(String),
    /// A serializer failed.
    Serialize(String),
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::Missing {
                procedure,
                kind,
                id,
            } => write!(f, "{procedure}: {kind} `{id}` is not declared"),
            EmitError::DuplicatePath(p) => write!(f, "two outputs would be written to {p}"),
            EmitError::Overflow(w) => write!(f, "{w}: a time is too large to convert exactly"),
            EmitError::Serialize(e) => write!(f, "could not serialize: {e}"),
        }
    }
}

impl std::error::Error for EmitError {}

/// Every output file, by path relative to the output folder (`/`-separated), in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Path → contents.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    fn add(&mut self, path: String, text: String) -> Result<(), EmitError> {
        if self.files.contains_key(&path) {
            return Err(EmitError::DuplicatePath(path));
        }
        self.files.insert(path, text.into_bytes());
        Ok(())
    }

    /// The text of one file, if present and UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// Relative paths of the files written for one procedure version.
pub fn version_paths(procedure: &str, key: &str) -> (String, String, String) {
    (
        format!("workflows/{procedure}@{key}.json"),
        format!("workflows/{procedure}@{key}.yaml"),
        format!("bpmn/{procedure}@{key}.bpmn"),
    )
}

/// Path of the workflow JSON Schema.
pub const SCHEMA_PATH: &str = "schema/workflow.schema.json";

/// Builds every output in memory.
pub fn build(cat: &Catalogue, options: &Options) -> Result<Output, EmitError> {
    let mut out = Output::default();
    out.add(SCHEMA_PATH.to_string(), workflow::schema_json()?)?;
    for p in &cat.procedures {
        for v in &p.versions {
            let config = workflow::config(cat, p, v, &options.working_day)?;
            let (json, yaml, bpmn_path) = version_paths(&p.id, &config.version.key);
            out.add(json, workflow::to_json(&config)?)?;
            out.add(yaml, workflow::to_yaml(&config)?)?;
            out.add(bpmn_path, bpmn::render(&config))?;
        }
    }
    for page in review::pages(cat, &options.working_day, &options.sources)? {
        out.add(page.html_path, page.html)?;
        out.add(page.markdown_path, page.markdown)?;
    }
    out.add("catalogue.json".to_string(), index::render(cat)?)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_paths_are_an_error_not_an_overwrite() {
        let mut o = Output::default();
        o.add("a".into(), "1".into()).unwrap();
        assert_eq!(
            o.add("a".into(), "2".into()),
            Err(EmitError::DuplicatePath("a".into()))
        );
        assert_eq!(o.text("a"), Some("1"));
    }
}
