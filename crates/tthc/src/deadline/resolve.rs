//! From "procedure X, received on date D, in case V" to the plan the engine runs: the one
//! resolver the command line, the API and the case reports share, with one set of errors.

use super::plan::{Plan, PlanError};
use crate::lifespan::Absence;
use crate::model::{Catalogue, Procedure, Version};
use crate::text::fold::search_words;
use crate::text::{Text, suggest, words};
use chrono::NaiveDate;

/// A procedure resolved for one case: the version in force and its plan.
#[derive(Debug, Clone)]
pub struct Resolved<'c> {
    /// The procedure.
    pub procedure: &'c Procedure,
    /// The version in force on the receipt date.
    pub version: &'c Version,
    /// The schedule of that version in the case asked for.
    pub plan: Plan,
    /// The case's id (`verification`), however the request named it; `None` for the
    /// ordinary case.
    pub variant: Option<String>,
}

/// Why a procedure cannot be scheduled for a case. Each has one stable [`code`](Self::code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No procedure has this id or national code.
    UnknownProcedure {
        /// What was asked for.
        id: String,
        /// The closest id, when one is close enough to be a likely typo.
        suggestion: Option<String>,
    },
    /// The procedure has no version in force on the date.
    NoVersionInForce {
        /// The procedure's id.
        id: String,
        /// The date asked about.
        date: NaiveDate,
        /// The periods its versions are in force: first day, last day if it ended.
        periods: Vec<(NaiveDate, Option<NaiveDate>)>,
        /// Why nothing is in force on the date: repealed, replaced or lapsed, and whether
        /// a later version follows ([`crate::lifespan::Absence::text`]).
        why: Option<Text>,
    },
    /// The version in force does not have this case.
    UnknownVariant {
        /// The procedure's id.
        id: String,
        /// The case asked for.
        variant: String,
        /// The cases the version has.
        known: Vec<String>,
        /// Whether the version has an ordinary case (asking for none is then an option).
        ordinary: bool,
    },
    /// The version in force has no ordinary case (its cases are alternatives, such as a
    /// guardian by law or appointed) and the request names none.
    CaseRequired {
        /// The procedure's id.
        id: String,
        /// The cases to choose from.
        known: Vec<String>,
    },
}

impl ResolveError {
    /// The stable machine-readable code: `unknown_procedure`, `no_version_in_force`,
    /// `unknown_variant`, `case_required`.
    pub fn code(&self) -> &'static str {
        match self {
            ResolveError::UnknownProcedure { .. } => "unknown_procedure",
            ResolveError::NoVersionInForce { .. } => "no_version_in_force",
            ResolveError::UnknownVariant { .. } => "unknown_variant",
            ResolveError::CaseRequired { .. } => "case_required",
        }
    }

    /// The message, in both languages.
    pub fn text(&self) -> Text {
        match self {
            ResolveError::UnknownProcedure { id, suggestion } => {
                let hint = match suggestion {
                    Some(s) => words::did_you_mean(s),
                    None => Text::new(
                        "GET /v1/procedures lists the catalogue",
                        "GET /v1/procedures liệt kê danh mục",
                    ),
                };
                Text::new(
                    format!("there is no procedure `{id}`; {}", hint.en),
                    format!("không có thủ tục `{id}`; {}", hint.vi),
                )
            }
            ResolveError::NoVersionInForce {
                id,
                date,
                periods,
                why,
            } => {
                let (en, vi): (Vec<String>, Vec<String>) = periods
                    .iter()
                    .map(|(from, until)| {
                        let (f, u) = (words::date(*from), until.map(words::date));
                        match u {
                            Some(u) => (
                                format!("{} to {}", f.en, u.en),
                                format!("{} đến {}", f.vi, u.vi),
                            ),
                            None => (format!("from {}", f.en), format!("từ {}", f.vi)),
                        }
                    })
                    .unzip();
                let d = words::date(*date);
                let (why_en, why_vi) = why.as_ref().map_or((String::new(), String::new()), |w| {
                    (format!(": {}", w.en), format!(": {}", w.vi))
                });
                Text::new(
                    format!(
                        "procedure `{id}` has no version in force on {}{why_en}; its versions are in force {}",
                        d.en,
                        words::list(&en).en
                    ),
                    format!(
                        "thủ tục `{id}` không có phiên bản có hiệu lực ngày {}{why_vi}; các phiên bản có hiệu lực {}",
                        d.vi,
                        words::list(&vi).vi
                    ),
                )
            }
            ResolveError::UnknownVariant {
                id,
                variant,
                known,
                ordinary,
            } => {
                let ticked: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let list = words::list(&ticked);
                let (en, vi) = if known.is_empty() {
                    (
                        "it has only its ordinary case (leave the case out)".to_string(),
                        "thủ tục chỉ có trường hợp thông thường (bỏ trống trường hợp)".to_string(),
                    )
                } else if !ordinary {
                    (
                        format!("its cases are {}; choose one", list.en),
                        format!("các trường hợp của thủ tục là {}; hãy chọn một", list.vi),
                    )
                } else {
                    (
                        format!(
                            "its cases are {} (or leave it out for the ordinary case)",
                            list.en
                        ),
                        format!(
                            "các trường hợp của thủ tục là {} (hoặc bỏ trống cho trường hợp thông thường)",
                            list.vi
                        ),
                    )
                };
                Text::new(
                    format!("procedure `{id}` has no case `{variant}`; {en}"),
                    format!("thủ tục `{id}` không có trường hợp `{variant}`; {vi}"),
                )
            }
            ResolveError::CaseRequired { id, known } => {
                let ticked: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let list = words::list(&ticked);
                Text::new(
                    format!(
                        "procedure `{id}` has no ordinary case: say which case this is, one of {}",
                        list.en.replace(" and ", " or ")
                    ),
                    format!(
                        "thủ tục `{id}` không có trường hợp thông thường: hãy chọn trường hợp, một trong {}",
                        list.vi.replace(" và ", " hoặc ")
                    ),
                )
            }
        }
    }
}

