//! The checker's rules, one file each.
//!
//! # Kinds of rule
//! - **Syntax** rules run while a file is read and parsed: the text is not UTF-8
//!   (TTHC027), holds a character that may never appear (TTHC033), or does not follow the grammar (TTHC001, worded by `syntax::expected`).
//!   The parser sets the mistaken statement aside and reads on; the rest of the file is
//!   lowered and checked. What the statement set aside may have said is recorded
//!   (a version's `model::Gaps`, the catalogue's [`Context::unread`]) and a rule that
//!   needs it says nothing rather than guess: every independent mistake is reported,
//!   and no follow-on one.
//! - **Lowering** rules run while a parsed file is given its meaning (`check::lower`):
//!   an impossible value (TTHC002), a statement given twice (TTHC023) or missing
//!   (TTHC024, TTHC010, TTHC011), an unknown source decision (TTHC007), a version mixed
//!   with top-level times (TTHC032). A version missing something is kept with its gaps.
//! - **Model** rules run on the whole lowered catalogue, across files: references
//!   (roles, decisions, authorities, cases), sums, versions over time. Their `check`
//!   function is in the registry, and [`run`] calls them in code order.
//!
//! # Adding a rule
//! 1. Write `tthcNNN_short_name.rs` (the next free code; see [`RETIRED`] for codes never
//!    to reuse) with its `RULE` (code, name, severity, kind, summary, explanation, a
//!    reported `example` and its `fixed` form, in both languages) and, for a model rule,
//!    `fn check(cx: &Context, out: &mut Vec<Diagnostic>)`, using [`Context::versions`] and
//!    [`Context::steps`] to walk the catalogue. Word messages with `crate::text::words`.
//! 2. Add its module to the [`registry!`] list below.
//! 3. Add `tests/fixtures/rules/TTHCNNN.tthc`, which triggers it and nothing else, and
//!    review its snapshot (`cargo insta review`, or `INSTA_UPDATE=always` then read the
//!    new `snapshots/rules/rule_TTHCNNN.snap`). `tests/rules.rs` also runs the
//!    documented example and fixed form (see `tests/rules.rs` for the context they are
//!    placed in).

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Catalogue, Procedure, Step, Version};
use crate::syntax::source::Loc;
use crate::text::{Text, words};
use chrono::NaiveTime;
use std::collections::{HashMap, HashSet};

/// Declares the rule modules and [`ALL`], the one list of rules, from one list of names.
macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in code order: the one registry. Model rules run from it.
        pub static ALL: &[&Rule] = &[$(&$module::RULE),*];
    };
}

registry![
    tthc001_syntax,
    tthc002_invalid_value,
    tthc003_duplicate_procedure,
    tthc004_duplicate_step,
    tthc005_duplicate_decision,
    tthc006_unknown_role,
    tthc007_unknown_decision,
    tthc008_unknown_authority,
    tthc009_no_steps,
    tthc010_no_total,
    tthc011_no_source,
    tthc012_steps_total_mismatch,
    tthc013_variant_only_on_step,
    tthc014_variant_only_on_total,
    tthc015_same_day_step_times,
    tthc016_cutoff_outside_hours,
    tthc017_overlapping_versions,
    tthc018_abolished_authority,
    tthc019_malformed_code,
    tthc020_zero_total,
    tthc021_unknown_variant,
    tthc022_duplicate_declaration,
    tthc023_repeated_statement,
    tthc024_missing_statement,
    tthc025_invalid_validity,
    tthc026_unknown_interpreted_step,
    tthc027_not_text,
    tthc030_unused_variant,
    tthc031_effective_before_signed,
    tthc032_mixed_versions,
    tthc033_forbidden_character,
    tthc034_nothing_in_force,
    tthc035_gap_between_versions,
    tthc036_unknown_amendment_target,
    tthc037_role_of_another_level,
    tthc038_amended_twice,
    tthc040_same_day_without_cutoff,
    tthc041_printed_words_disagree,
];

/// Codes that belong to no rule and must never be given to one: a numbering skipped them
/// (no release, report or CI log has used them), and they are kept out of use so that
/// the codes in circulation stay in order of their rules' history.
pub static RETIRED: &[(&str, &str, &str)] = &[
    (
        "TTHC028",
        "never assigned: the first numbering skipped it; it stays unused",
        "chưa từng được dùng: lần đánh số đầu tiên bỏ qua mã này; mã được để trống",
    ),
    (
        "TTHC029",
        "never assigned: the first numbering skipped it; it stays unused",
        "chưa từng được dùng: lần đánh số đầu tiên bỏ qua mã này; mã được để trống",
    ),
    (
        "TTHC039",
        "never assigned: two sets of rules written at the same time took 037-038 and 040-041; it stays unused",
        "chưa từng được dùng: hai nhóm quy tắc viết cùng lúc lấy mã 037-038 và 040-041; mã được để trống",
    ),
];

