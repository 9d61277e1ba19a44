//! `GET /v1/procedures` and `GET /v1/procedures/{id}`.

use super::error::ApiError;
use super::state::AppState;
use super::types::*;
use crate::model::{Catalogue, Procedure, Version};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use std::sync::Arc;

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
    }
}

fn version_detail(catalogue: &Catalogue, v: &Version) -> VersionDetail {
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
        versions: p
            .versions
            .iter()
            .map(|v| version_summary(catalogue, v))
            .collect(),
    }
}

/// The procedure with an id, or a 404 problem that suggests a close id.
pub fn find<'c>(
    catalogue: &'c Catalogue,
    id: &str,
    field: Option<&str>,
) -> Result<&'c Procedure, ApiError> {
    catalogue.procedure(id).ok_or_else(|| {
        let hint =
            crate::diagnostic::suggest(id, catalogue.procedures.iter().map(|p| p.id.as_str()));
        let (en, vi) = match hint {
            Some(s) => (
                format!("; did you mean `{s}`?"),
                format!("; có phải `{s}`?"),
            ),
            None => (
                "; GET /v1/procedures lists them".to_string(),
                "; xem danh sách tại GET /v1/procedures".to_string(),
            ),
        };
        ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "unknown_procedure",
            field,
            format!("there is no procedure `{id}`{en}"),
            format!("không có thủ tục `{id}`{vi}"),
        )
    })
}

/// Query of `GET /v1/procedures`: every filter given must hold.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only the procedure with this national code (mã thủ tục), e.g. `1.001193`.
    #[param(example = "1.001193")]
    pub code: Option<String>,
    /// Only procedures of this field (lĩnh vực), exactly as the catalogue writes it,
    /// e.g. `Hộ tịch`.
    pub field: Option<String>,
    /// Only versions decided by this authority level, e.g. `commune`; procedures left
    /// without a version are omitted.
    pub authority: Option<String>,
    /// Only the version in force on this date (YYYY-MM-DD); procedures with no version in
    /// force that day are omitted.
    #[param(example = "2025-07-01")]
    pub at: Option<String>,
    /// Only versions from this decision, e.g. `1086/QĐ-UBND`; procedures left without a
    /// version are omitted.
    #[param(example = "1086/QĐ-UBND")]
    pub decision: Option<String>,
    /// Words to find, with or without diacritics (`dang ky ket hon` finds "Đăng ký kết
    /// hôn"; `đ` is `d`): every word must occur in the name, the id, the national code or
    /// an item of the source decision (`B.16`).
    #[param(example = "dang ky ket hon")]
    pub q: Option<String>,
}

/// Whether every word of the folded query occurs in the procedure's folded name, id,
/// national code or one of its items.
fn matches_words(p: &Procedure, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut hay = crate::text::fold::fold(&p.name);
    hay.push(' ');
    hay.push_str(&p.id.replace('-', " "));
    for extra in p
        .code
        .iter()
        .chain(p.versions.iter().map(|v| &v.source.item))
    {
        hay.push(' ');
        hay.push_str(&crate::text::fold::fold(extra));
    }
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// A date of the form YYYY-MM-DD from a query parameter, or a 422 naming the parameter.
pub(super) fn query_date(name: &str, text: &str) -> Result<chrono::NaiveDate, ApiError> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        ApiError::invalid(
            name,
            format!("`{text}` is not a date of the form YYYY-MM-DD"),
            format!("`{text}` không phải ngày dạng NĂM-THÁNG-NGÀY"),
        )
    })
}

/// The version of `p` in force on `date`, or the 404 that says it has none.
pub(super) fn version_in_force(
    p: &Procedure,
    date: chrono::NaiveDate,
) -> Result<&Version, ApiError> {
    p.version_at(date).ok_or_else(|| {
        let id = &p.id;
        ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "no_version_in_force",
            Some("at"),
            format!("procedure `{id}` has no version in force on {date}"),
            format!(
                "thủ tục `{id}` không có phiên bản có hiệu lực ngày {}",
                date.format("%d/%m/%Y")
            ),
        )
    })
}

fn query_error(e: &axum::extract::rejection::QueryRejection) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        None,
        e.body_text(),
        format!("tham số truy vấn không hợp lệ: {}", e.body_text()),
    )
}

/// Lists the procedures with their versions: all of them, or those the filters keep
/// (`code`, `field`, `authority`, `decision`, `at`, and the words of `q`; every filter
/// given must hold).
#[utoipa::path(get, path = "/v1/procedures", tag = "procedures", operation_id = "listProcedures",
    params(ListQuery),
    responses(
        (status = 200, description = "The procedures that pass the filters, sorted by id (an empty list when none does)", body = ProcedureList),
        (status = 422, description = "`at` is not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProcedureList>, ApiError> {
    let Query(q) = query.map_err(|e| query_error(&e))?;
    let at = q.at.as_deref().map(|t| query_date("at", t)).transpose()?;
    let words: Vec<String> =
        q.q.as_deref()
            .map(|t| {
                crate::text::fold::fold(t)
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
    let snap = state.snapshot();
    let catalogue = &snap.catalogue;
    let mut procedures: Vec<ProcedureSummary> = catalogue
        .procedures
        .iter()
        .filter(|p| q.code.is_none() || p.code == q.code)
        .filter(|p| q.field.is_none() || p.field == q.field)
        .filter(|p| matches_words(p, &words))
        .filter_map(|p| {
            let versions: Vec<VersionSummary> = p
                .versions
                .iter()
                .filter(|v| at.is_none_or(|d| v.in_force_on(d)))
                .filter(|v| q.authority.as_deref().is_none_or(|a| v.authority == a))
                .filter(|v| q.decision.as_deref().is_none_or(|d| v.source.decision == d))
                .map(|v| version_summary(catalogue, v))
                .collect();
            (!versions.is_empty()).then(|| ProcedureSummary {
                versions,
                ..summary(catalogue, p)
            })
        })
        .collect();
    procedures.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Json(ProcedureList { procedures }))
}

/// Query of `GET /v1/procedures/{id}`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// Return only the version in force on this date (YYYY-MM-DD).
    pub at: Option<String>,
}

/// One procedure in full; with `?at=DATE`, only the version in force on that date.
#[utoipa::path(get, path = "/v1/procedures/{id}", tag = "procedures", operation_id = "getProcedure",
    params(("id" = String, Path, description = "Procedure id", example = "cap-giay-xac-nhan-tinh-trang-hon-nhan"), AtQuery),
    responses(
        (status = 200, description = "The procedure", body = ProcedureDetail),
        (status = 404, description = "No such procedure, or no version in force on `at`", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`at` is not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: Result<Query<AtQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProcedureDetail>, ApiError> {
    let snap = state.snapshot();
    let Query(query) = query.map_err(|e| query_error(&e))?;
    let p = find(&snap.catalogue, &id, None)?;
    let versions: Vec<&Version> = match &query.at {
        None => p.versions.iter().collect(),
        Some(text) => {
            vec![version_in_force(p, query_date("at", text)?)?]
        }
    };
    Ok(Json(ProcedureDetail {
        id: p.id.clone(),
        code: p.code.clone(),
        name: p.name.clone(),
        field: p.field.clone(),
        versions: versions
            .into_iter()
            .map(|v| version_detail(&snap.catalogue, v))
            .collect(),
    }))
}
