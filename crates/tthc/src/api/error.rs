//! Errors as RFC 9457 problem details (`application/problem+json`), each with a stable
//! code, a message in English and Vietnamese, and the offending field.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize, PartialEq, Eq)]
pub struct Problem {
    /// A URI naming the kind of problem (`https://tthc.example/problems/<code>`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short English summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Stable machine-readable code, e.g. `unknown_procedure`.
    pub code: String,
    /// What went wrong in this request, in English.
    pub detail: String,
    /// The same in Vietnamese.
    pub detail_vi: String,
    /// The request field at fault, as a JSON path (`received_at`, `pauses[1].to`, `cases[3].procedure`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error a handler returns; rendered as a problem response.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The problem (boxed: errors travel through every `Result` of the handlers).
    pub problem: Box<Problem>,
}

impl ApiError {
    /// A problem with a status, code, field and texts.
    pub fn new(
        status: StatusCode,
        code: &str,
        field: Option<&str>,
        detail: impl Into<String>,
        detail_vi: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            problem: Box::new(Problem {
                kind: format!("https://tthc.example/problems/{}", code.replace('_', "-")),
                title: status.canonical_reason().unwrap_or("Error").to_string(),
                status: status.as_u16(),
                code: code.to_string(),
                detail: detail.into(),
                detail_vi: detail_vi.into(),
                field: field.map(str::to_string),
            }),
        }
    }

    /// 422: a field has a value that cannot be used.
    pub fn invalid(
        field: &str,
        detail: impl Into<String>,
        detail_vi: impl Into<String>,
    ) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some(field),
            detail,
            detail_vi,
        )
    }

    /// 404 for a path that names nothing.
    pub fn not_found(detail: impl Into<String>, detail_vi: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", None, detail, detail_vi)
    }

    /// Prefixes the field with a path, e.g. `cases[3].` for batch items.
    pub fn in_field(mut self, prefix: &str) -> ApiError {
        self.problem.field = Some(match self.problem.field.take() {
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_string(),
        });
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(*self.problem)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        r
    }
}

/// `Json<T>` whose rejections are problems too (malformed JSON, wrong content type,
/// a body over the limit, a field of the wrong type).
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(from_rejection(&rejection)),
        }
    }
}

fn from_rejection(r: &JsonRejection) -> ApiError {
    let status = r.status();
    let text = r.body_text();
    match r {
        JsonRejection::JsonDataError(_) => {
            // serde names the path in its message ("… at line 1 column 5"); keep the text.
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                None,
                text.clone(),
                format!("nội dung yêu cầu không đúng cấu trúc: {text}"),
            )
        }
        JsonRejection::JsonSyntaxError(_) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            None,
            text.clone(),
            format!("JSON không hợp lệ: {text}"),
        ),
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
            "send the body as JSON with `Content-Type: application/json`",
            "gửi nội dung dạng JSON với `Content-Type: application/json`",
        ),
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            None,
            format!(
                "the request body is larger than {} bytes",
                super::BODY_LIMIT
            ),
            format!("nội dung yêu cầu vượt quá {} byte", super::BODY_LIMIT),
        ),
        _ => ApiError::new(
            if status.is_client_error() {
                status
            } else {
                StatusCode::BAD_REQUEST
            },
            "unreadable_body",
            None,
            text.clone(),
            format!("không đọc được nội dung yêu cầu: {text}"),
        ),
    }
}
