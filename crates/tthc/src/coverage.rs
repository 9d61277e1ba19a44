//! What is in force on a date, and what changed in force between two dates: the
//! questions legal staff ask when a new decision arrives (`tthc list --at`, `tthc diff`).

use crate::model::{Amount, Catalogue, Procedure, Timing, Version};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;

/// One procedure as it stands on a date: the version in force.
#[derive(Debug, Clone, Copy)]
pub struct InForce<'c> {
    /// The procedure.
    pub procedure: &'c Procedure,
    /// Its version in force on the date.
    pub version: &'c Version,
}

pub use crate::model::item_order;

/// Every procedure with a version in force on `date`, in decision and item order.
///
/// ```
/// # // Decision 1 (2024) publishes B.1–B.3; decision 2, from 1 July 2025, replaces B.2
/// # // with a shorter time and repeals B.3.
/// # let text = "authority c \"UBND cấp xã\"\nrole d \"Một cửa\" authority c\n\
/// #   decision \"1/QĐ\" { signed 2024-04-09 effective 2024-04-09 issuer \"UBND tỉnh\" }\n\
/// #   decision \"2/QĐ\" { signed 2025-06-20 effective 2025-07-01 issuer \"UBND tỉnh\"\n\
/// #     replaces \"1/QĐ\" item \"B.2\" repeals \"1/QĐ\" item \"B.3\" }\n\
/// #   procedure p1 { name \"Một\" authority c source \"1/QĐ\" item \"B.1\" total 1 day\n\
/// #     step a \"Tiếp nhận\" by d 1 day }\n\
/// #   procedure p2 { name \"Hai\"\n\
/// #     version 2024 { authority c source \"1/QĐ\" item \"B.2\" total 3 days step a \"Tiếp nhận\" by d 3 days }\n\
/// #     version 2025 { authority c source \"2/QĐ\" item \"1\" total 2 days step a \"Tiếp nhận\" by d 2 days } }\n\
/// #   procedure p3 { name \"Ba\" authority c source \"1/QĐ\" item \"B.3\" total 1 day\n\
/// #     step a \"Tiếp nhận\" by d 1 day }\n";
/// # let input = tthc::check::Input { path: "p.tthc".into(), bytes: text.into() };
/// # let cat = tthc::check::check(vec![input], &Default::default()).into_valid().unwrap();
/// let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(tthc::coverage::in_force(&cat, on(2024, 6, 1)).len(), 3);
/// let later = tthc::coverage::in_force(&cat, on(2026, 1, 5));
/// assert_eq!(later.len(), 2);
/// assert_eq!(later[1].version.source.decision, "2/QĐ");
/// ```
pub fn in_force(catalogue: &Catalogue, date: NaiveDate) -> Vec<InForce<'_>> {
    let mut out: Vec<InForce<'_>> = catalogue
        .procedures
        .iter()
        .filter_map(|p| {
            p.version_at(date).map(|v| InForce {
                procedure: p,
                version: v,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (
            &a.version.source.decision,
            item_order(&a.version.source.item),
            &a.procedure.id,
        )
            .cmp(&(
                &b.version.source.decision,
                item_order(&b.version.source.item),
                &b.procedure.id,
            ))
    });
    out
}

/// What changed about one procedure in force on both dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// What changed: `source`, `authority`, `total`, `cutoff`, `steps`, `cases`.
    pub what: &'static str,
    /// As it was on the first date.
    pub before: String,
    /// As it is on the second date.
    pub after: String,
}

/// The difference in force between two dates.
#[derive(Debug, Clone, Default)]
pub struct Diff<'c> {
    /// In force on the second date only.
    pub added: Vec<InForce<'c>>,
    /// In force on the first date only.
    pub removed: Vec<InForce<'c>>,
    /// In force on both, under versions that differ, with what differs.
    pub changed: Vec<(InForce<'c>, InForce<'c>, Vec<Changed>)>,
}

