//! The workflow configuration of one procedure version: the types other systems read
//! (JSON and YAML share them, and the JSON Schema is generated from them).

use super::{EmitError, WorkingDay};
use crate::days::Days;
use crate::model::{Amount, Catalogue, Procedure, Timing, Version};
use schemars::JsonSchema;
use serde::Serialize;

/// Version of the configuration format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 3;

/// Everything a workflow engine needs to run one version of a procedure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "tthc workflow configuration", deny_unknown_fields)]
pub struct WorkflowConfig {
    /// Version of this format (currently 3: a cutoff says how far it reaches and who
    /// states it — procedure, decision or calendar —, each case's total carries the
    /// cutoff that applies to it, and a case's time may be `undivided`; 2: `total.cutoff`
    /// became the cutoff in force with its origin, and `calendar` gained `cutoff` and
    /// `due_time`).
    pub format_version: u32,
    /// Which procedure this is.
    pub procedure: ProcedureIdentity,
    /// Which version of it, and when it is in force.
    pub version: VersionInfo,
    /// The decision and appendix item the times come from.
    pub source: SourceInfo,
    /// The level that decides (cấp có thẩm quyền).
    pub authority: Titled,
    /// The working day the minute figures assume.
    pub calendar: WorkingDay,
    /// Named cases besides the ordinary one (`verification` where the version gives it a
    /// time), with their condition as the decision words it.
    pub variants: Vec<VariantInfo>,
    /// Time for the whole procedure.
    pub total: Total,
    /// Steps in order.
    pub steps: Vec<StepConfig>,
    /// Places where the printed decision had to be interpreted.
    pub interpretations: Vec<InterpretationNote>,
}

/// Procedure identity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ProcedureIdentity {
    /// Slug id, e.g. `dang-ky-khai-sinh`.
    pub id: String,
    /// National code such as `1.001193`, when known.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// Field (lĩnh vực), e.g. "Hộ tịch".
    pub field: Option<String>,
}

/// A version and its validity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VersionInfo {
    /// The key used in file names: the label, or `valid_from` (YYYY-MM-DD) when unlabeled.
    pub key: String,
    /// The label written after `version`, if any.
    pub label: Option<String>,
    /// First day in force (YYYY-MM-DD).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub valid_from: String,
    /// Last day in force, inclusive (YYYY-MM-DD); `null` when open-ended.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub valid_until: Option<String>,
}

/// The source decision.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceInfo {
    /// Decision number, e.g. `1086/QĐ-UBND`.
    pub decision: String,
    /// Item of the decision's appendix, e.g. `B.16`.
    pub item: String,
    /// Decision title, when declared.
    pub title: Option<String>,
    /// Signing date (YYYY-MM-DD).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub signed: String,
    /// Effective date (YYYY-MM-DD).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub effective: String,
    /// Who issued it.
    pub issuer: String,
}

/// An id with its Vietnamese title.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Titled {
    /// Slug id.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
}

/// A named case.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VariantInfo {
    /// Slug id.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
    /// Its condition or scope as the decision words it; `null` when the file states none.
    pub condition: Option<String>,
    /// The case's own cutoff (from `procedure`), which applies to it instead of
    /// `total.cutoff`; absent when the case states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<EffectiveCutoff>,
}

/// An amount of working time, exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Allotment {
    /// A number of working days.
    Days {
        /// Exact value: `"2"`, `"1/2"`, `"21/2"`.
        #[schemars(regex(pattern = r"^\d+(/\d+)?$"))]
        days: String,
        /// Numerator in lowest terms.
        numerator: i64,
        /// Denominator in lowest terms (at least 1).
        denominator: i64,
        /// The same time in working minutes of the assumed working day.
        working_minutes: Minutes,
    },
    /// Resolved on the day of receipt (next working day after the cutoff).
    SameDay,
    /// No time of its own (e.g. delivering the result).
    None,
}

/// Working minutes: a whole number, or an exact fraction `"p/q"` when not whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Minutes {
    /// A whole number of minutes.
    Whole(i64),
    /// An exact fraction of minutes, `"p/q"`.
    Fraction(#[schemars(regex(pattern = r"^\d+/\d+$"))] String),
}

