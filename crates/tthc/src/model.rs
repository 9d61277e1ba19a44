//! The validated catalogue: what the procedure files mean, independent of how they were written.
//!
//! Every item keeps the place it came from (`Loc`) so that rules can point at it; emitters
//! and the deadline engine ignore those places.

use crate::days::Days;
use crate::syntax::source::Loc;
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

/// The built-in case: the longer time when facts must be verified (the syntax layer
/// defines it, since `cần xác minh` is read as it).
pub use crate::syntax::parse::VERIFICATION;
/// Vietnamese title of [`VERIFICATION`].
pub const VERIFICATION_TITLE: &str = "Trường hợp cần xác minh";

/// Everything the checked files declare.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalogue {
    /// Authority levels, in declaration order.
    pub authorities: Vec<Authority>,
    /// Roles, in declaration order.
    pub roles: Vec<Role>,
    /// Decisions, in declaration order.
    pub decisions: Vec<Decision>,
    /// Procedures, in declaration order.
    pub procedures: Vec<Procedure>,
}

impl Catalogue {
    /// The authority with this id.
    pub fn authority(&self, id: &str) -> Option<&Authority> {
        self.authorities.iter().find(|a| a.id == id)
    }
    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
    /// The decision with this number.
    pub fn decision(&self, number: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.number == number)
    }
    /// The procedure with this id.
    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }
}

/// A level that decides (cấp có thẩm quyền).
#[derive(Debug, Clone, Serialize)]
pub struct Authority {
    /// Slug id, e.g. `commune`.
    pub id: String,
    /// Vietnamese title, e.g. "UBND cấp xã".
    pub title: String,
    /// First day the level no longer exists.
    pub abolished: Option<NaiveDate>,
    /// Where it is declared.
    #[serde(skip)]
    pub loc: Loc,
}

/// Who performs a step (bộ phận / công chức thực hiện).
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Slug id.
    pub id: String,
    /// Vietnamese title as the decision prints it.
    pub title: String,
    /// The level the role belongs to.
    pub authority: Option<String>,
    /// Where it is declared.
    #[serde(skip)]
    pub loc: Loc,
    /// Where its authority is named.
    #[serde(skip)]
    pub authority_loc: Option<Loc>,
}

/// One target of a decision's `replaces` or `repeals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// The earlier decision.
    pub decision: String,
    /// One of its items, or `None` for all of them (or for a part, see `part`).
    pub item: Option<String>,
    /// A part of a decision the catalogue does not hold, as printed (`Mục II Phần B`):
    /// recorded, but it ends no version.
    pub part: Option<String>,
    /// Repealed (nothing takes its place) rather than replaced.
    pub repeal: bool,
    /// Where the target is written.
    #[serde(skip)]
    pub loc: Loc,
}

/// A decision that goes with another: typically the one publishing the list of
/// procedures (công bố danh mục) with their statutory times, fees and dossiers, beside the
/// decision approving the internal workflows (quy trình nội bộ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Companion {
    /// Its number, e.g. `1085/QĐ-UBND`.
    pub number: String,
    /// What it is, as printed.
    pub about: Option<String>,
}

/// A part of a decision's appendix with its heading as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartHeading {
    /// The part, e.g. `C` (the letter before the dot of its items).
    pub part: String,
    /// The heading as printed.
    pub text: String,
}

/// The later decision that replaced or repealed a version (see
/// [`crate::lifespan::Ending`] for how a version ends, in words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndedBy {
    /// The decision that replaced or repealed it.
    pub decision: String,
    /// The item of the version's decision that the amendment names (`A.15`), or `None`
    /// when it names that whole decision.
    pub item: Option<String>,
    /// Repealed rather than replaced.
    pub repeal: bool,
}

