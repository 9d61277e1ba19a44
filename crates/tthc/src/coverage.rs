//! What is in force on a date, and what changed in force between two dates: the
//! questions legal staff ask when a new decision arrives (`tthc list --at`, `tthc diff`).

use crate::model::{Amount, Catalogue, Procedure, Timing, VERIFICATION, Version};
use crate::text::{Lang, Text, words};
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
    /// What changed: `source`, `name`, `code`, `field`, `authority`, `total`, `steps`,
    /// `cases`.
    pub what: &'static str,
    /// As it was on the first date, as the language writes it (English keywords).
    pub before: String,
    /// As it is on the second date, as the language writes it.
    pub after: String,
    /// Both values in Vietnamese words, for people reading `--lang vi`.
    #[serde(skip)]
    pub vi: (String, String),
}

impl Changed {
    /// The values before and after, in a language.
    pub fn values(&self, lang: Lang) -> (&str, &str) {
        match lang {
            Lang::En => (&self.before, &self.after),
            Lang::Vi => (&self.vi.0, &self.vi.1),
        }
    }
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
                let changes = changes(catalogue, b.procedure, b.version, a.version);
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
    amount_in(a, Lang::En)
}

/// An amount in a language: `1 day`, `0.5 days`, `same day` / `1 ngày`, `0,5 ngày`,
/// `trong ngày`.
pub fn amount_in(a: &Amount, lang: Lang) -> String {
    match (a, lang) {
        (Amount::SameDay, Lang::En) => "same day".to_string(),
        (Amount::SameDay, Lang::Vi) => "trong ngày".to_string(),
        (Amount::Days(d), Lang::En) if *d == crate::days::Days::whole(1) => "1 day".to_string(),
        (Amount::Days(d), Lang::En) => format!("{d} days"),
        (Amount::Days(d), Lang::Vi) => format!("{} ngày", words::number(*d).vi),
    }
}

/// A timing as the language writes it: `3 days, verification 23 days, cutoff 15:00`.
pub fn timing(t: &Timing) -> String {
    timing_in(t, Lang::En)
}

/// A timing in a language: `3 days, verification 23 days, cutoff 15:00` / `3 ngày, cần
/// xác minh 23 ngày, giờ chốt 15:00`.
pub fn timing_in(t: &Timing, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(b) = &t.base {
        parts.push(amount_in(&b.value, lang));
    }
    for (id, a) in &t.variants {
        let case = match lang {
            Lang::Vi if id == VERIFICATION => "cần xác minh",
            _ => id.as_str(),
        };
        parts.push(format!("{case} {}", amount_in(&a.value, lang)));
    }
    if let Some(c) = &t.cutoff {
        parts.push(match (lang, c.value) {
            (Lang::En, v) => format!("cutoff {}", v.written()),
            (Lang::Vi, crate::model::Cutoff::None) => "không có giờ chốt".to_string(),
            (Lang::Vi, v) => format!("giờ chốt {}", v.written()),
        });
    }
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(", ")
    }
}

fn changes(
    catalogue: &Catalogue,
    p: &Procedure,
    before: &Version,
    after: &Version,
) -> Vec<Changed> {
    let mut out = Vec::new();
    let mut note = |what, b: [String; 2], a: [String; 2]| {
        if b[0] != a[0] || b[1] != a[1] {
            let [be, bv] = b;
            let [ae, av] = a;
            out.push(Changed {
                what,
                before: be,
                after: ae,
                vi: (bv, av),
            });
        }
    };
    let same = |s: String| [s.clone(), s];
    let source = |v: &Version| {
        [
            format!("{} item {}", v.source.decision, v.source.item),
            format!("{} mục {}", v.source.decision, v.source.item),
        ]
    };
    note("source", source(before), source(after));
    note(
        "name",
        same(p.name_in(before).to_string()),
        same(p.name_in(after).to_string()),
    );
    let or_none = |s: Option<&str>| same(s.unwrap_or("—").to_string());
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
    let authority = |v: &Version| {
        let title = catalogue.authority(&v.authority).map(|a| a.title.as_str());
        [
            v.authority.clone(),
            title.map_or_else(|| v.authority.clone(), str::to_string),
        ]
    };
    note("authority", authority(before), authority(after));
    let total = |v: &Version| [timing_in(&v.total, Lang::En), timing_in(&v.total, Lang::Vi)];
    note("total", total(before), total(after));
    let steps = |v: &Version, lang: Lang| {
        v.steps
            .iter()
            .map(|s| {
                let by = std::iter::once(s.role.as_str())
                    .chain(s.other_roles.iter().map(|r| r.id.as_str()))
                    .collect::<Vec<_>>()
                    .join(" / ");
                let (kw, t) = match lang {
                    Lang::En => ("by", timing_in(&s.timing, lang)),
                    Lang::Vi if s.timing.is_empty() => ("do", "không ghi riêng".to_string()),
                    Lang::Vi => ("do", timing_in(&s.timing, lang)),
                };
                format!("{} {kw} {by}: {t}", s.id)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    note(
        "steps",
        [steps(before, Lang::En), steps(before, Lang::Vi)],
        [steps(after, Lang::En), steps(after, Lang::Vi)],
    );
    let cases = |v: &Version| {
        let ids = v.variants.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        let titles = v
            .variants
            .iter()
            .map(|c| c.title.clone())
            .collect::<Vec<_>>();
        [ids.join(", "), titles.join(", ")]
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
        "name" => Text::new("name", "tên"),
        "code" => Text::new("national code", "mã thủ tục"),
        "field" => Text::new("field", "lĩnh vực"),
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
