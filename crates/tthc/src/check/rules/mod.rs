//! The checker's rules, one file each. Every rule has a stable code, a one-line summary,
//! an explanation with an example for `tthc explain`, a fixture under
//! `tests/fixtures/rules/` and a snapshot of its diagnostic.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Catalogue;
use chrono::NaiveTime;
use std::collections::HashSet;

pub mod tthc001_syntax;
pub mod tthc002_invalid_value;
pub mod tthc003_duplicate_procedure;
pub mod tthc004_duplicate_step;
pub mod tthc005_duplicate_decision;
pub mod tthc006_unknown_role;
pub mod tthc007_unknown_decision;
pub mod tthc008_unknown_authority;
pub mod tthc009_no_steps;
pub mod tthc010_no_total;
pub mod tthc011_no_source;
pub mod tthc012_steps_total_mismatch;
pub mod tthc013_variant_only_on_step;
pub mod tthc014_variant_only_on_total;
pub mod tthc015_same_day_step_times;
pub mod tthc016_cutoff_outside_hours;
pub mod tthc017_overlapping_versions;
pub mod tthc018_abolished_authority;
pub mod tthc019_malformed_code;
pub mod tthc020_zero_total;
pub mod tthc021_unknown_variant;
pub mod tthc022_duplicate_declaration;
pub mod tthc023_repeated_statement;
pub mod tthc024_missing_statement;
pub mod tthc025_invalid_validity;
pub mod tthc026_unknown_interpreted_step;
pub mod tthc027_not_text;
pub mod tthc030_unused_variant;
pub mod tthc031_effective_before_signed;
pub mod tthc032_mixed_versions;

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `TTHC012`.
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
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
}

impl Default for CheckOptions {
    /// The default `vn` calendar's hours: 07:30–11:30 and 13:00–17:00.
    fn default() -> Self {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid constant time");
        CheckOptions {
            working_hours: vec![(t(7, 30), t(11, 30)), (t(13, 0), t(17, 0))],
        }
    }
}

impl CheckOptions {
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
        CheckOptions { working_hours }
    }
}

/// What the model rules look at.
pub struct Context<'a> {
    /// The lowered catalogue.
    pub catalogue: &'a Catalogue,
    /// Every decision number declared, including ones left out of the model.
    pub declared_decisions: &'a HashSet<String>,
    /// Settings.
    pub options: &'a CheckOptions,
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &tthc001_syntax::RULE,
    &tthc002_invalid_value::RULE,
    &tthc003_duplicate_procedure::RULE,
    &tthc004_duplicate_step::RULE,
    &tthc005_duplicate_decision::RULE,
    &tthc006_unknown_role::RULE,
    &tthc007_unknown_decision::RULE,
    &tthc008_unknown_authority::RULE,
    &tthc009_no_steps::RULE,
    &tthc010_no_total::RULE,
    &tthc011_no_source::RULE,
    &tthc012_steps_total_mismatch::RULE,
    &tthc013_variant_only_on_step::RULE,
    &tthc014_variant_only_on_total::RULE,
    &tthc015_same_day_step_times::RULE,
    &tthc016_cutoff_outside_hours::RULE,
    &tthc017_overlapping_versions::RULE,
    &tthc018_abolished_authority::RULE,
    &tthc019_malformed_code::RULE,
    &tthc020_zero_total::RULE,
    &tthc021_unknown_variant::RULE,
    &tthc022_duplicate_declaration::RULE,
    &tthc023_repeated_statement::RULE,
    &tthc024_missing_statement::RULE,
    &tthc025_invalid_validity::RULE,
    &tthc026_unknown_interpreted_step::RULE,
    &tthc027_not_text::RULE,
    &tthc030_unused_variant::RULE,
    &tthc031_effective_before_signed::RULE,
    &tthc032_mixed_versions::RULE,
];

/// The model rules, run in this order after lowering.
type ModelRule = fn(&Context<'_>, &mut Vec<Diagnostic>);
static MODEL_RULES: &[ModelRule] = &[
    tthc003_duplicate_procedure::check,
    tthc004_duplicate_step::check,
    tthc005_duplicate_decision::check,
    tthc006_unknown_role::check,
    tthc007_unknown_decision::check,
    tthc008_unknown_authority::check,
    tthc009_no_steps::check,
    tthc012_steps_total_mismatch::check,
    tthc013_variant_only_on_step::check,
    tthc014_variant_only_on_total::check,
    tthc015_same_day_step_times::check,
    tthc016_cutoff_outside_hours::check,
    tthc017_overlapping_versions::check,
    tthc018_abolished_authority::check,
    tthc019_malformed_code::check,
    tthc020_zero_total::check,
    tthc021_unknown_variant::check,
    tthc022_duplicate_declaration::check,
    tthc025_invalid_validity::check,
    tthc026_unknown_interpreted_step::check,
    tthc030_unused_variant::check,
    tthc031_effective_before_signed::check,
];

/// Runs every model rule.
pub fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for rule in MODEL_RULES {
        rule(cx, out);
    }
}

/// The rule with a code (case-insensitive; `12` and `TTHC012` both work).
pub fn find(code: &str) -> Option<&'static Rule> {
    let code = code.trim().to_ascii_uppercase();
    let code = if code.starts_with("TTHC") {
        code
    } else {
        format!("TTHC{:0>3}", code)
    };
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
    fn finds_by_short_code() {
        assert_eq!(find("12").unwrap().code, "TTHC012");
        assert_eq!(find("tthc012").unwrap().code, "TTHC012");
        assert!(find("TTHC999").is_none());
    }
}
