//! `catalogue.json`: every procedure, its versions and the files written for each, so that
//! a consumer can find a version's outputs without knowing the naming scheme.

use super::workflow::version_key;
use super::{EmitError, SCHEMA_PATH, review, version_paths};
use crate::model::Catalogue;
use serde::Serialize;

/// The index document.
#[derive(Debug, Serialize)]
pub struct Index {
    /// Path of the workflow JSON Schema.
    pub schema: String,
    /// Decisions with their review pages, by slug.
    pub decisions: Vec<DecisionEntry>,
    /// Procedures by id.
    pub procedures: Vec<ProcedureEntry>,
}

/// A decision and its review pages.
#[derive(Debug, Serialize)]
pub struct DecisionEntry {
    /// Decision number.
    pub number: String,
    /// Signing date.
    pub signed: String,
    /// Effective date.
    pub effective: String,
    /// Who issued it.
    pub issuer: String,
    /// Who signed it, as printed.
    pub signer: Option<String>,
    /// Its legal bases (căn cứ), as printed.
    pub basis: Vec<String>,
    /// The decisions publishing the statutory times, fees and dossiers it follows.
    pub companions: Vec<crate::model::Companion>,
    /// What it replaces or repeals.
    pub amends: Vec<crate::model::Amendment>,
    /// `review/<slug>.html`, when the decision has procedures.
    pub review_html: Option<String>,
    /// `review/<slug>.md`, when the decision has procedures.
    pub review_markdown: Option<String>,
}

/// A procedure and its versions.
#[derive(Debug, Serialize)]
pub struct ProcedureEntry {
    /// Slug id.
    pub id: String,
    /// National code.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// Field.
    pub field: Option<String>,
    /// Versions by first day in force.
    pub versions: Vec<VersionEntry>,
}

/// A version and its files.
#[derive(Debug, Serialize)]
pub struct VersionEntry {
    /// The key used in file names.
    pub key: String,
    /// The label, if written.
    pub label: Option<String>,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force, inclusive.
    pub valid_until: Option<String>,
    /// Source decision number.
    pub decision: String,
    /// Appendix item.
    pub item: String,
    /// Deciding level: id and title.
    pub authority: AuthorityEntry,
    /// The procedure's name in this version, when the version changes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The national code in this version, when the version changes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The field in this version, when the version changes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Files written for this version.
    pub files: Files,
}

/// An authority level.
#[derive(Debug, Serialize)]
pub struct AuthorityEntry {
    /// Slug id.
    pub id: String,
    /// Vietnamese title.
    pub title: String,
}

/// Relative paths of a version's files.
#[derive(Debug, Serialize)]
pub struct Files {
    /// Workflow configuration, JSON.
    pub json: String,
    /// Workflow configuration, YAML.
    pub yaml: String,
    /// BPMN 2.0 process.
    pub bpmn: String,
    /// Review page (HTML) of the source decision.
    pub review_html: String,
    /// Review page (Markdown) of the source decision.
    pub review_markdown: String,
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Builds the index.
pub fn index(cat: &Catalogue) -> Result<Index, EmitError> {
    let mut decisions: Vec<DecisionEntry> = cat
        .decisions
        .iter()
        .map(|d| {
            let used = cat
                .procedures
                .iter()
                .flat_map(|p| &p.versions)
                .any(|v| v.source.decision == d.number);
            let s = review::slug(&d.number);
            DecisionEntry {
                number: d.number.clone(),
                signed: date(d.signed),
                effective: date(d.effective),
                issuer: d.issuer.clone(),
                signer: d.signer.clone(),
                basis: d.basis.clone(),
                companions: d.companions.clone(),
                amends: d.amends.clone(),
                review_html: used.then(|| format!("review/{s}.html")),
                review_markdown: used.then(|| format!("review/{s}.md")),
            }
        })
        .collect();
    decisions.sort_by(|a, b| a.number.cmp(&b.number));
    let mut procedures = Vec::new();
    for p in &cat.procedures {
        let mut versions = Vec::new();
        for v in &p.versions {
            let key = version_key(v);
            let (json, yaml, bpmn) = version_paths(&p.id, &key);
            let authority = cat
                .authority(&v.authority)
                .ok_or_else(|| EmitError::Missing {
                    procedure: format!("{}@{key}", p.id),
                    kind: "authority".into(),
                    id: v.authority.clone(),
                })?;
            let s = review::slug(&v.source.decision);
            versions.push(VersionEntry {
                key,
                label: v.label.clone(),
                valid_from: date(v.valid_from),
                valid_until: v.valid_until.map(date),
                decision: v.source.decision.clone(),
                item: v.source.item.clone(),
                authority: AuthorityEntry {
                    id: authority.id.clone(),
                    title: authority.title.clone(),
                },
                name: v.name.clone(),
                code: v.code.as_ref().map(|(c, _)| c.clone()),
                field: v.field.clone(),
                files: Files {
                    json,
                    yaml,
                    bpmn,
                    review_html: format!("review/{s}.html"),
                    review_markdown: format!("review/{s}.md"),
                },
            });
        }
        versions.sort_by(|a, b| a.valid_from.cmp(&b.valid_from).then(a.key.cmp(&b.key)));
        procedures.push(ProcedureEntry {
            id: p.id.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            field: p.field.clone(),
            versions,
        });
    }
    procedures.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Index {
        schema: SCHEMA_PATH.to_string(),
        decisions,
        procedures,
    })
}

/// `catalogue.json` as pretty JSON, newline-terminated.
pub fn render(cat: &Catalogue) -> Result<String, EmitError> {
    let mut s = serde_json::to_string_pretty(&index(cat)?)
        .map_err(|e| EmitError::Serialize(e.to_string()))?;
    s.push('\n');
    Ok(s)
}