/// A legal act that publishes procedures (quyết định).
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// Its number, e.g. `1086/QĐ-UBND`.
    pub number: String,
    /// Its title.
    pub title: Option<String>,
    /// Signing date.
    pub signed: NaiveDate,
    /// Effective date.
    pub effective: NaiveDate,
    /// Who issued it.
    pub issuer: String,
    /// Who signed it, as printed under it (`KT. Chủ tịch, Phó Chủ tịch …`).
    pub signer: Option<String>,
    /// Its legal bases (căn cứ), as printed, in order.
    pub basis: Vec<String>,
    /// The decisions publishing the procedures' list, statutory times, fees and dossiers
    /// that this one follows.
    pub companions: Vec<Companion>,
    /// Its appendix's part headings as printed (`heading "C" "…"`), by part.
    pub headings: Vec<PartHeading>,
    /// Its appendix's six column titles as printed (`columns …`), if stated.
    pub columns: Option<Vec<String>>,
    /// Acts it replaces, in whole or in part (every decision `replaces` names).
    pub replaces: Vec<String>,
    /// What it replaces or repeals, decision by decision and item by item.
    pub amends: Vec<Amendment>,
    /// Where it is declared (the `decision "…"` head).
    #[serde(skip)]
    pub loc: Loc,
    /// Where `effective` is written.
    #[serde(skip)]
    pub effective_loc: Loc,
}

/// A public service (thủ tục hành chính).
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    /// Slug id, unique in the catalogue.
    pub id: String,
    /// National code such as `1.001193`.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// Field (lĩnh vực), e.g. "Hộ tịch".
    pub field: Option<String>,
    /// Other names people use for it (`alias`), for search; the decision does not print
    /// them.
    pub aliases: Vec<String>,
    /// Versions in source order.
    pub versions: Vec<Version>,
    /// Where it is declared (the `procedure ID` head).
    #[serde(skip)]
    pub loc: Loc,
    /// Where the code is written.
    #[serde(skip)]
    pub code_loc: Option<Loc>,
}

/// A version's own code, serialized without its place.
fn code_value<S: serde::Serializer>(code: &Option<(String, Loc)>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&code.as_ref().map(|(c, _)| c), s)
}

impl Procedure {
    /// The name that applies to a version: its own when it changes it, else the
    /// procedure's.
    pub fn name_in<'a>(&'a self, v: &'a Version) -> &'a str {
        v.name.as_deref().unwrap_or(&self.name)
    }

    /// The national code that applies to a version.
    pub fn code_in<'a>(&'a self, v: &'a Version) -> Option<&'a str> {
        v.code
            .as_ref()
            .map(|(c, _)| c.as_str())
            .or(self.code.as_deref())
    }

    /// The field that applies to a version.
    pub fn field_in<'a>(&'a self, v: &'a Version) -> Option<&'a str> {
        v.field.as_deref().or(self.field.as_deref())
    }

    /// The version in force on a date.
    pub fn version_at(&self, date: NaiveDate) -> Option<&Version> {
        self.versions.iter().find(|v| v.in_force_on(date))
    }
}

/// The rules of a procedure for one period.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// The label after `version`, or `None` for a version written directly in the procedure.
    pub label: Option<String>,
    /// The decision and item the numbers come from.
    pub source: Source,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force, inclusive.
    pub valid_until: Option<NaiveDate>,
    /// The deciding level's id.
    pub authority: String,
    /// Named cases besides the ordinary one (always includes `verification`).
    pub variants: Vec<VariantDecl>,
    /// Time for the whole procedure.
    pub total: Timing,
    /// Steps in order.
    pub steps: Vec<Step>,
    /// Places where the printed decision had to be interpreted.
    pub interpretations: Vec<Interpretation>,
    /// The procedure's name as this version states it, when the version changes it
    /// (`name` inside a `version` block); see [`Procedure::name_in`].
    pub name: Option<String>,
    /// The national code as this version states it, when it changes it, with where it
    /// is written.
    #[serde(serialize_with = "code_value")]
    pub code: Option<(String, Loc)>,
    /// The field (lĩnh vực) as this version states it, when it changes it.
    pub field: Option<String>,
    /// Where the version starts (its `version` head, or the procedure head).
    #[serde(skip)]
    pub loc: Loc,
    /// Where the authority is named.
    #[serde(skip)]
    pub authority_loc: Loc,
    /// Where `from` is written, or the source when derived from it.
    #[serde(skip)]
    pub from_loc: Loc,
    /// Where the `source` statement is.
    #[serde(skip)]
    pub source_loc: Loc,
    /// The later decision that ended it (its `valid_until` then is the day before that
    /// decision took effect, unless the version gave its own); `None` when nothing
    /// amended it, so that a `valid_until` is the version's own (it lapsed).
    pub ended_by: Option<EndedBy>,
}

