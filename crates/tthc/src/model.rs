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
    /// The decision with this number, written as declared or with `D` for `Đ`, in any
    /// case (see [`crate::text::fold::decision_key`]).
    pub fn decision(&self, number: &str) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.number == number)
            .or_else(|| {
                let key = crate::text::fold::decision_key(number);
                self.decisions
                    .iter()
                    .find(|d| crate::text::fold::decision_key(&d.number) == key)
            })
    }
    /// The procedure with this id.
    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }
}

/// The order items are printed in decisions: by part (`A`, `B`, …), then by number
/// (`A.2` before `A.10`).
pub fn item_order(item: &str) -> (String, u64, String) {
    let (part, number) = item.split_once('.').unwrap_or(("", item));
    (
        part.to_string(),
        number.parse::<u64>().unwrap_or(u64::MAX),
        item.to_string(),
    )
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
    /// The earlier decision's date, as the amending decision prints it (`signed DATE`).
    pub signed: Option<NaiveDate>,
    /// Where the target is written.
    #[serde(skip)]
    pub loc: Loc,
    /// Where its decision number is written (quotes included).
    #[serde(skip)]
    pub decision_loc: Loc,
    /// Where its item is written (quotes included), when it names one.
    #[serde(skip)]
    pub item_loc: Option<Loc>,
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
    /// Whose proposal it answers, as printed (`Theo đề nghị của … tại Tờ trình số …`).
    pub proposal: Option<String>,
    /// How far the cutoff reaches in its procedures, when it says (`cutoff applies to …`).
    pub cutoff_reach: Option<Placed<CutoffReach>>,
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

    /// The version in force on a date (never one whose dates are unknown).
    pub fn version_at(&self, date: NaiveDate) -> Option<&Version> {
        self.versions
            .iter()
            .find(|v| !v.gaps.dates && v.in_force_on(date))
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
    /// The approving level as the appendix prints it for this item (`authority commune
    /// printed "UBND cấp xã"`); `None` when the appendix prints none.
    pub authority_printed: Option<Printed>,
    /// How far the cutoff reaches, as the version's decision states it (`cutoff applies
    /// to …`); `None` when the decision says nothing and the calendar's convention holds.
    pub decision_reach: Option<StatedReach>,
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
    /// What could not be read of it. Always empty in a catalogue without errors; the
    /// checker keeps a version with gaps so that its other mistakes are reported too.
    #[serde(skip)]
    pub gaps: Gaps,
}

/// What the checker could not read of a version: a line of it was set aside after a
/// syntax error, a required statement is missing, or its decision (hence its dates) is
/// unknown. A rule that needs a part with a gap says nothing about that version rather
/// than guess (a sum of steps with a step set aside would be a false alarm); the other
/// rules still run, so that every independent mistake in a file is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gaps {
    /// Its dates are unknown: its decision is not declared or has no readable dates, or
    /// its `from` or `until` cannot be read.
    pub dates: bool,
    /// Its source (decision and item) is unknown.
    pub source: bool,
    /// Its authority is unknown.
    pub authority: bool,
    /// Its total is unknown.
    pub total: bool,
    /// Some of its steps may be missing (a line set aside may have been one).
    pub steps: bool,
    /// Some of its case declarations may be missing.
    pub variants: bool,
}

impl Gaps {
    /// Whether anything is missing.
    pub fn any(&self) -> bool {
        *self != Gaps::default()
    }

    /// Whether the times of its steps and total can be compared: neither may be missing.
    pub fn times(&self) -> bool {
        self.total || self.steps || self.variants
    }
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

    /// What the version states about the cutoff of a case (`None` = the ordinary case):
    /// the case's own declaration, the procedure's statement on its total, and how far a
    /// decision says the cutoff reaches. [`CutoffStatement::applied`] resolves it against a
    /// calendar.
    pub fn cutoff_statement(&self, variant: Option<&str>) -> CutoffStatement {
        let amount = self.total.for_variant(variant).map(|a| a.value);
        CutoffStatement {
            case_own: variant
                .and_then(|id| self.variants.iter().find(|d| d.id == id))
                .and_then(|d| d.cutoff.as_ref())
                .map(|c| c.value),
            procedure_own: self.total.cutoff.as_ref().map(|c| c.value),
            named_case: variant.is_some(),
            same_day: matches!(amount, Some(Amount::SameDay)),
            decision: self.decision_reach.clone(),
        }
    }

    /// Whether a case's time belongs to the procedure as a whole (`undivided` on the
    /// total): no step has a share of it.
    pub fn is_undivided(&self, variant: Option<&str>) -> bool {
        variant.is_some_and(|v| self.total.undivided.iter().any(|u| u == v))
    }

    /// Whether the version is a same-day procedure in its ordinary case.
    pub fn is_same_day(&self) -> bool {
        matches!(
            self.total.base.as_ref().map(|a| &a.value),
            Some(Amount::SameDay)
        )
    }
}

/// Words exactly as a decision prints them (`printed "…"`), one string per printed cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    /// The strings, in order.
    pub parts: Vec<String>,
    /// Where they are written.
    #[serde(skip)]
    pub loc: Loc,
}