/// What changed in force from `from` to `to`.
///
/// ```
/// # // Decision 1 (2024) publishes B.1–B.3; decision 2, from 1 July 2025, replaces B.2
/// # // with a shorter time and repeals B.3.
/// # let text = "authority c \"UBND cấp xã\"\nrole d \"Một cửa\" authority c\n\
/// #   decision \"1/QĐ\" { signed 2024-04-09 effective 2024-04-09 issuer \"UBND tỉnh\" }\n\
/// #   decision \"2/QĐ\" { signed 2025-06-20 effective 2025-07-01 issuer \"UBND tỉnh\"\n\
/// #     replaces \"1/QĐ\" item \"B.2\" repeals \"1/QĐ\" item \"B.3\" }\n\
/// #   procedure p1 { name \"Một\" authority c source \"1/QĐ\" item \"B.1\" total 1 day\n\
/// #     step a \"Tiếp nhận\" by d 1 day }\n\
/// #   procedure p2 { name \"Hai\"\n\
/// #     version 2024 { authority c source \"1/QĐ\" item \"B.2\" total 3 days step a \"Tiếp nhận\" by d 3 days }\n\
/// #     version 2025 { authority c source \"2/QĐ\" item \"1\" total 2 days step a \"Tiếp nhận\" by d 2 days } }\n\
/// #   procedure p3 { name \"Ba\" authority c source \"1/QĐ\" item \"B.3\" total 1 day\n\
/// #     step a \"Tiếp nhận\" by d 1 day }\n";
/// # let input = tthc::check::Input { path: "p.tthc".into(), bytes: text.into() };
/// # let cat = tthc::check::check(vec![input], &Default::default()).into_valid().unwrap();
/// let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let d = tthc::coverage::diff(&cat, on(2024, 6, 1), on(2026, 1, 5));
/// assert_eq!((d.added.len(), d.removed.len(), d.changed.len()), (0, 1, 1));
/// assert_eq!(d.removed[0].version.source.item, "B.3");
/// assert_eq!(d.changed[0].1.version.source.decision, "2/QĐ");
/// ```
pub fn diff(catalogue: &Catalogue, from: NaiveDate, to: NaiveDate) -> Diff<'_> {
    let before = in_force(catalogue, from);
    let after = in_force(catalogue, to);
    let mut out = Diff::default();
    for b in &before {
        match after.iter().find(|a| a.procedure.id == b.procedure.id) {
            None => out.removed.push(*b),
            Some(a) if !std::ptr::eq(a.version, b.version) => {
                let changes = changes(b.procedure, b.version, a.version);
                if !changes.is_empty() {
                    out.changed.push((*b, *a, changes));
                }
            }
            Some(_) => {}
        }
    }
    for a in &after {
        if !before.iter().any(|b| b.procedure.id == a.procedure.id) {
            out.added.push(*a);
        }
    }
    out
}

/// How an amount is written in the language.
pub fn amount(a: &Amount) -> String {
    match a {
        Amount::SameDay => "same day".to_string(),
        Amount::Days(d) if *d == crate::days::Days::whole(1) => "1 day".to_string(),
        Amount::Days(d) => format!("{d} days"),
    }
}

/// A timing as the language writes it: `3 days, verification 23 days, cutoff 15:00`.
pub fn timing(t: &Timing) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &t.base {
        parts.push(amount(&b.value));
    }
    for (id, a) in &t.variants {
        parts.push(format!("{id} {}", amount(&a.value)));
    }
    if let Some(c) = &t.cutoff {
        parts.push(format!("cutoff {}", c.value.written()));
    }
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(", ")
    }
}

fn changes(p: &crate::model::Procedure, before: &Version, after: &Version) -> Vec<Changed> {
    let mut out = Vec::new();
    let mut note = |what, b: String, a: String| {
        if b != a {
            out.push(Changed {
                what,
                before: b,
                after: a,
            });
        }
    };
    let source = |v: &Version| format!("{} item {}", v.source.decision, v.source.item);
    note("source", source(before), source(after));
    note(
        "name",
        p.name_in(before).to_string(),
        p.name_in(after).to_string(),
    );
    let or_none = |s: Option<&str>| s.unwrap_or("—").to_string();
    note(
        "code",
        or_none(p.code_in(before)),
        or_none(p.code_in(after)),
    );
    note(
        "field",
        or_none(p.field_in(before)),
        or_none(p.field_in(after)),
    );
    note(
        "authority",
        before.authority.clone(),
        after.authority.clone(),
    );
    note("total", timing(&before.total), timing(&after.total));
    let steps = |v: &Version| {
        v.steps
            .iter()
            .map(|s| {
                let by = std::iter::once(s.role.as_str())
                    .chain(s.other_roles.iter().map(|r| r.id.as_str()))
                    .collect::<Vec<_>>()
                    .join(" / ");
                format!("{} by {by}: {}", s.id, timing(&s.timing))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    note("steps", steps(before), steps(after));
    let cases = |v: &Version| {
        v.variants
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    note("cases", cases(before), cases(after));
    out
}

/// Words for one kind of change.
pub fn what(w: &str) -> Text {
    match w {
        "source" => Text::new("source", "nguồn"),
        "authority" => Text::new("authority", "cấp thẩm quyền"),
        "total" => Text::new("total time", "tổng thời gian"),
        "steps" => Text::new("steps", "các bước"),
        "cases" => Text::new("cases", "các trường hợp"),
        other => Text::new(other, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_sort_as_decisions_print_them() {
        let mut items = vec!["B.2", "A.10", "A.2", "C.1", "A.1"];
        items.sort_by_key(|i| item_order(i));
        assert_eq!(items, ["A.1", "A.2", "A.10", "B.2", "C.1"]);
    }
}
