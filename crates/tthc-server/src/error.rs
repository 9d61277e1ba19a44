//! Errors as RFC 9457 problem details (`application/problem+json`), each with a stable
//! code, a message in English and Vietnamese, and the offending field.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tthc::service::{Kind, ServiceError};
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize, PartialEq, Eq)]
pub struct Problem {
    /// A URI reference naming the kind of problem: `/problems/<code>`, relative to the
    /// server, where `GET` answers a plain-text page with its title and explanation.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short English summary of the kind of problem (the same for every problem of a `type`).
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

/// The path under which every problem type has its page: a problem's `type` is this
/// followed by its code.
pub const PROBLEM_TYPE_PREFIX: &str = "/problems/";

/// A kind of problem the API can answer with: its stable code, a title and an
/// explanation in both languages. `GET /problems/<code>` serves it.
#[derive(Debug, Clone, Copy)]
pub struct ProblemType {
    /// The stable code, e.g. `unknown_procedure`.
    pub code: &'static str,
    /// The usual HTTP status (a few codes can come with another 4xx).
    pub status: u16,
    /// Short English title.
    pub title: &'static str,
    /// Short Vietnamese title.
    pub title_vi: &'static str,
    /// What it means and what to do, in English.
    pub explanation: &'static str,
    /// The same in Vietnamese.
    pub explanation_vi: &'static str,
}

macro_rules! problem_types {
    ($( $code:literal, $status:literal, $title:literal, $title_vi:literal, $en:literal, $vi:literal; )*) => {
        /// Every problem type the API can emit, sorted by code.
        pub const PROBLEM_TYPES: &[ProblemType] = &[
            $( ProblemType { code: $code, status: $status, title: $title, title_vi: $title_vi, explanation: $en, explanation_vi: $vi }, )*
        ];
    };
}

problem_types! {
    "allotment_too_large", 422, "Allotment too large", "Thời hạn quá lớn",
        "A step's time is too large to count in working minutes. The catalogue entry is probably wrong; report it.",
        "Thời hạn của một bước quá lớn để tính bằng phút làm việc. Có thể danh mục ghi sai; hãy báo lại.";
    "bad_datetime", 422, "Not a date and time", "Không phải ngày giờ",
        "A datetime field is in none of the accepted forms: RFC 3339 (`2025-03-04T11:04:00+07:00`, also `+0700`, `Z`, fractional seconds), or `2025-03-04 11:04` / `04/03/2025 11:04:00` in Vietnam time. `field` names it.",
        "Một trường ngày giờ không theo dạng nào được nhận: RFC 3339 (`2025-03-04T11:04:00+07:00`, cả `+0700`, `Z`, phần lẻ của giây), hoặc `2025-03-04 11:04` / `04/03/2025 11:04:00` theo giờ Việt Nam. `field` cho biết trường nào.";
    "batch_too_large", 413, "Batch too large", "Lô quá lớn",
        "A batch call carries more than 1000 cases. Split it into several calls.",
        "Một lần gọi theo lô có hơn 1000 hồ sơ. Hãy chia thành nhiều lần gọi.";
    "before_receipt", 422, "Moment before receipt", "Thời điểm trước khi tiếp nhận",
        "The moment `at` of a status question is before the file was received.",
        "Thời điểm `at` cần xem trạng thái sớm hơn thời điểm tiếp nhận hồ sơ.";
    "body_too_large", 413, "Body too large", "Nội dung quá lớn",
        "The request body is larger than the server accepts (4 MiB).",
        "Nội dung yêu cầu lớn hơn mức máy chủ nhận (4 MiB).";
    "calendar_error", 422, "Calendar cannot answer", "Lịch không trả lời được",
        "The working calendar could not answer for the dates of this case.",
        "Lịch làm việc không trả lời được cho các ngày của hồ sơ này.";
    "case_required", 422, "Case required", "Cần chọn trường hợp",
        "The version in force has no ordinary case: its cases are alternatives (a guardian by law or appointed, say). Send `variant`; the detail lists the cases.",
        "Phiên bản có hiệu lực không có trường hợp thông thường: các trường hợp là lựa chọn thay thế nhau (giám hộ đương nhiên hoặc giám hộ cử chẳng hạn). Hãy gửi `variant`; chi tiết liệt kê các trường hợp.";
    "completion_before_receipt", 422, "Completion before receipt", "Hoàn thành trước khi tiếp nhận",
        "`completed_at` is before the file was received.",
        "`completed_at` sớm hơn thời điểm tiếp nhận hồ sơ.";
    "cors_origin_not_allowed", 403, "Origin not allowed", "Nguồn gọi không được phép",
        "A browser asked (CORS preflight) whether a page from an origin may call the API, and that origin is not one the server was started with (`--cors-origin`).",
        "Trình duyệt hỏi (CORS preflight) trang web từ một nguồn có được gọi API không, và nguồn đó không nằm trong danh sách máy chủ được cấu hình (`--cors-origin`).";
    "impossible_datetime", 422, "No such date or time", "Ngày giờ không có thật",
        "A datetime field is written in an accepted form but names a day or time that does not exist (30/02, 25:00). `field` names it.",
        "Một trường ngày giờ viết đúng dạng nhưng là ngày hoặc giờ không có thật (30/02, 25:00). `field` cho biết trường nào.";
    "internal_error", 500, "Internal error", "Lỗi máy chủ",
        "The server failed on this request. It has been logged; the request can be retried.",
        "Máy chủ gặp lỗi khi xử lý yêu cầu này. Lỗi đã được ghi lại; có thể gửi lại yêu cầu.";
    "invalid_body", 422, "Body does not fit the schema", "Nội dung không đúng cấu trúc",
        "The body is JSON but not of the shape the endpoint expects (a missing field, a field of the wrong type). GET /openapi.json describes each body.",
        "Nội dung là JSON nhưng không đúng cấu trúc (thiếu trường, trường sai kiểu). Xem mô tả tại GET /openapi.json.";
    "invalid_catalogue", 409, "New catalogue refused", "Danh mục mới bị từ chối",
        "A reload found errors in the catalogue or calendars on disk; the previous catalogue keeps serving. The detail is the checker's report.",
        "Khi nạp lại, danh mục hoặc lịch trên đĩa có lỗi; danh mục cũ vẫn được dùng. Chi tiết là báo cáo của trình kiểm tra.";
    "invalid_field", 422, "Invalid field", "Trường không hợp lệ",
        "A field or query parameter has a value that cannot be used (a date that is not a date, a negative number…). `field` names it.",
        "Một trường hoặc tham số có giá trị không dùng được (ngày sai dạng, số âm…). `field` cho biết trường nào.";
    "malformed_json", 400, "Malformed JSON", "JSON không hợp lệ",
        "The body is not valid JSON.",
        "Nội dung yêu cầu không phải JSON hợp lệ.";
    "method_not_allowed", 405, "Method not allowed", "Phương thức không được phép",
        "The endpoint exists but does not accept this HTTP method.",
        "Địa chỉ này có nhưng không nhận phương thức HTTP đó.";
    "no_version_in_force", 422, "No version in force", "Không có phiên bản có hiệu lực",
        "The procedure has no version in force on the date concerned (the receipt date, or `at`). The detail says why (repealed or replaced by a later decision, or lapsed, and whether a later version follows) and lists the periods its versions cover; `GET /v1/procedures/{id}` gives each version's `ending`.",
        "Thủ tục không có phiên bản có hiệu lực vào ngày đó (ngày tiếp nhận, hoặc `at`). Chi tiết cho biết lý do (bị bãi bỏ hay được thay thế bởi quyết định sau, hay hết hiệu lực, và có phiên bản sau không) và liệt kê thời gian hiệu lực của các phiên bản; `GET /v1/procedures/{id}` cho biết `ending` của từng phiên bản.";
    "not_found", 404, "Not found", "Không tìm thấy",
        "The path names no endpoint or resource. GET /openapi.json describes the API.",
        "Địa chỉ không tương ứng với chức năng hay tài nguyên nào. Xem mô tả API tại GET /openapi.json.";
    "out_of_range", 422, "Date out of range", "Ngày ngoài phạm vi",
        "A date involved lies outside the years the calendar covers, so no working time can be counted there.",
        "Một ngày liên quan nằm ngoài khoảng năm lịch hỗ trợ nên không tính được thời gian làm việc.";
    "overloaded", 503, "Overloaded", "Máy chủ quá tải",
        "Every connection the server keeps is busy with a request, so this one was closed at once. Retry in a moment (the response says `Retry-After`).",
        "Mọi kết nối máy chủ giữ đều đang xử lý yêu cầu nên kết nối này bị đóng ngay. Hãy thử lại sau giây lát (phản hồi có `Retry-After`).";
    "pause_before_receipt", 422, "Pause before receipt", "Tạm dừng trước khi tiếp nhận",
        "A pause starts before the file was received (or straddles the restart).",
        "Một khoảng tạm dừng bắt đầu trước khi tiếp nhận hồ sơ (hoặc vắt qua thời điểm tính lại).";
    "pause_runs_backwards", 422, "Pause ends before it starts", "Khoảng tạm dừng kết thúc trước khi bắt đầu",
        "A pause's `to` is before its `from`.",
        "`to` của một khoảng tạm dừng sớm hơn `from`.";
    "pauses_overlap", 422, "Pauses overlap", "Các khoảng tạm dừng chồng nhau",
        "Two pauses overlap; give them in order, each ending before the next starts.",
        "Hai khoảng tạm dừng chồng lên nhau; hãy ghi theo thứ tự, khoảng trước kết thúc trước khi khoảng sau bắt đầu.";
    "restart_before_receipt", 422, "Restart before receipt", "Tính lại trước khi tiếp nhận",
        "`restarted_at` is before the first receipt.",
        "`restarted_at` sớm hơn lần tiếp nhận đầu tiên.";
    "timeout", 503, "Request timed out", "Quá thời gian xử lý",
        "The request took longer than the server allows (10 s). Retry, or send a smaller batch.",
        "Yêu cầu xử lý lâu hơn mức cho phép (10 giây). Hãy gửi lại, hoặc gửi lô nhỏ hơn.";
    "unauthorized", 401, "Unauthorized", "Chưa xác thực",
        "The admin endpoint needs `Authorization: Bearer <admin token>`.",
        "Chức năng quản trị cần `Authorization: Bearer <mã quản trị>`.";
    "unknown_calendar", 404, "Unknown calendar", "Không có lịch này",
        "No working calendar has this id. The default calendar is `vn`.",
        "Không có lịch làm việc nào có mã này. Lịch mặc định là `vn`.";
    "unknown_procedure", 404, "Unknown procedure", "Không có thủ tục này",
        "No procedure of the catalogue served has this id. GET /v1/procedures lists them; the detail suggests a close id when there is one.",
        "Danh mục không có thủ tục nào có mã này. Xem danh sách tại GET /v1/procedures; chi tiết gợi ý mã gần đúng nếu có.";
    "unknown_variant", 422, "Unknown case", "Không có trường hợp này",
        "The version in force does not have this `variant`; the detail lists the ones it has.",
        "Phiên bản có hiệu lực không có trường hợp `variant` này; chi tiết liệt kê các trường hợp có.";
    "unreadable_body", 400, "Unreadable body", "Không đọc được nội dung",
        "The request body could not be read.",
        "Không đọc được nội dung yêu cầu.";
    "unsupported_media_type", 415, "Unsupported media type", "Kiểu nội dung không được hỗ trợ",
        "Send the body as JSON with `Content-Type: application/json`.",
        "Gửi nội dung dạng JSON với `Content-Type: application/json`.";
}

/// The problem type with this code.
pub fn problem_type(code: &str) -> Option<&'static ProblemType> {
    PROBLEM_TYPES.iter().find(|t| t.code == code)
}

