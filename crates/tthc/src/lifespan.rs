//! How a version's period ends, and why a procedure has nothing in force on a date.
//!
//! Legal staff distinguish three endings, and every front end must too: a later decision
//! **repealed** the item (nothing takes its place, so having nothing in force is
//! intended), a later decision **replaced** it (a new version should follow), or the
//! version **lapsed** on its own `until` (often the last day of its authority level, as
//! district versions did on 30/06/2025). Lowering records which decision and item ended a
//! version ([`EndedBy`]); this module reads that record beside the version's `until` and
//! its authority level, and words it once for `tthc list`, `tthc diff`, `tthc check`
//! (TTHC034), the API's procedures and errors, and the web app.

use crate::model::{Catalogue, EndedBy, Procedure, Version};
use crate::text::{Text, words};
use chrono::NaiveDate;
use serde::Serialize;

/// How a version's period ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ending {
    /// A later decision repealed the version's item: nothing takes its place.
    Repealed {
        /// Its last day in force.
        last_day: NaiveDate,
        /// The repealing decision, and the item it names.
        by: EndedBy,
    },
    /// A later decision replaced the version's item.
    Replaced {
        /// Its last day in force.
        last_day: NaiveDate,
        /// The replacing decision, and the item it names.
        by: EndedBy,
    },
    /// The version ends on its own `until`, with no decision ending it.
    Lapsed {
        /// Its last day in force (its `until`).
        last_day: NaiveDate,
        /// The authority level's title when that day is the last of the level (the day
        /// before it was abolished): the version ends because its level does.
        authority_abolished: Option<String>,
    },
}

impl Ending {
    /// How `v` ends in `catalogue`, or `None` while it is open-ended.
    ///
    /// ```
    /// use tthc::lifespan::Ending;
    /// let cat = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
    ///     .into_valid().unwrap();
    /// let a1 = &cat.procedure("dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai").unwrap().versions[0];
    /// // A district-level item of 1086/QĐ-UBND: it ends with the district level.
    /// assert!(matches!(Ending::of(&cat, a1), Some(Ending::Lapsed { authority_abolished: Some(_), .. })));
    /// ```
    pub fn of(catalogue: &Catalogue, v: &Version) -> Option<Ending> {
        let last_day = v.valid_until?;
        Some(match &v.ended_by {
            Some(by) if by.repeal => Ending::Repealed {
                last_day,
                by: by.clone(),
            },
            Some(by) => Ending::Replaced {
                last_day,
                by: by.clone(),
            },
            None => Ending::Lapsed {
                last_day,
                authority_abolished: catalogue
                    .authority(&v.authority)
                    .filter(|a| a.abolished.and_then(|d| d.pred_opt()) == Some(last_day))
                    .map(|a| a.title.clone()),
            },
        })
    }

    /// Its last day in force.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            Ending::Repealed { last_day, .. }
            | Ending::Replaced { last_day, .. }
            | Ending::Lapsed { last_day, .. } => *last_day,
        }
    }

    /// Whether a decision repealed it.
    pub fn is_repeal(&self) -> bool {
        matches!(self, Ending::Repealed { .. })
    }

    /// In words, for version `v`: "repealed by 2222/QĐ-UBND from 1 Jul 2025", "replaced
    /// by 2222/QĐ-UBND from 1 Jul 2025", "lapsed on 30 Jun 2025, the last day of UBND cấp
    /// huyện", "lapsed on 31 Dec 2025". An amendment of the version's whole decision
    /// says so ("with the whole of 1086/QĐ-UBND").
    ///
    /// ```
    /// use tthc::lifespan::Ending;
    /// use tthc::model::EndedBy;
    /// let by = EndedBy { decision: "2222/QĐ-UBND".into(), item: Some("A.15".into()), repeal: true };
    /// let e = Ending::Repealed { last_day: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(), by };
    /// assert_eq!(e.text("1086/QĐ-UBND").vi, "bị bãi bỏ bởi Quyết định 2222/QĐ-UBND từ ngày 01/07/2025");
    /// ```
    pub fn text(&self, source_decision: &str) -> Text {
        let from = |d: NaiveDate| words::date(d.succ_opt().unwrap_or(d));
        let whole = |by: &EndedBy| match by.item {
            Some(_) => Text::new("", ""),
            None => Text::new(
                format!(" with the whole of {source_decision}"),
                format!(" cùng toàn bộ Quyết định {source_decision}"),
            ),
        };
        match self {
            Ending::Repealed { last_day, by } => {
                let (w, f) = (whole(by), from(*last_day));
                Text::new(
                    format!("repealed{} by {} from {}", w.en, by.decision, f.en),
                    format!(
                        "bị bãi bỏ{} bởi Quyết định {} từ ngày {}",
                        w.vi, by.decision, f.vi
                    ),
                )
            }
            Ending::Replaced { last_day, by } => {
                let (w, f) = (whole(by), from(*last_day));
                Text::new(
                    format!("replaced{} by {} from {}", w.en, by.decision, f.en),
                    format!(
                        "được thay thế{} bởi Quyết định {} từ ngày {}",
                        w.vi, by.decision, f.vi
                    ),
                )
            }
            Ending::Lapsed {
                last_day,
                authority_abolished: Some(level),
            } => {
                let d = words::date(*last_day);
                Text::new(
                    format!("lapsed on {}, the last day of {level}", d.en),
                    format!("hết hiệu lực ngày {}, ngày cuối cùng của {level}", d.vi),
                )
            }
            Ending::Lapsed { last_day, .. } => {
                let d = words::date(*last_day);
                Text::new(
                    format!("lapsed on {}", d.en),
                    format!("hết hiệu lực ngày {}", d.vi),
                )
            }
        }
    }
}