impl Printed {
    /// The strings as one text, cells separated by a line break.
    pub fn text(&self) -> String {
        self.parts.join("\n")
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
    /// Named cases whose time the total gives to the procedure as a whole (`undivided`):
    /// no step has a share of it (totals only).
    pub undivided: Vec<String>,
    /// The words as the decision prints them (`printed "…"`).
    pub printed: Option<Printed>,
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

/// How far a cutoff reaches (the calendar layer defines it, since a calendar states its
/// convention).
pub use crate::calendar::CutoffReach;

/// A reach a decision states, with the decision's number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatedReach {
    /// The reach.
    pub reach: CutoffReach,
    /// The decision stating it.
    pub decision: String,
}

/// Who states the cutoff that applies to a count (or that none applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutoffSource {
    /// The procedure states it, for this case or on its total (a time, or `none`).
    Procedure,
    /// The procedure states nothing; its decision states how far the calendar's cutoff
    /// reaches (`cutoff applies to …`).
    Decision,
    /// Neither states anything: the calendar's cutoff and its convention on its reach.
    Calendar,
}

impl CutoffSource {
    /// The stable name used in JSON: `procedure`, `decision`, `calendar`.
    pub fn code(self) -> &'static str {
        match self {
            CutoffSource::Procedure => "procedure",
            CutoffSource::Decision => "decision",
            CutoffSource::Calendar => "calendar",
        }
    }
}

/// What a version states about one case's cutoff, before a calendar is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CutoffStatement {
    /// The case's own (`variant x "…" cutoff 15:00`): applies to that case, whatever the
    /// reach.
    pub case_own: Option<Cutoff>,
    /// The procedure's, on its total: applies to its ordinary case, and to a named case
    /// the reach admits.
    pub procedure_own: Option<Cutoff>,
    /// Whether the count is a named case (not the ordinary one).
    pub named_case: bool,
    /// Whether the count is a same-day one.
    pub same_day: bool,
    /// The reach the version's decision states.
    pub decision: Option<StatedReach>,
}

/// The cutoff applied to one count, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedCutoff {
    /// The cutoff applied; `None` when none applies.
    pub time: Option<NaiveTime>,
    /// Who states it (or that none applies).
    pub source: CutoffSource,
    /// The reach consulted, when the procedure does not state the cutoff for this count
    /// itself.
    pub reach: Option<CutoffReach>,
    /// The decision stating that reach, when one does.
    pub decision: Option<String>,
    /// A cutoff that exists but does not reach this count (the calendar's 15:00 for a
    /// count of days when the reach is same-day counts only).
    pub out_of_reach: Option<NaiveTime>,
}

impl CutoffStatement {
    /// The cutoff applied to the count under a calendar whose cutoff is `calendar` and
    /// whose convention on its reach is `convention`.
    ///
    /// ```
    /// use chrono::NaiveTime;
    /// use tthc::model::{Cutoff, CutoffReach, CutoffSource, CutoffStatement, StatedReach};
    /// let three = NaiveTime::from_hms_opt(15, 0, 0);
    /// // A count of days, nothing stated: the calendar's 15:00 reaches same-day counts only.
    /// let days = CutoffStatement::default();
    /// let a = days.applied(three, CutoffReach::SameDay);
    /// assert_eq!((a.time, a.source, a.out_of_reach), (None, CutoffSource::Calendar, three));
    /// // A decision that applies it to every count.
    /// let every = CutoffStatement {
    ///     decision: Some(StatedReach { reach: CutoffReach::EveryCount, decision: "2000/QĐ-UBND".into() }),
    ///     ..Default::default()
    /// };
    /// let a = every.applied(three, CutoffReach::SameDay);
    /// assert_eq!((a.time, a.source), (three, CutoffSource::Decision));
    /// // A same-day procedure that states its own.
    /// let own = CutoffStatement { procedure_own: Some(Cutoff::At(three.unwrap())), same_day: true, ..Default::default() };
    /// assert_eq!(own.applied(None, CutoffReach::SameDay).source, CutoffSource::Procedure);
    /// ```
    pub fn applied(&self, calendar: Option<NaiveTime>, convention: CutoffReach) -> AppliedCutoff {
        let (reach, source, decision) = match &self.decision {
            Some(s) => (s.reach, CutoffSource::Decision, Some(s.decision.clone())),
            None => (convention, CutoffSource::Calendar, None),
        };
        let in_reach = self.same_day || reach == CutoffReach::EveryCount;
        let stated = |c: Cutoff, reach: Option<CutoffReach>| AppliedCutoff {
            time: c.time(),
            source: CutoffSource::Procedure,
            reach,
            decision: None,
            out_of_reach: None,
        };
        if let Some(c) = self.case_own {
            return stated(c, None);
        }
        if let Some(c) = self.procedure_own {
            if !self.named_case {
                return stated(c, None);
            }
            if in_reach {
                return stated(c, Some(reach));
            }
            return AppliedCutoff {
                time: None,
                source,
                reach: Some(reach),
                decision,
                out_of_reach: c.time(),
            };
        }
        AppliedCutoff {
            time: calendar.filter(|_| in_reach),
            source,
            reach: Some(reach),
            decision,
            out_of_reach: calendar.filter(|_| !in_reach),
        }
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