/// The `type` URI of a code: `/problems/<code>`.
pub fn problem_type_uri(code: &str) -> String {
    format!("{PROBLEM_TYPE_PREFIX}{code}")
}

impl ProblemType {
    /// The page `GET /problems/<code>` serves: plain text, both languages.
    pub fn page(&self) -> String {
        format!(
            "{code}\n\n{title}\n{title_vi}\n\nHTTP status: {status}\n\n{en}\n\n{vi}\n\nProblem responses of this type are application/problem+json with \"type\": \"{prefix}{code}\" and \"code\": \"{code}\".\n",
            code = self.code,
            title = self.title,
            title_vi = self.title_vi,
            status = self.status,
            en = self.explanation,
            vi = self.explanation_vi,
            prefix = PROBLEM_TYPE_PREFIX,
        )
    }
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
        // Every code the API emits must have its page, so that its `type` resolves; the
        // registry test and this check in debug builds keep the two in step.
        debug_assert!(
            problem_type(code).is_some(),
            "problem code `{code}` is not in PROBLEM_TYPES"
        );
        ApiError {
            status,
            problem: Box::new(Problem {
                kind: problem_type_uri(code),
                title: match problem_type(code) {
                    Some(t) => t.title.to_string(),
                    None => status.canonical_reason().unwrap_or("Error").to_string(),
                },
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

impl From<ServiceError> for ApiError {
    /// The service's error as it is (code, field, both languages), with the HTTP status
    /// of its kind.
    fn from(e: ServiceError) -> ApiError {
        let status = match e.kind {
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        };
        ApiError::new(status, e.code, e.field.as_deref(), e.text.en, e.text.vi)
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

#[cfg(test)]
mod tests {
    use super::*;
    use tthc::calendar::CalendarError;
    use tthc::datetime::DatetimeError;
    use tthc::deadline::{DeadlineError, ResolveError};

    #[test]
    fn registry_is_sorted_and_unique() {
        let codes: Vec<&str> = PROBLEM_TYPES.iter().map(|t| t.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    /// The engine's and the resolver's codes reach the API as they are: each has a page.
    #[test]
    fn every_engine_code_has_a_page() {
        let t = chrono::DateTime::parse_from_rfc3339("2025-03-04T09:00:00+07:00").unwrap();
        let date = t.date_naive();
        let engine = [
            DeadlineError::OutOfHorizon(tthc::calendar::OutOfHorizon {
                date,
                from: 1990,
                to: 2060,
            }),
            DeadlineError::BackwardsPause { from: t, to: t },
            DeadlineError::OverlappingPauses {
                first_ends: t,
                second_starts: t,
            },
            DeadlineError::PauseBeforeClockStart { from: t },
            DeadlineError::RestartBeforeReceipt,
            DeadlineError::BeforeReceipt { at: t },
            DeadlineError::CompletedBeforeReceipt { at: t },
            DeadlineError::AllotmentTooLarge,
        ];
        let resolver = [
            ResolveError::UnknownProcedure {
                id: "x".into(),
                suggestion: None,
            },
            ResolveError::NoVersionInForce {
                id: "x".into(),
                date,
                periods: vec![],
                why: None,
            },
            ResolveError::UnknownVariant {
                id: "x".into(),
                variant: "y".into(),
                known: vec![],
                ordinary: true,
            },
            ResolveError::CaseRequired {
                id: "x".into(),
                known: vec![],
            },
        ];
        let datetimes = [DatetimeError::Unrecognised, DatetimeError::Impossible];
        let calendar = [
            CalendarError::UnknownCalendar("x".into()),
            CalendarError::OutOfHorizon {
                date,
                from: 2020,
                to: 2060,
            },
        ];
        for code in engine
            .iter()
            .map(DeadlineError::code)
            .chain(resolver.iter().map(ResolveError::code))
            .chain(datetimes.iter().map(|e| e.code()))
            .chain(calendar.iter().map(CalendarError::code))
        {
            assert!(problem_type(code).is_some(), "`{code}` has no page");
        }
    }
}
