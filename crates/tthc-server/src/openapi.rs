//! The OpenAPI 3.1 document, generated from the handler and type annotations.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tthc deadline API",
        description = "Due dates (ngày hẹn trả) of Vietnamese administrative procedures in working time. Errors are application/problem+json (RFC 9457) with a stable `code`, English `detail` and Vietnamese `detail_vi`; their `type` is `/problems/<code>`, relative to the server, where GET explains the code.",
        version = "1.0.0"
    ),
    paths(
        super::procedures::list,
        super::procedures::get,
        super::check::source,
        super::check::check,
        super::deadlines::deadlines,
        super::deadlines::status_one,
        super::deadlines::deadlines_batch,
        super::deadlines::status_batch,
        super::calendars::get,
        super::calendars::ics,
        super::admin::healthz,
        super::admin::readyz,
        super::admin::metrics,
        super::problems::list,
        super::problems::get,
    ),
    components(schemas(super::error::Problem)),
    tags(
        (name = "procedures", description = "The catalogue"),
        (name = "deadlines", description = "Due dates and statuses"),
        (name = "calendars", description = "Working calendars"),
        (name = "operations", description = "Health, readiness, metrics, reload"),
        (name = "problems", description = "What each problem `type` means"),
    )
)]
struct ApiDoc;

#[derive(OpenApi)]
#[openapi(paths(super::admin::reload))]
struct AdminDoc;

/// The document; the reload route is included only when it exists.
pub fn document(with_admin: bool) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    exactly_one_moment(&mut doc);
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

/// States in the schema what `POST /v1/status` checks: exactly one of `at` (an open case)
/// and `completed_at` (a finished one) is given, as a string. The derive cannot say this
/// of two optional fields, so it is added to the generated schema as a `oneOf`.
fn exactly_one_moment(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let Some(RefOr::T(schema)) = components.schemas.get_mut("StatusRequest") else {
        return;
    };
    let one = |name: &str, what: &str| {
        ObjectBuilder::new()
            .title(Some(what))
            .property(name, ObjectBuilder::new().schema_type(Type::String))
            .required(name)
            .build()
    };
    let one_of = OneOfBuilder::new()
        .item(one("at", "An open case, looked at `at`"))
        .item(one("completed_at", "A case finished at `completed_at`"))
        .build();
    match schema {
        Schema::AllOf(all) => all.items.push(RefOr::T(Schema::OneOf(one_of))),
        other => {
            let own = std::mem::replace(other, Schema::OneOf(one_of.clone()));
            *other = Schema::AllOf(
                utoipa::openapi::schema::AllOfBuilder::new()
                    .item(own)
                    .item(Schema::OneOf(one_of))
                    .build(),
            );
        }
    }
}
