//! `GET /problems` and `GET /problems/{code}`: the page each problem `type` points to.
//!
//! A problem's `type` is the relative URI `/problems/<code>` (RFC 9457 allows a URI
//! reference; a client resolves it against the URL it called). The server answers it, so
//! the link works wherever the API is deployed, and the scheme stays stable because the
//! codes are the API's contract.

use super::error::{ApiError, PROBLEM_TYPES, problem_type};
use axum::extract::Path;
use axum::http::{StatusCode, header};

const PLAIN: &str = "text/plain; charset=utf-8";

/// Every problem type: code, status and title, one per line.
#[utoipa::path(get, path = "/problems", tag = "problems", operation_id = "listProblemTypes",
    responses((status = 200, description = "One line per problem type: code, HTTP status, title", body = String, content_type = "text/plain")))]
pub async fn list() -> ([(header::HeaderName, &'static str); 1], String) {
    let mut out = String::from(
        "Problem types of the tthc deadline API. GET /problems/<code> explains one.\n\n",
    );
    for t in PROBLEM_TYPES {
        out.push_str(&format!("{}\t{}\t{}\n", t.code, t.status, t.title));
    }
    ([(header::CONTENT_TYPE, PLAIN)], out)
}

/// What a problem type means and what to do, in English and Vietnamese.
#[utoipa::path(get, path = "/problems/{code}", tag = "problems", operation_id = "getProblemType",
    params(("code" = String, Path, description = "A problem code, as in a problem's `code`", example = "unknown_procedure")),
    responses(
        (status = 200, description = "The explanation", body = String, content_type = "text/plain"),
        (status = 404, description = "No such problem type", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    Path(code): Path<String>,
) -> Result<([(header::HeaderName, &'static str); 1], String), ApiError> {
    let t = problem_type(&code).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            None,
            format!("there is no problem type `{code}`; GET /problems lists them"),
            format!("không có loại lỗi `{code}`; xem danh sách tại GET /problems"),
        )
    })?;
    Ok(([(header::CONTENT_TYPE, PLAIN)], t.page()))
}
