//! The OpenAPI 3.1 document, generated from the handler and type annotations.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tthc deadline API",
        description = "Due dates (ngày hẹn trả) of Vietnamese administrative procedures in working time. Errors are application/problem+json with a stable `code`, English `detail` and Vietnamese `detail_vi`.",
        version = "1.0.0"
    ),
    paths(
        super::procedures::list,
        super::procedures::get,
        super::deadlines::deadlines,
        super::deadlines::status_one,
        super::deadlines::deadlines_batch,
        super::deadlines::status_batch,
        super::calendars::get,
        super::calendars::ics,
        super::admin::healthz,
        super::admin::metrics,
    ),
    components(schemas(super::error::Problem)),
    tags(
        (name = "procedures", description = "The catalogue"),
        (name = "deadlines", description = "Due dates and statuses"),
        (name = "calendars", description = "Working calendars"),
        (name = "operations", description = "Health, metrics, reload"),
    )
)]
struct ApiDoc;

#[derive(OpenApi)]
#[openapi(paths(super::admin::reload))]
struct AdminDoc;

/// The document; the reload route is included only when it exists.
pub fn document(with_admin: bool) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    if with_admin {
        doc.merge(AdminDoc::openapi());
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
    doc
}
