//! `GET /v1/calendars/{id}` and `GET /v1/calendars/{id}/{year}.ics`.

use super::error::ApiError;
use super::state::AppState;
use super::types::{CalendarOut, DayOut};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde::Deserialize;
use std::sync::Arc;
use tthc::calendar::{DueTimeConvention, WorkingCalendar};

fn find<'s>(snap: &'s super::state::Snapshot, id: &str) -> Result<&'s WorkingCalendar, ApiError> {
    snap.calendars.get(id).map_err(|_| {
        let ids: Vec<&str> = snap.calendars.ids().collect();
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_calendar",
            None,
            format!(
                "there is no calendar `{id}` (calendars: {})",
                ids.join(", ")
            ),
            format!("không có lịch `{id}` (các lịch: {})", ids.join(", ")),
        )
    })
}

fn year_error(year: &str, calendar: &WorkingCalendar) -> ApiError {
    let h = calendar.config().horizon;
    ApiError::new(
        StatusCode::NOT_FOUND,
        "out_of_range",
        Some("year"),
        format!(
            "`{year}` is not a year this calendar covers ({}–{})",
            h.from, h.to
        ),
        format!(
            "`{year}` không phải năm lịch này hỗ trợ ({}–{})",
            h.from, h.to
        ),
    )
}

fn hm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Query of `GET /v1/calendars/{id}`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The year whose exceptional days to list (default: the current year).
    pub year: Option<i32>,
}

/// A calendar's working hours, conventions and the exceptional days of a year.
#[utoipa::path(get, path = "/v1/calendars/{id}", tag = "calendars", operation_id = "getCalendar",
    params(("id" = String, Path, description = "Calendar id, e.g. `vn`", example = "vn"), YearQuery),
    responses(
        (status = 200, description = "The calendar", body = CalendarOut),
        (status = 404, description = "No such calendar, or a year outside its horizon", body = super::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`year` is not a number", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: Result<Query<YearQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<CalendarOut>, ApiError> {
    let snap = state.snapshot();
    let cal = find(&snap, &id)?;
    let Query(q) =
        query.map_err(|e| ApiError::invalid("year", e.body_text(), "năm không hợp lệ"))?;
    let c = cal.config();
    let year = q
        .year
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&c.offset).year());
    let marks = cal
        .marks_for_year(year)
        .map_err(|_| year_error(&year.to_string(), cal))?;
    Ok(Json(CalendarOut {
        id: c.id.clone(),
        name: c.name.clone(),
        time_zone: c.time_zone.clone(),
        sessions: c
            .sessions
            .iter()
            .map(|s| format!("{}-{}", hm(s.start), hm(s.end)))
            .collect(),
        seasons: c
            .seasons
            .iter()
            .map(|s| {
                let hours: Vec<String> = s
                    .sessions
                    .iter()
                    .map(|x| format!("{}-{}", hm(x.start), hm(x.end)))
                    .collect();
                format!(
                    "{:02}-{:02}/{:02}-{:02} {}",
                    s.from.0,
                    s.from.1,
                    s.to.0,
                    s.to.1,
                    hours.join(" ")
                )
            })
            .collect(),
        minutes_per_day: cal.index().minutes_per_day(),
        due_time: match c.due_time {
            DueTimeConvention::KeepClockTime => "keep_clock_time".into(),
            DueTimeConvention::EndOfDay => "end_of_day".into(),
        },
        cutoff: c.cutoff.map(|t| t.format("%H:%M").to_string()),
        uncertain_days: match c.uncertain_days {
            tthc::calendar::UncertainDays::DayOff => "day_off".into(),
            tthc::calendar::UncertainDays::WorkingDay => "working_day".into(),
        },
        extends: c.extends.clone(),
        announced_years: (c.announced.from..=c.announced.to).collect(),
        horizon: vec![c.horizon.from, c.horizon.to],
        days: marks
            .iter()
            .map(|m| DayOut {
                date: m.date.to_string(),
                kind: m.kind.category().to_ascii_lowercase(),
                name: m.name.clone(),
                source: m.source.clone(),
                provisional: m.provisional,
                confidence: m.confidence.code().into(),
            })
            .collect(),
    }))
}

/// The days off and swapped working days of a year, as iCalendar.
#[utoipa::path(get, path = "/v1/calendars/{id}/{year}.ics", tag = "calendars", operation_id = "getCalendarIcs",
    params(("id" = String, Path, description = "Calendar id", example = "vn"), ("year" = i32, Path, description = "Year", example = 2025)),
    responses(
        (status = 200, description = "iCalendar file", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such calendar or year", body = super::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics(
    State(state): State<Arc<AppState>>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let snap = state.snapshot();
    let cal = find(&snap, &id)?;
    let year_text = file.strip_suffix(".ics").ok_or_else(|| {
        ApiError::not_found(
            format!("`{file}`: ask for /v1/calendars/{id}/<year>.ics"),
            format!("`{file}`: hãy gọi /v1/calendars/{id}/<năm>.ics"),
        )
    })?;
    let year: i32 = year_text.parse().map_err(|_| year_error(year_text, cal))?;
    let marks = cal
        .marks_for_year(year)
        .map_err(|_| year_error(year_text, cal))?;
    let body = tthc::calendar::ics::write_marks(&cal.config().id, &cal.config().name, marks);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}-{year}.ics\""),
            ),
        ],
        body,
    )
        .into_response())
}
