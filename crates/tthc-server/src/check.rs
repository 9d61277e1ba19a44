//! `POST /v1/check`: a procedure text checked against the served catalogue, and
//! `GET /v1/procedures/{id}/source`, the text a procedure is written in.
//!
//! Nothing is written to disk: the served catalogue's files are kept in memory by the
//! snapshot ([`super::state::Snapshot::inputs`]); the text is checked with them as one
//! more file (or in place of the file it names), and only its findings are reported,
//! exactly as `tthc check --format json` reports a file inside a catalogue.

use super::error::{ApiError, ApiJson};
use super::state::{AppState, Snapshot};
use super::types::{CheckReport, CheckRequest, LangIn, ProcedureSource};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeSet;
use std::sync::Arc;
use tthc::check::{self, Input};
use tthc::diagnostic::Lang;
use tthc::service::procedures as service;

/// Largest text `POST /v1/check` reads, in bytes (the whole bundled catalogue is ~100 KB).
pub const TEXT_LIMIT: usize = 1024 * 1024;
/// The file name a text is checked under when the request names none.
pub const DEFAULT_FILE: &str = "pasted.tthc";

/// Whether `name` is a file name the checker can report under: relative, `/`-separated,
/// ending in `.tthc`, without `..` or control characters.
fn valid_file_name(name: &str) -> bool {
    name.len() <= 300
        && name.ends_with(".tthc")
        && name.len() > ".tthc".len()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.chars().any(char::is_control)
        && name.split('/').all(|part| !part.is_empty() && part != "..")
}

/// Largest report `POST /v1/check` sends, in bytes. The checker lists at most 100
/// findings of a rule and 500 in all per file, so a report is rarely above a few hundred
/// kilobytes; only messages quoting very long names from the text come near this, and
/// then the findings past it are counted, not listed (`omitted`).
pub const RESPONSE_LIMIT: usize = 2 * 1024 * 1024;

/// Checks `text` as the file `file` in the context of the snapshot's catalogue; the
/// report lists the text's findings only.
pub fn check_text(
    snap: &Snapshot,
    text: &str,
    file: &str,
    lang: Lang,
    at: Option<chrono::NaiveDate>,
) -> String {
    check_text_until(snap, text, file, lang, at, &check::Cancel::new())
        .expect("a flag nobody else holds is never raised")
}

/// As [`check_text`], stopping once `cancel` is raised (the request timed out or its
/// client went away); the report is cut to [`RESPONSE_LIMIT`].
pub fn check_text_until(
    snap: &Snapshot,
    text: &str,
    file: &str,
    lang: Lang,
    at: Option<chrono::NaiveDate>,
    cancel: &check::Cancel,
) -> Result<String, check::Cancelled> {
    let mut inputs: Vec<Input> = snap
        .inputs
        .iter()
        .filter(|i| i.path != file)
        .cloned()
        .collect();
    inputs.push(Input {
        path: file.to_string(),
        bytes: text.as_bytes().to_vec(),
    });
    let mut options = snap.check_options.clone();
    options.at = at;
    let mut checked = check::check_until(inputs, &options, cancel)?;
    checked.focus_on(&BTreeSet::from([file.to_string()]));
    Ok(tthc::report::json::render_within(
        &checked,
        lang,
        Some(&snap.origin.to_json()),
        RESPONSE_LIMIT,
    ))
}

use tthc::datetime::today_in_vietnam;