impl Version {
    /// True when the version is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.valid_from && self.valid_until.is_none_or(|u| date <= u)
    }

    /// Whether this version has a variant of that id (declared or built in).
    pub fn has_variant(&self, id: &str) -> bool {
        self.variants.iter().any(|v| v.id == id)
    }

    /// Whether the version has an ordinary case. A total that starts with a case
    /// (`total by-law 3 days, appointed 5 days`) has none: its cases are alternatives and
    /// a request must say which one it is.
    pub fn has_ordinary_case(&self) -> bool {
        self.total.base.is_some()
    }

    /// The cutoff the version states for a case (`None` = the ordinary case): the case's
    /// own when its declaration gives one, else the procedure's; `None` when neither
    /// states one and the calendar's default applies.
    pub fn cutoff_for(&self, variant: Option<&str>) -> Option<Cutoff> {
        variant
            .and_then(|id| self.variants.iter().find(|d| d.id == id))
            .and_then(|d| d.cutoff.as_ref())
            .or(self.total.cutoff.as_ref())
            .map(|c| c.value)
    }

    /// Whether the version is a same-day procedure in its ordinary case.
    pub fn is_same_day(&self) -> bool {
        matches!(
            self.total.base.as_ref().map(|a| &a.value),
            Some(Amount::SameDay)
        )
    }
}

/// Where a version's numbers come from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Decision number.
    pub decision: String,
    /// Item of the decision's appendix, e.g. `A.4`.
    pub item: String,
}

/// A named case (trường hợp) with its own times.
#[derive(Debug, Clone, Serialize)]
pub struct VariantDecl {
    /// Slug id.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
    /// Its condition or scope as the decision words it (`when "…"`), if written.
    pub condition: Option<String>,
    /// Its own cutoff (`cutoff 11:00` or `cutoff none` on the declaration), which applies
    /// to this case instead of the procedure's or the calendar's.
    pub cutoff: Option<Placed<Cutoff>>,
    /// Where it is declared; `None` for the built-in `verification`.
    #[serde(skip)]
    pub loc: Option<Loc>,
}

/// An amount of working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "days")]
pub enum Amount {
    /// Resolved on the day of receipt (next working day after the cutoff).
    SameDay,
    /// A number of working days.
    Days(Days),
}

/// An amount with the place it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placed<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    #[serde(skip)]
    pub loc: Loc,
    /// Where the number of an amount is written (`1/4`, `0,5`, `03`), so that outputs
    /// for legal staff can show it as printed; `None` for a same-day amount or a cutoff.
    #[serde(skip)]
    pub number: Option<Loc>,
}

/// The times on a `total` or `step` line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    /// The ordinary case.
    pub base: Option<Placed<Amount>>,
    /// The procedure's own cutoff statement (totals only); `None` when it states none
    /// and the calendar's applies.
    pub cutoff: Option<Placed<Cutoff>>,
    /// Named cases, in source order.
    pub variants: Vec<(String, Placed<Amount>)>,
}

/// What a procedure states about its cutoff: a receipt after this time counts from the
/// next working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cutoff {
    /// `cutoff 15:00`.
    At(NaiveTime),
    /// `cutoff none`: no cutoff, whatever the calendar's default.
    None,
}

impl Cutoff {
    /// The clock time, or `None` for `cutoff none`.
    pub fn time(self) -> Option<NaiveTime> {
        match self {
            Cutoff::At(t) => Some(t),
            Cutoff::None => None,
        }
    }