/// The time for one named case.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VariantAllotment {
    /// The variant's id.
    pub variant: String,
    /// Its time.
    pub allotment: Allotment,
}

/// The whole procedure's time.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Total {
    /// The ordinary case (`none` when there is none: see `case_required`).
    pub allotment: Allotment,
    /// True when the procedure has no ordinary case: its cases are alternatives (a
    /// guardian by law or appointed) and a case must be chosen to run it.
    pub case_required: bool,
    /// The cutoff applied to the ordinary case and who states it; `null` only when
    /// neither the procedure nor the calendar has one.
    pub cutoff: Option<EffectiveCutoff>,
    /// The total in every declared variant, in declaration order.
    pub variants: Vec<TotalVariant>,
}

/// The cutoff a workflow engine must apply: a receipt after `time` counts from the next
/// working day. The API applies exactly this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EffectiveCutoff {
    /// `HH:MM`, or `null` when none applies to the count (the procedure states `cutoff
    /// none`, or the calendar's cutoff does not reach it: see `out_of_reach`).
    #[schemars(regex(pattern = r"^\d{2}:\d{2}$"))]
    pub time: Option<String>,
    /// Who states it: `procedure` (the procedure or its case), `decision` (the decision
    /// says how far the calendar's cutoff reaches: see `decision`) or `calendar` (the
    /// calendar's cutoff and its `cutoff_reach` convention).
    #[schemars(regex(pattern = r"^(procedure|decision|calendar)$"))]
    pub from: String,
    /// The reach consulted when the procedure states nothing for this count: `same_day`
    /// or `every_count`; absent when the procedure states the cutoff itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(same_day|every_count)$"))]
    pub reach: Option<String>,
    /// The decision stating that reach, when `from` is `decision`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// A cutoff that exists but does not reach this count (`HH:MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{2}:\d{2}$"))]
    pub out_of_reach: Option<String>,
}

/// The cutoff applied to a case of a version (`None`: the ordinary case) under a working
/// day's calendar, as the engine applies it; `None` only when nothing states one.
pub fn effective_cutoff(
    v: &Version,
    variant: Option<&str>,
    day: &WorkingDay,
) -> Option<EffectiveCutoff> {
    let calendar = day
        .cutoff
        .as_deref()
        .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok());
    let convention = match day.cutoff_reach.as_str() {
        "every_count" => crate::model::CutoffReach::EveryCount,
        _ => crate::model::CutoffReach::SameDay,
    };
    let a = v.cutoff_statement(variant).applied(calendar, convention);
    let hhmm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    if a.time.is_none()
        && a.out_of_reach.is_none()
        && a.source != crate::model::CutoffSource::Procedure
    {
        return None;
    }
    Some(EffectiveCutoff {
        time: a.time.map(hhmm),
        from: a.source.code().to_string(),
        reach: a.reach.map(|r| r.code().to_string()),
        decision: a.decision,
        out_of_reach: a.out_of_reach.map(hhmm),
    })
}

/// The whole procedure's time in one named case.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TotalVariant {
    /// The variant's id.
    pub variant: String,
    /// Its total.
    pub allotment: Allotment,
    /// False when the decision writes no total for this case, so the ordinary total applies.
    pub written: bool,
    /// True when the decision gives this case's time to the procedure as a whole
    /// (`undivided`): no step has a share of it, so in this case every step is due when
    /// the procedure is (the steps' `allotment`s belong to the ordinary case).
    pub undivided: bool,
    /// The cutoff applied to this case and who states it (see `total.cutoff`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<EffectiveCutoff>,
}

/// One step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StepConfig {
    /// Slug id, unique in the version.
    pub id: String,
    /// Vietnamese name as the decision prints it.
    pub name: String,
    /// Who performs it (the first role named, when several may).
    pub role: Titled,
    /// Other roles that may perform it instead (`by desk / postal-worker`); absent when
    /// there are none. The step's time is the same whoever performs it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_roles: Vec<Titled>,
    /// Who performs it as the decision prints it, when the file says (an abbreviation
    /// or wording unlike the roles' titles); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performer_as_printed: Option<String>,
    /// Name of the process variable holding this step's due time in the BPMN export
    /// (`due_` + id with `-` replaced by `_`).
    pub due_variable: String,
    /// The ordinary case.
    pub allotment: Allotment,
    /// Times written for named cases; a variant not listed uses `allotment`.
    pub variants: Vec<VariantAllotment>,
    /// True when an `interpreted` note concerns this step.
    pub interpreted: bool,
}