impl ResolveError {
    /// `no_version_in_force` for procedure `p` on `date`, with its versions' periods and
    /// why nothing is in force (repealed, replaced or lapsed).
    pub fn no_version_in_force(
        catalogue: &Catalogue,
        p: &Procedure,
        date: NaiveDate,
    ) -> ResolveError {
        ResolveError::NoVersionInForce {
            id: p.id.clone(),
            date,
            periods: p
                .versions
                .iter()
                .map(|v| (v.valid_from, v.valid_until))
                .collect(),
            why: Absence::of(p, date).map(|a| a.text(catalogue)),
        }
    }
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for ResolveError {}

/// The id of the case `given` names in `version`: its id, or its title as people write
/// it, with or without diacritics and the leading "trường hợp" (`Trường hợp cần xác
/// minh`, `cần xác minh`, `can xac minh` all name `verification`).
///
/// ```
/// let cat = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
///     .into_valid().unwrap();
/// let v = &cat.procedure("cap-giay-xac-nhan-tinh-trang-hon-nhan").unwrap().versions[0];
/// assert_eq!(tthc::deadline::case_id(v, "cần xác minh").as_deref(), Some("verification"));
/// assert_eq!(tthc::deadline::case_id(v, "verification").as_deref(), Some("verification"));
/// assert_eq!(tthc::deadline::case_id(v, "khẩn"), None);
/// ```
pub fn case_id(version: &Version, given: &str) -> Option<String> {
    if version.has_variant(given) {
        return Some(given.to_string());
    }
    let words = |s: &str| {
        let w = search_words(s);
        let rest = match w.as_slice() {
            [a, b, rest @ ..] if a == "truong" && b == "hop" => rest,
            all => all,
        };
        rest.join(" ")
    };
    let wanted = words(given);
    if wanted.is_empty() {
        return None;
    }
    version
        .variants
        .iter()
        .find(|d| words(&d.title) == wanted || words(&d.id.replace('-', " ")) == wanted)
        .map(|d| d.id.clone())
}

/// The procedure with this id or national code (`1.001193`), or why there is none.
pub fn find_procedure<'c>(
    catalogue: &'c Catalogue,
    id: &str,
) -> Result<&'c Procedure, ResolveError> {
    catalogue
        .procedure(id)
        .or_else(|| {
            catalogue.procedures.iter().find(|p| {
                // A national code names the procedure whichever version gave it.
                p.code.as_deref() == Some(id) || p.versions.iter().any(|v| p.code_in(v) == Some(id))
            })
        })
        .ok_or_else(|| ResolveError::UnknownProcedure {
            id: id.to_string(),
            suggestion: suggest(id, catalogue.procedures.iter().map(|p| p.id.as_str()))
                .map(str::to_string),
        })
}

/// The plan of procedure `id` (or national code) in the version in force on `date`, in
/// case `variant` (`None`: the ordinary case).
///
/// ```
/// let cat = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
///     .into_valid()
///     .unwrap();
/// let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 3).unwrap();
/// let r = tthc::deadline::resolve(&cat, "cap-giay-xac-nhan-tinh-trang-hon-nhan", date, None).unwrap();
/// assert_eq!(r.version.source.item, "B.16");
/// let e = tthc::deadline::resolve(&cat, "dang-ky-khai-sinh", date, Some("urgent")).unwrap_err();
/// assert_eq!(e.code(), "unknown_variant");
/// ```
pub fn resolve<'c>(
    catalogue: &'c Catalogue,
    id: &str,
    date: NaiveDate,
    variant: Option<&str>,
) -> Result<Resolved<'c>, ResolveError> {
    let procedure = find_procedure(catalogue, id)?;
    let version = procedure
        .version_at(date)
        .ok_or_else(|| ResolveError::no_version_in_force(catalogue, procedure, date))?;
    let variant = variant.map(|v| case_id(version, v).unwrap_or_else(|| v.to_string()));
    let plan = Plan::from_version(version, variant.as_deref()).map_err(|e| match e {
        PlanError::UnknownVariant { variant, known } => ResolveError::UnknownVariant {
            id: procedure.id.clone(),
            variant,
            known,
            ordinary: version.has_ordinary_case(),
        },
        PlanError::CaseRequired { known } => ResolveError::CaseRequired {
            id: procedure.id.clone(),
            known,
        },
    })?;
    Ok(Resolved {
        procedure,
        version,
        plan,
        variant,
    })
}