/// Why a procedure has no version in force on a date.
#[derive(Debug, Clone, Copy)]
pub enum Absence<'c> {
    /// Its first version starts later.
    NotYet {
        /// That version.
        first: &'c Version,
    },
    /// The date falls between two versions.
    Gap {
        /// The version that ended before it.
        ended: &'c Version,
        /// The version that starts after it.
        next: &'c Version,
    },
    /// Its last version ended before the date, and no later version is encoded.
    Ended {
        /// That version.
        last: &'c Version,
    },
}

impl<'c> Absence<'c> {
    /// Why `p` has nothing in force on `date`, or `None` when a version is in force (or
    /// it has no version at all, which other rules report).
    ///
    /// ```
    /// use tthc::lifespan::Absence;
    /// let cat = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
    ///     .into_valid().unwrap();
    /// let a1 = cat.procedure("dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai").unwrap();
    /// let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(Absence::of(a1, on(2025, 6, 30)).is_none());
    /// let why = Absence::of(a1, on(2025, 7, 1)).unwrap().text(&cat);
    /// assert_eq!(
    ///     why.en,
    ///     "its last version (item A.1 of 1086/QĐ-UBND) lapsed on 30 Jun 2025, the last day of UBND cấp huyện (no later version)"
    /// );
    /// ```
    pub fn of(p: &'c Procedure, date: NaiveDate) -> Option<Absence<'c>> {
        if p.versions.is_empty() || p.version_at(date).is_some() {
            return None;
        }
        let ended = p
            .versions
            .iter()
            .filter(|v| v.valid_until.is_some_and(|u| u < date))
            .max_by_key(|v| v.valid_until);
        let next = p
            .versions
            .iter()
            .filter(|v| v.valid_from > date)
            .min_by_key(|v| v.valid_from);
        Some(match (ended, next) {
            (Some(ended), Some(next)) => Absence::Gap { ended, next },
            (Some(last), None) => Absence::Ended { last },
            (None, Some(first)) => Absence::NotYet { first },
            // Every version either starts after the date, ends before it, or covers it.
            (None, None) => return None,
        })
    }

    /// How the version before the date ended, if one did.
    pub fn ending(&self, catalogue: &Catalogue) -> Option<Ending> {
        match self {
            Absence::NotYet { .. } => None,
            Absence::Gap { ended: v, .. } | Absence::Ended { last: v } => Ending::of(catalogue, v),
        }
    }

    /// Whether having nothing in force is what the decisions say: the last version was
    /// repealed. `tthc check` warns (TTHC034) for every other absence, and `tthc list`
    /// counts the same set.
    pub fn is_intended(&self, catalogue: &Catalogue) -> bool {
        matches!(self, Absence::Ended { .. })
            && self.ending(catalogue).is_some_and(|e| e.is_repeal())
    }

    /// In words: "item A.15 of 1086/QĐ-UBND was repealed by 2222/QĐ-UBND from 1 Jul
    /// 2025", "its last version (item A.1 of 1086/QĐ-UBND) lapsed on 30 Jun 2025, the last
    /// day of UBND cấp huyện (no later version)", "its version of item B.1 of 1/QĐ-UBND
    /// lapsed on 31 May 2025; the next starts only on 1 Jul 2025", "its first version
    /// starts on 1 Jul 2025".
    pub fn text(&self, catalogue: &Catalogue) -> Text {
        let ended = |v: &Version| {
            Ending::of(catalogue, v).map_or_else(
                || Text::new("ended", "đã hết hiệu lực"),
                |e| e.text(&v.source.decision),
            )
        };
        match self {
            Absence::NotYet { first } => {
                let f = words::date(first.valid_from);
                Text::new(
                    format!("its first version starts on {}", f.en),
                    format!("phiên bản đầu tiên bắt đầu từ ngày {}", f.vi),
                )
            }
            Absence::Gap { ended: v, next } => {
                let (e, f) = (ended(v), words::date(next.valid_from));
                Text::new(
                    format!(
                        "its version of item {} of {} {}; the next starts only on {}",
                        v.source.item, v.source.decision, e.en, f.en
                    ),
                    format!(
                        "phiên bản theo mục {} của Quyết định {} {}; phiên bản sau chỉ bắt đầu từ ngày {}",
                        v.source.item, v.source.decision, e.vi, f.vi
                    ),
                )
            }
            Absence::Ended { last: v } if self.is_intended(catalogue) => {
                let e = ended(v);
                Text::new(
                    format!(
                        "item {} of {} was {}",
                        v.source.item, v.source.decision, e.en
                    ),
                    format!(
                        "mục {} của Quyết định {} đã {}",
                        v.source.item, v.source.decision, e.vi
                    ),
                )
            }
            Absence::Ended { last: v } => {
                let e = ended(v);
                Text::new(
                    format!(
                        "its last version (item {} of {}) {} (no later version)",
                        v.source.item, v.source.decision, e.en
                    ),
                    format!(
                        "phiên bản cuối (mục {} của Quyết định {}) {} (chưa có phiên bản sau)",
                        v.source.item, v.source.decision, e.vi
                    ),
                )
            }
        }
    }
}

/// The procedures with nothing in force on `date`, each with why, in catalogue order.
pub fn absent_on(catalogue: &Catalogue, date: NaiveDate) -> Vec<(&Procedure, Absence<'_>)> {
    catalogue
        .procedures
        .iter()
        .filter_map(|p| Absence::of(p, date).map(|a| (p, a)))
        .collect()
}