    /// As the language writes it: `15:00` or `none`.
    pub fn written(self) -> String {
        match self {
            Cutoff::At(t) => t.format("%H:%M").to_string(),
            Cutoff::None => "none".to_string(),
        }
    }
}

/// Where the cutoff in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutoffSource {
    /// The procedure states its own (a time, or that it has none).
    Procedure,
    /// The calendar's default applies.
    Calendar,
}

/// The cutoff in force for a procedure stating `own` under a calendar whose default is
/// `calendar`, and where it comes from (`None` only when neither has one).
///
/// ```
/// use chrono::NaiveTime;
/// use tthc::model::{effective_cutoff, Cutoff, CutoffSource};
/// let three = NaiveTime::from_hms_opt(15, 0, 0);
/// let four = NaiveTime::from_hms_opt(16, 0, 0).unwrap();
/// assert_eq!(effective_cutoff(None, three), (three, Some(CutoffSource::Calendar)));
/// assert_eq!(effective_cutoff(Some(Cutoff::At(four)), three), (Some(four), Some(CutoffSource::Procedure)));
/// assert_eq!(effective_cutoff(Some(Cutoff::None), three), (None, Some(CutoffSource::Procedure)));
/// assert_eq!(effective_cutoff(None, None), (None, None));
/// ```
pub fn effective_cutoff(
    own: Option<Cutoff>,
    calendar: Option<NaiveTime>,
) -> (Option<NaiveTime>, Option<CutoffSource>) {
    match (own, calendar) {
        (Some(Cutoff::At(t)), _) => (Some(t), Some(CutoffSource::Procedure)),
        (Some(Cutoff::None), _) => (None, Some(CutoffSource::Procedure)),
        (None, Some(t)) => (Some(t), Some(CutoffSource::Calendar)),
        (None, None) => (None, None),
    }
}

impl Timing {
    /// True when no time at all is written.
    pub fn is_empty(&self) -> bool {
        self.base.is_none() && self.variants.is_empty()
    }

    /// The amount written for a variant (`None` = the ordinary case), without falling back.
    pub fn exact(&self, variant: Option<&str>) -> Option<&Placed<Amount>> {
        match variant {
            None => self.base.as_ref(),
            Some(v) => self.variants.iter().find(|(n, _)| n == v).map(|(_, a)| a),
        }
    }

    /// The amount that applies in a variant: the variant's own time, else the ordinary one.
    pub fn for_variant(&self, variant: Option<&str>) -> Option<&Placed<Amount>> {
        self.exact(variant).or(self.base.as_ref())
    }
}

/// One stage of the internal workflow (bước).
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Slug id, unique in the version.
    pub id: String,
    /// Name as the decision prints it.
    pub name: String,
    /// Role id (the first named, when several may perform the step).
    pub role: String,
    /// Other roles that may perform the step instead (`by desk / postal-worker`): the
    /// decision names alternatives, such as the desk or a postal worker returning the
    /// result. The step's time and deadline are the same whoever performs it.
    pub other_roles: Vec<RoleRef>,
    /// Who performs it as the decision prints it, when the file writes that (the print
    /// abbreviates or words it unlike the roles' titles).
    pub performer_as_printed: Option<String>,
    /// Its times; empty when the step has no time of its own.
    pub timing: Timing,
    /// Where the step is written.
    #[serde(skip)]
    pub loc: Loc,
    /// Where the role is named.
    #[serde(skip)]
    pub role_loc: Loc,
}

/// A role named by a step, with where it is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRef {
    /// Role id.
    pub id: String,
    /// Where it is named.
    #[serde(skip)]
    pub loc: Loc,
}

/// A note that the printed decision had to be read with judgement.
#[derive(Debug, Clone, Serialize)]
pub struct Interpretation {
    /// The step concerned, if one.
    pub step: Option<String>,
    /// What was read and why.
    pub text: String,
    /// Where it is written.
    #[serde(skip)]
    pub loc: Loc,
}