/// Checks a procedure text against the served catalogue (its roles, authorities and
/// decisions, and the procedures it would duplicate): the same findings as
/// `tthc check --format json` for that file. Nothing is stored.
#[utoipa::path(post, path = "/v1/check", tag = "procedures", operation_id = "checkText",
    request_body = CheckRequest,
    responses(
        (status = 200, description = "The findings in the text (an empty `diagnostics` list when it checks clean), as `tthc check --format json` prints them", body = CheckReport),
        (status = 400, description = "Malformed JSON", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 4 MiB", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not `application/json`", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A text over 1 MiB, a file name that is not a relative `.tthc` path, or `at` not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn check(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Response, ApiError> {
    if req.text.len() > TEXT_LIMIT {
        return Err(ApiError::invalid(
            "text",
            format!(
                "the text is {} bytes; at most {TEXT_LIMIT} are checked",
                req.text.len()
            ),
            format!(
                "văn bản dài {} byte; chỉ kiểm tra tối đa {TEXT_LIMIT} byte",
                req.text.len()
            ),
        ));
    }
    let file = req.file.unwrap_or_else(|| DEFAULT_FILE.to_string());
    if !valid_file_name(&file) {
        return Err(ApiError::invalid(
            "file",
            format!(
                "`{file}` is not a relative path ending in .tthc (such as `procedures/x.tthc`)"
            ),
            format!(
                "`{file}` không phải đường dẫn tương đối kết thúc bằng .tthc (như `procedures/x.tthc`)"
            ),
        ));
    }
    let at = match req.at.as_deref() {
        None => today_in_vietnam(),
        Some(t) => tthc::service::procedures::date("at", t)?,
    };
    let lang = match req.lang {
        Some(LangIn::Vi) => Lang::Vi,
        Some(LangIn::En) | None => Lang::En,
    };
    let snap = state.snapshot();
    let text = req.text;
    // Dropped with this future when the request times out or the client goes away: the
    // check then stops at its next step instead of running on for nobody.
    let cancel = check::Cancel::new();
    let _stop_when_dropped = cancel.on_drop();
    let body = tokio::task::spawn_blocking(move || {
        check_text_until(&snap, &text, &file, lang, Some(at), &cancel)
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            None,
            "the check failed; it has been logged",
            "kiểm tra bị lỗi; lỗi đã được ghi lại",
        )
    })?
    .map_err(|check::Cancelled| super::timed_out())?;
    // The report is rendered by the CLI's own writer, so both print the same JSON.
    debug_assert!(serde_json::from_str::<CheckReport>(&body).is_ok());
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Query of `GET /v1/procedures/{id}/source`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SourceQuery {
    /// The file of the version in force on this date (YYYY-MM-DD); default the latest version.
    #[param(format = Date, min_length = 10)]
    pub at: Option<String>,
}

/// The text of the file a procedure (its latest version, or the one in force on `at`)
/// is written in, with the file's path in the catalogue: what the check page starts from.
#[utoipa::path(get, path = "/v1/procedures/{id}/source", tag = "procedures", operation_id = "getProcedureSource",
    params(("id" = String, Path, description = "Procedure id, or its national code (`1.001193`)", example = "cap-giay-xac-nhan-tinh-trang-hon-nhan"), SourceQuery),
    responses(
        (status = 200, description = "The file's path and text", body = ProcedureSource),
        (status = 404, description = "No such procedure, or no version in force on `at`", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`at` is not a date", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn source(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: Result<Query<SourceQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProcedureSource>, ApiError> {
    let Query(q) = query.map_err(|e| {
        ApiError::invalid(
            "at",
            e.body_text(),
            format!("tham số truy vấn không hợp lệ: {}", e.body_text()),
        )
    })?;
    let snap = state.snapshot();
    let p = service::find(&snap.catalogue, &id)?;
    let version = match q.at.as_deref() {
        None => p.versions.last(),
        Some(t) => Some(service::version_in_force(
            &snap.catalogue,
            p,
            service::date("at", t)?,
        )?),
    };
    let file = version.map_or(p.loc.file, |v| v.loc.file);
    let input = snap.inputs.get(file).ok_or_else(|| {
        ApiError::not_found(
            format!("the file of procedure `{id}` is not kept"),
            format!("không còn tệp của thủ tục `{id}`"),
        )
    })?;
    Ok(Json(ProcedureSource {
        procedure: p.id.clone(),
        file: input.path.clone(),
        text: String::from_utf8_lossy(&input.bytes).into_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::valid_file_name;

    #[test]
    fn file_names_are_relative_tthc_paths() {
        assert!(valid_file_name("pasted.tthc"));
        assert!(valid_file_name("procedures/1086-QD-UBND/b16.tthc"));
        for bad in [
            "",
            ".tthc",
            "/etc/x.tthc",
            "a/../b.tthc",
            "a//b.tthc",
            "x.txt",
            "a\\b.tthc",
            "a\nb.tthc",
        ] {
            assert!(!valid_file_name(bad), "{bad:?}");
        }
    }
}