/// An `interpreted` note.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct InterpretationNote {
    /// The step concerned, or `null` for the whole version.
    pub step: Option<String>,
    /// What was read and why.
    pub text: String,
}

/// The process variable holding a step's due time. FEEL names cannot contain `-`, and
/// step ids never contain `_`, so the mapping is one-to-one.
pub fn due_variable(step_id: &str) -> String {
    format!("due_{}", step_id.replace('-', "_"))
}

/// The stable key of a version in file names.
pub fn version_key(v: &Version) -> String {
    v.label
        .clone()
        .unwrap_or_else(|| v.valid_from.format("%Y-%m-%d").to_string())
}

/// `n/d`, or `n` when whole.
pub fn exact_days(d: Days) -> String {
    if d.denom() == 1 {
        d.numer().to_string()
    } else {
        format!("{}/{}", d.numer(), d.denom())
    }
}

/// An amount (or its absence) as an [`Allotment`].
pub fn allotment(
    amount: Option<&Amount>,
    day: &WorkingDay,
    what: &str,
) -> Result<Allotment, EmitError> {
    Ok(match amount {
        None => Allotment::None,
        Some(Amount::SameDay) => Allotment::SameDay,
        Some(Amount::Days(d)) => {
            let (num, den) = d
                .times(day.minutes)
                .ok_or_else(|| EmitError::Overflow(what.to_string()))?;
            Allotment::Days {
                days: exact_days(*d),
                numerator: d.numer(),
                denominator: d.denom(),
                working_minutes: if den == 1 {
                    Minutes::Whole(num)
                } else {
                    Minutes::Fraction(format!("{num}/{den}"))
                },
            }
        }
    })
}