/// The note on a code of [`RETIRED`] (case-insensitive; `28` works too).
pub fn retired(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let code = normalise(code);
    RETIRED.iter().copied().find(|(c, ..)| *c == code)
}

fn normalise(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    if code.starts_with("TTHC") {
        code
    } else {
        format!("TTHC{code:0>3}")
    }
}

/// Where a rule runs (see the module documentation).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// While a file is read and parsed.
    Syntax,
    /// While a parsed file is given its meaning.
    Lowering,
    /// On the whole catalogue, after lowering.
    Model(ModelRule),
}

/// A model rule's check.
pub type ModelRule = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `TTHC012`.
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Where it runs.
    pub kind: Kind,
    /// One line, English.
    pub summary_en: &'static str,
    /// One line, Vietnamese.
    pub summary_vi: &'static str,
    /// Why the rule exists and what to do, English.
    pub explanation_en: &'static str,
    /// Why the rule exists and what to do, Vietnamese.
    pub explanation_vi: &'static str,
    /// A snippet the rule reports.
    pub example: &'static str,
    /// The same snippet, fixed.
    pub fixed: &'static str,
}

impl crate::diagnostic::Code for Rule {
    fn code(&self) -> &'static str {
        self.code
    }
    fn severity(&self) -> Severity {
        self.severity
    }
}

/// Settings the rules depend on.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The working sessions of the calendar cutoffs are checked against.
    pub working_hours: Vec<(NaiveTime, NaiveTime)>,
    /// The date coverage is checked on (TTHC034): `tthc check --at`, today by default.
    /// `None` checks no date (a library caller's choice; the server's).
    pub at: Option<chrono::NaiveDate>,
}

impl Default for CheckOptions {
    /// The default `vn` calendar's hours: 07:30–11:30 and 13:00–17:00.
    fn default() -> Self {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid constant time");
        CheckOptions {
            working_hours: vec![(t(7, 30), t(11, 30)), (t(13, 0), t(17, 0))],
            at: None,
        }
    }
}

impl CheckOptions {
    /// The same options, checking coverage on `date` (TTHC034).
    pub fn at(self, date: chrono::NaiveDate) -> CheckOptions {
        CheckOptions {
            at: Some(date),
            ..self
        }
    }

    /// The working hours of a calendar.
    pub fn for_calendar(calendar: &crate::calendar::WorkingCalendar) -> CheckOptions {
        CheckOptions::for_sessions(&calendar.config().sessions)
    }

    /// The working hours of the default calendar (`vn`) among calendar files given as
    /// `(path, contents)`, read from its YAML description alone: checking needs the hours,
    /// not the holiday index. The built-in hours when the description is missing or
    /// does not read (loading the calendars reports why).
    pub fn for_calendar_files<P: AsRef<str>, C: AsRef<str>>(files: &[(P, C)]) -> CheckOptions {
        let wanted = format!("{}.yaml", crate::calendar::DEFAULT_CALENDAR);
        files
            .iter()
            .find(|(p, _)| {
                let p = p.as_ref().replace('\\', "/");
                p == wanted || p.ends_with(&format!("/{wanted}"))
            })
            .and_then(|(p, text)| {
                crate::calendar::CalendarConfig::from_yaml(p.as_ref(), text.as_ref()).ok()
            })
            .map(|c| CheckOptions::for_sessions(&c.sessions))
            .unwrap_or_default()
    }

    /// The working hours given by a calendar's sessions (minutes from midnight).
    pub fn for_sessions(sessions: &[crate::calendar::Session]) -> CheckOptions {
        let t = |m: u32| NaiveTime::from_hms_opt(m / 60, m % 60, 0);
        let working_hours: Vec<(NaiveTime, NaiveTime)> = sessions
            .iter()
            .filter_map(|s| Some((t(s.start)?, t(s.end)?)))
            .collect();
        if working_hours.is_empty() {
            return CheckOptions::default();
        }
        CheckOptions {
            working_hours,
            at: None,
        }
    }
}

