//! The catalogue as answers show it: procedures found by id or national code, filtered
//! and searched, each version with its authority, decision, steps and times. `GET
//! /v1/procedures`, the web app, `tthc list` and the Python module read through here.

use super::error::{Kind, ServiceError};
use super::types::{
    EndingKind, EndingOut, InterpretationOut, Named, ProcedureDetail, ProcedureList,
    ProcedureSummary, SourceOut, StepOut, VariantOut, VersionDetail, VersionSummary,
};
use crate::deadline::{ResolveError, find_procedure};
use crate::lifespan::Ending;
use crate::model::{Catalogue, Procedure, Version};
use crate::text::Text;
use crate::text::fold::{search_words, words_match};
use chrono::NaiveDate;

/// The summary of a version, with its authority's title and its decision's dates.
pub fn version_summary(catalogue: &Catalogue, v: &Version) -> VersionSummary {
    let decision = catalogue.decision(&v.source.decision);
    VersionSummary {
        label: v.label.clone(),
        valid_from: v.valid_from.to_string(),
        valid_until: v.valid_until.map(|d| d.to_string()),
        authority: Named {
            id: v.authority.clone(),
            title: catalogue
                .authority(&v.authority)
                .map(|a| a.title.clone())
                .unwrap_or_default(),
        },
        source: SourceOut {
            decision: v.source.decision.clone(),
            item: v.source.item.clone(),
            signed: decision.map(|d| d.signed.to_string()),
            effective: decision.map(|d| d.effective.to_string()),
            issuer: decision.map(|d| d.issuer.clone()),
        },
        name: v.name.clone(),
        code: v.code.as_ref().map(|(c, _)| c.clone()),
        field: v.field.clone(),
        ending: Ending::of(catalogue, v).map(|e| ending_out(&e, &v.source.decision)),
    }
}

/// How a version ends, as the API shows it.
fn ending_out(e: &Ending, source_decision: &str) -> EndingOut {
    let (kind, by, authority_abolished) = match e {
        Ending::Repealed { by, .. } => (EndingKind::Repealed, Some(by), None),
        Ending::Replaced { by, .. } => (EndingKind::Replaced, Some(by), None),
        Ending::Lapsed {
            authority_abolished,
            ..
        } => (EndingKind::Lapsed, None, authority_abolished.clone()),
    };
    let words = e.text(source_decision);
    EndingOut {
        kind,
        last_day: e.last_day().to_string(),
        decision: by.map(|b| b.decision.clone()),
        item: by.and_then(|b| b.item.clone()),
        authority_abolished,
        words: words.en,
        words_vi: words.vi,
    }
}

/// A version in full: its cases, total, cutoff, steps and interpretations.
pub fn version_detail(catalogue: &Catalogue, v: &Version) -> VersionDetail {
    VersionDetail {
        summary: version_summary(catalogue, v),
        variants: v
            .variants
            .iter()
            .map(|d| VariantOut {
                id: d.id.clone(),
                title: d.title.clone(),
                condition: d.condition.clone(),
                cutoff: d.cutoff.map(|c| c.value.written()),
            })
            .collect(),
        total: (&v.total).into(),
        cutoff: v.total.cutoff.map(|c| c.value.written()),
        steps: v
            .steps
            .iter()
            .map(|s| StepOut {
                id: s.id.clone(),
                name: s.name.clone(),
                role: named_role(catalogue, &s.role),
                other_roles: s
                    .other_roles
                    .iter()
                    .map(|r| named_role(catalogue, &r.id))
                    .collect(),
                performer_as_printed: s.performer_as_printed.clone(),
                timing: (&s.timing).into(),
            })
            .collect(),
        interpretations: v
            .interpretations
            .iter()
            .map(|i| InterpretationOut {
                step: i.step.clone(),
                text: i.text.clone(),
            })
            .collect(),
    }
}

/// A role's id with its Vietnamese title.
fn named_role(catalogue: &Catalogue, id: &str) -> Named {
    Named {
        id: id.to_string(),
        title: catalogue
            .role(id)
            .map(|r| r.title.clone())
            .unwrap_or_default(),
    }
}

fn summary(catalogue: &Catalogue, p: &Procedure) -> ProcedureSummary {
    ProcedureSummary {
        id: p.id.clone(),
        code: p.code.clone(),
        name: p.name.clone(),
        field: p.field.clone(),
        aliases: p.aliases.clone(),
        versions: p
            .versions
            .iter()
            .map(|v| version_summary(catalogue, v))
            .collect(),
    }
}

/// The procedure with an id or national code (`1.001193`), as every entry point finds
/// it, or `unknown_procedure` with a close id when there is one.
pub fn find<'c>(catalogue: &'c Catalogue, id: &str) -> Result<&'c Procedure, ServiceError> {
    find_procedure(catalogue, id).map_err(|e| ServiceError::from(&e))
}

/// The version of `p` in force on `date`, or `no_version_in_force` (not found: the
/// version was asked for directly) with the periods its versions cover and why nothing
/// is in force (repealed, replaced or lapsed).
pub fn version_in_force<'c>(
    catalogue: &Catalogue,
    p: &'c Procedure,
    date: NaiveDate,
) -> Result<&'c Version, ServiceError> {
    p.version_at(date).ok_or_else(|| {
        let e = ResolveError::no_version_in_force(catalogue, p, date);
        ServiceError::new(Kind::NotFound, e.code(), Some("at"), e.text())
    })
}