fn written_variants(
    t: &Timing,
    day: &WorkingDay,
    what: &str,
) -> Result<Vec<VariantAllotment>, EmitError> {
    t.variants
        .iter()
        .map(|(id, a)| {
            Ok(VariantAllotment {
                variant: id.clone(),
                allotment: allotment(Some(&a.value), day, what)?,
            })
        })
        .collect()
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Builds the configuration of one version.
pub fn config(
    cat: &Catalogue,
    p: &Procedure,
    v: &Version,
    day: &WorkingDay,
) -> Result<WorkflowConfig, EmitError> {
    let what = format!("{}@{}", p.id, version_key(v));
    let missing = |kind: &str, id: &str| EmitError::Missing {
        procedure: what.clone(),
        kind: kind.to_string(),
        id: id.to_string(),
    };
    let decision = cat
        .decision(&v.source.decision)
        .ok_or_else(|| missing("decision", &v.source.decision))?;
    let authority = cat
        .authority(&v.authority)
        .ok_or_else(|| missing("authority", &v.authority))?;
    let steps = v
        .steps
        .iter()
        .map(|s| {
            let titled = |id: &str| {
                cat.role(id)
                    .map(|r| Titled {
                        id: r.id.clone(),
                        title: r.title.clone(),
                    })
                    .ok_or_else(|| missing("role", id))
            };
            Ok(StepConfig {
                id: s.id.clone(),
                name: s.name.clone(),
                role: titled(&s.role)?,
                other_roles: s
                    .other_roles
                    .iter()
                    .map(|r| titled(&r.id))
                    .collect::<Result<_, _>>()?,
                performer_as_printed: s.performer_as_printed.clone(),
                due_variable: due_variable(&s.id),
                allotment: allotment(s.timing.base.as_ref().map(|a| &a.value), day, &what)?,
                variants: written_variants(&s.timing, day, &what)?,
                interpreted: v
                    .interpretations
                    .iter()
                    .any(|i| i.step.as_deref() == Some(s.id.as_str())),
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let total_variants = v
        .variants
        .iter()
        .map(|var| {
            let a = v.total.for_variant(Some(&var.id)).map(|a| &a.value);
            Ok(TotalVariant {
                variant: var.id.clone(),
                allotment: allotment(a, day, &what)?,
                written: v.total.exact(Some(&var.id)).is_some(),
                undivided: v.is_undivided(Some(&var.id)),
                cutoff: effective_cutoff(v, Some(&var.id), day),
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    Ok(WorkflowConfig {
        format_version: FORMAT_VERSION,
        procedure: ProcedureIdentity {
            id: p.id.clone(),
            // As this version states them: a later decision may rename the procedure
            // or give it a new code.
            code: p.code_in(v).map(str::to_string),
            name: p.name_in(v).to_string(),
            field: p.field_in(v).map(str::to_string),
        },
        version: VersionInfo {
            key: version_key(v),
            label: v.label.clone(),
            valid_from: date(v.valid_from),
            valid_until: v.valid_until.map(date),
        },
        source: SourceInfo {
            decision: decision.number.clone(),
            item: v.source.item.clone(),
            title: decision.title.clone(),
            signed: date(decision.signed),
            effective: date(decision.effective),
            issuer: decision.issuer.clone(),
        },
        authority: Titled {
            id: authority.id.clone(),
            title: authority.title.clone(),
        },
        calendar: day.clone(),
        variants: v
            .variants
            .iter()
            .map(|x| VariantInfo {
                id: x.id.clone(),
                title: x.title.clone(),
                condition: x.condition.clone(),
                cutoff: x.cutoff.as_ref().map(|c| EffectiveCutoff {
                    time: c.value.time().map(|t| t.format("%H:%M").to_string()),
                    from: "procedure".to_string(),
                    reach: None,
                    decision: None,
                    out_of_reach: None,
                }),
            })
            .collect(),
        total: Total {
            allotment: allotment(v.total.base.as_ref().map(|a| &a.value), day, &what)?,
            case_required: !v.has_ordinary_case(),
            cutoff: effective_cutoff(v, None, day),
            variants: total_variants,
        },
        steps,
        interpretations: v
            .interpretations
            .iter()
            .map(|i| InterpretationNote {
                step: i.step.clone(),
                text: i.text.clone(),
            })
            .collect(),
    })
}

/// The configuration as pretty JSON, newline-terminated.
pub fn to_json(c: &WorkflowConfig) -> Result<String, EmitError> {
    let mut s = serde_json::to_string_pretty(c).map_err(|e| EmitError::Serialize(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// The configuration as YAML.
pub fn to_yaml(c: &WorkflowConfig) -> Result<String, EmitError> {
    serde_saphyr::to_string(c).map_err(|e| EmitError::Serialize(e.to_string()))
}

/// The JSON Schema of [`WorkflowConfig`], pretty-printed.
pub fn schema_json() -> Result<String, EmitError> {
    let schema = schemars::schema_for!(WorkflowConfig);
    let mut s =
        serde_json::to_string_pretty(&schema).map_err(|e| EmitError::Serialize(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_a_day_is_240_minutes_of_the_vn_day() {
        let a = allotment(
            Some(&Amount::Days(Days::new(1, 2).unwrap())),
            &WorkingDay::vn(),
            "t",
        )
        .unwrap();
        assert_eq!(
            a,
            Allotment::Days {
                days: "1/2".into(),
                numerator: 1,
                denominator: 2,
                working_minutes: Minutes::Whole(240)
            }
        );
    }

    #[test]
    fn minutes_that_are_not_whole_stay_exact() {
        let day = WorkingDay {
            minutes: 500,
            calendar: "x".into(),
            ..WorkingDay::vn()
        };
        let a = allotment(Some(&Amount::Days(Days::new(1, 3).unwrap())), &day, "t").unwrap();
        let Allotment::Days {
            working_minutes, ..
        } = a
        else {
            panic!("not days")
        };
        assert_eq!(working_minutes, Minutes::Fraction("500/3".into()));
    }

    #[test]
    fn due_variables_are_feel_names() {
        assert_eq!(due_variable("appraise"), "due_appraise");
        assert_eq!(due_variable("re-check-2"), "due_re_check_2");
    }
}