/// What the model rules look at.
pub struct Context<'a> {
    /// The lowered catalogue.
    pub catalogue: &'a Catalogue,
    /// Every decision number declared, including ones left out of the model.
    pub declared_decisions: &'a HashSet<String>,
    /// What places set aside after syntax errors may have declared.
    pub unread: &'a super::lower::Unread,
    /// Settings.
    pub options: &'a CheckOptions,
}

impl<'a> Context<'a> {
    /// Every procedure.
    pub fn procedures(&self) -> impl Iterator<Item = &'a Procedure> + use<'a> {
        self.catalogue.procedures.iter()
    }

    /// Every version, with its procedure.
    pub fn versions(&self) -> impl Iterator<Item = (&'a Procedure, &'a Version)> + use<'a> {
        self.catalogue
            .procedures
            .iter()
            .flat_map(|p| p.versions.iter().map(move |v| (p, v)))
    }

    /// Every step, with its procedure and version.
    pub fn steps(&self) -> impl Iterator<Item = (&'a Procedure, &'a Version, &'a Step)> + use<'a> {
        self.versions()
            .flat_map(|(p, v)| v.steps.iter().map(move |s| (p, v, s)))
    }
}

/// "X `id` is declared twice" for every id of `items` seen before, with a label on its
/// first declaration; `what` names the kind of thing in both languages and `help` says
/// what to do. Shared by the rules on duplicates (TTHC003, TTHC005, TTHC022).
pub fn declared_twice<'i>(
    rule: &Rule,
    items: impl IntoIterator<Item = (&'i str, Loc)>,
    what: &Text,
    help: &Text,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, Loc> = HashMap::new();
    for (id, loc) in items {
        match first.get(id) {
            Some(prev) => out.push(
                Diagnostic::new(
                    rule,
                    loc,
                    Text::new(
                        format!("{} `{id}` is declared twice", what.en),
                        format!("{} `{id}` được khai báo hai lần", what.vi),
                    ),
                    help.clone(),
                )
                .with_label(*prev, words::first_declared_here()),
            ),
            None => {
                first.insert(id, loc);
            }
        }
    }
}

/// Runs every model rule, in code order.
pub fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    run_until(cx, out, &|| false);
}

/// As [`run`], asking `stop` before each rule; `false` when it said stop (the findings
/// are then incomplete).
pub fn run_until(cx: &Context<'_>, out: &mut Vec<Diagnostic>, stop: &dyn Fn() -> bool) -> bool {
    for rule in ALL {
        if stop() {
            return false;
        }
        if let Kind::Model(check) = rule.kind {
            check(cx, out);
        }
    }
    true
}

/// The rule with a code (case-insensitive; `12` and `TTHC012` both work).
pub fn find(code: &str) -> Option<&'static Rule> {
    let code = normalise(code);
    ALL.iter().copied().find(|r| r.code == code)
}

/// Formats `1.5` days as "1.5 days" / "1.5 ngày" for messages.
pub fn days_text(d: crate::days::Days) -> crate::diagnostic::Text {
    let unit = if d <= crate::days::Days::whole(1) {
        "day"
    } else {
        "days"
    };
    crate::diagnostic::Text::new(
        format!("{d} {unit}"),
        format!("{} ngày", d.to_string().replace('.', ",")),
    )
}

/// Formats an amount for messages.
pub fn amount_text(a: crate::model::Amount) -> crate::diagnostic::Text {
    match a {
        crate::model::Amount::SameDay => crate::diagnostic::Text::new("same day", "trong ngày"),
        crate::model::Amount::Days(d) => days_text(d),
    }
}

/// "the ordinary case" or "the `x` case", in both languages.
pub fn case_text(variant: Option<&str>) -> crate::diagnostic::Text {
    match variant {
        None => crate::diagnostic::Text::new("the ordinary case", "trường hợp thông thường"),
        Some(v) => {
            crate::diagnostic::Text::new(format!("the `{v}` case"), format!("trường hợp `{v}`"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ordered() {
        let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn retired_codes_are_never_given_to_a_rule() {
        for (code, ..) in RETIRED {
            assert!(find(code).is_none(), "{code} is retired but names a rule");
        }
        assert!(retired("28").is_some());
        assert!(retired("TTHC012").is_none());
    }

    #[test]
    fn finds_by_short_code() {
        assert_eq!(find("12").unwrap().code, "TTHC012");
        assert_eq!(find("tthc012").unwrap().code, "TTHC012");
        assert!(find("TTHC999").is_none());
    }
}