/// A date of the form YYYY-MM-DD given as `field`, or `invalid_field`.
///
/// Exactly that form, as the API documents it (`format: date`): chrono's `%Y-%m-%d` alone
/// would also take `2025-6-3`, a signed or five-digit year and surrounding spaces, which
/// a client's own validator refuses, so the two would disagree on what is a date.
///
/// ```
/// use tthc::service::procedures::date;
/// assert_eq!(date("at", "2025-06-30").unwrap().to_string(), "2025-06-30");
/// for bad in ["2025-6-30", "4844-05-2", " 2025-06-30", "+2025-06-30", "2025-02-30", "2025-06-30T00:00"] {
///     assert_eq!(date("at", bad).unwrap_err().code, "invalid_field", "{bad}");
/// }
/// ```
pub fn date(field: &str, text: &str) -> Result<NaiveDate, ServiceError> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let read = if shaped {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    } else {
        None
    };
    read.ok_or_else(|| {
        ServiceError::new(
            Kind::Invalid,
            "invalid_field",
            Some(field),
            Text::new(
                format!("`{text}` is not a date of the form YYYY-MM-DD"),
                format!("`{text}` không phải ngày dạng NĂM-THÁNG-NGÀY"),
            ),
        )
    })
}

/// One procedure in full: every version, or with `at` only the one in force that day.
///
/// ```
/// let snap = tthc::service::Snapshot::bundled().unwrap();
/// let p = tthc::service::procedures::detail(&snap.catalogue, "1.001193", None).unwrap();
/// assert_eq!((p.id.as_str(), p.versions[0].summary.source.item.as_str()), ("dang-ky-khai-sinh", "B.1"));
/// ```
///
/// # Errors
/// `unknown_procedure`; `no_version_in_force` on `at`.
pub fn detail(
    catalogue: &Catalogue,
    id: &str,
    at: Option<NaiveDate>,
) -> Result<ProcedureDetail, ServiceError> {
    let p = find(catalogue, id)?;
    let versions: Vec<&Version> = match at {
        None => p.versions.iter().collect(),
        Some(d) => vec![version_in_force(catalogue, p, d)?],
    };
    Ok(ProcedureDetail {
        id: p.id.clone(),
        code: p.code.clone(),
        name: p.name.clone(),
        field: p.field.clone(),
        aliases: p.aliases.clone(),
        versions: versions
            .into_iter()
            .map(|v| version_detail(catalogue, v))
            .collect(),
    })
}

/// Which procedures and versions a listing keeps: every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the procedure with this national code.
    pub code: Option<String>,
    /// Only procedures of this field, as the catalogue writes it.
    pub field: Option<String>,
    /// Only versions decided by this authority level.
    pub authority: Option<String>,
    /// Only versions in force on this date.
    pub at: Option<NaiveDate>,
    /// Only versions from this decision.
    pub decision: Option<String>,
    /// Words to find, with or without diacritics.
    pub words: Option<String>,
}

/// Whether every word of the query is a word of the procedure's name (in any version),
/// one of its other names (`alias`), its id, national code or one of its items, compared
/// as [`search_words`] writes them: without diacritics, `ki` as `ky`, whole words but for
/// the one being typed.
fn matches_words(p: &Procedure, query: &[String]) -> bool {
    if query.is_empty() {
        return true;
    }
    let mut hay = search_words(&p.name);
    hay.extend(search_words(&p.id.replace('-', " ")));
    for extra in p
        .aliases
        .iter()
        .chain(&p.code)
        .chain(p.versions.iter().filter_map(|v| v.name.as_ref()))
        .chain(p.versions.iter().map(|v| &v.source.item))
    {
        hay.extend(search_words(extra));
    }
    words_match(&hay, query)
}

/// The procedures a filter keeps, each with the versions it keeps, sorted by id; a
/// procedure left without a version is omitted.
///
/// ```
/// use tthc::service::procedures::{list, Filter};
/// let snap = tthc::service::Snapshot::bundled().unwrap();
/// let found = list(&snap.catalogue, &Filter { words: Some("dang ky ket hon".into()), ..Filter::default() });
/// assert!(found.procedures.iter().any(|p| p.id == "dang-ky-ket-hon"));
/// ```
pub fn list(catalogue: &Catalogue, filter: &Filter) -> ProcedureList {
    let words = filter
        .words
        .as_deref()
        .map(search_words)
        .unwrap_or_default();
    let mut procedures: Vec<ProcedureSummary> = catalogue
        .procedures
        .iter()
        .filter(|p| filter.code.is_none() || p.code == filter.code)
        .filter(|p| filter.field.is_none() || p.field == filter.field)
        .filter(|p| matches_words(p, &words))
        .filter_map(|p| {
            let versions: Vec<VersionSummary> = p
                .versions
                .iter()
                .filter(|v| filter.at.is_none_or(|d| v.in_force_on(d)))
                .filter(|v| filter.authority.as_deref().is_none_or(|a| v.authority == a))
                .filter(|v| {
                    filter
                        .decision
                        .as_deref()
                        .is_none_or(|d| v.source.decision == d)
                })
                .map(|v| version_summary(catalogue, v))
                .collect();
            (!versions.is_empty()).then(|| ProcedureSummary {
                versions,
                ..summary(catalogue, p)
            })
        })
        .collect();
    procedures.sort_by(|a, b| a.id.cmp(&b.id));
    ProcedureList { procedures }
}
