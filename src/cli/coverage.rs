//! `tthc list` and `tthc diff`: what is in force on a date, and what changed between two.

use super::catalogue::{self, say_used};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::ExitCode;
use tthc::coverage::{self, InForce};
use tthc::lifespan::{Absence, Ending};
use tthc::model::{Catalogue, Procedure};
use tthc::text::{Lang, words};

/// Output formats of `list` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for people.
    Human,
    /// One JSON object.
    Json,
}

/// Arguments of `tthc list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Catalogue files or folders (default: ./procedures when it exists, else bundled).
    paths: Vec<PathBuf>,
    /// The date (default: today, Vietnam time).
    #[arg(long, value_name = "DATE", value_parser = catalogue::parse_date)]
    at: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// Arguments of `tthc diff`.
#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// Catalogue files or folders (default: ./procedures when it exists, else bundled).
    paths: Vec<PathBuf>,
    /// The two dates to compare: `--at 2024-06-01 --at 2026-01-05`.
    #[arg(long, value_name = "DATE", value_parser = catalogue::parse_date, num_args = 1, required = true)]
    at: Vec<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

fn entry(cat: &Catalogue, e: &InForce<'_>) -> Value {
    json!({
        "id": e.procedure.id,
        "code": e.procedure.code_in(e.version),
        "name": e.procedure.name_in(e.version),
        "item": e.version.source.item,
        "decision": e.version.source.decision,
        "authority": e.version.authority,
        "version": e.version.label,
        "valid_from": e.version.valid_from.to_string(),
        "valid_until": e.version.valid_until.map(|d| d.to_string()),
        "total": coverage::timing(&e.version.total),
        "ending": Ending::of(cat, e.version),
    })
}

/// A procedure with nothing in force, and why (`list` and `diff`'s removed entries).
fn absent(cat: &Catalogue, p: &Procedure, a: &Absence<'_>) -> Value {
    let v = match a {
        Absence::NotYet { first } => first,
        Absence::Gap { ended, .. } => ended,
        Absence::Ended { last } => last,
    };
    let why = a.text(cat);
    json!({
        "id": p.id,
        "name": p.name_in(v),
        "item": v.source.item,
        "decision": v.source.decision,
        "ending": a.ending(cat),
        "why": why.en,
        "why_vi": why.vi,
        // `tthc check` warns (TTHC034) for every absence but a repeal.
        "warned": !a.is_intended(cat),
    })
}

fn absent_line(cat: &Catalogue, p: &Procedure, a: &Absence<'_>, lang: Lang) -> String {
    let v = match a {
        Absence::NotYet { first } => first,
        Absence::Gap { ended, .. } => ended,
        Absence::Ended { last } => last,
    };
    format!(
        "{:<5} {:<9} {}: {}",
        v.source.item,
        p.code_in(v).unwrap_or("-"),
        p.id,
        a.text(cat).get(lang)
    )
}

fn line(e: &InForce<'_>) -> String {
    format!(
        "{:<5} {:<9} {:<10} {}  {} ({})",
        e.version.source.item,
        e.procedure.code_in(e.version).unwrap_or("-"),
        e.version.authority,
        e.procedure.id,
        e.procedure.name_in(e.version),
        e.version.source.decision
    )
}

/// Runs `tthc list`.
pub fn run_list(args: ListArgs, lang: Lang) -> ExitCode {
    let (origin, cat) = match catalogue::load(&args.paths, lang) {
        Ok(c) => c,
        Err(e) => return super::load_failed(e),
    };
    let at = args.at.unwrap_or_else(catalogue::today_in_vietnam);
    let entries = coverage::in_force(&cat, at);
    let absent_on = tthc::lifespan::absent_on(&cat, at);
    match args.format {
        Format::Json => {
            let v = json!({
                "catalogue": origin.to_json(),
                "at": at.to_string(),
                "procedures": entries.iter().map(|e| entry(&cat, e)).collect::<Vec<_>>(),
                "not_in_force": cat.procedures.iter()
                    .filter(|p| p.version_at(at).is_none())
                    .map(|p| p.id.clone())
                    .collect::<Vec<_>>(),
                "absent": absent_on.iter().map(|(p, a)| absent(&cat, p, a)).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Human => {
            say_used(lang, &origin, None);
            let d = words::date(at);
            let missing = cat.procedures.len() - entries.len();
            println!(
                "{}",
                lang.pick(
                    &format!(
                        "In force on {}: {} of {} procedures",
                        d.en,
                        entries.len(),
                        cat.procedures.len()
                    ),
                    &format!(
                        "Có hiệu lực ngày {}: {} trên {} thủ tục",
                        d.vi,
                        entries.len(),
                        cat.procedures.len()
                    ),
                )
            );
            for e in &entries {
                println!("  {}", line(e));
            }
            if missing > 0 {
                println!(
                    "{}",
                    lang.pick(
                        &format!("Not in force on {}: {missing}", d.en),
                        &format!("Không có hiệu lực ngày {}: {missing}", d.vi),
                    )
                );
                for (p, a) in &absent_on {
                    println!("  {}", absent_line(&cat, p, a, lang));
                }
                let repealed = absent_on
                    .iter()
                    .filter(|(_, a)| a.is_intended(&cat))
                    .count();
                let warned = absent_on.len() - repealed;
                if warned > 0 {
                    println!(
                        "{}",
                        lang.pick(
                            &format!("{warned} of them have no version where one is needed: `tthc check --at {at}` warns for each (TTHC034); {repealed} repealed"),
                            &format!("{warned} thủ tục trong số đó thiếu phiên bản cần có: `tthc check --at {at}` cảnh báo từng thủ tục (TTHC034); {repealed} thủ tục bị bãi bỏ"),
                        )
                    );
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// Runs `tthc diff`.
pub fn run_diff(args: DiffArgs, lang: Lang) -> ExitCode {
    let [from, to] = args.at[..] else {
        return super::cannot_run(
            lang,
            "give exactly two dates: `tthc diff --at 2024-06-01 --at 2026-01-05`",
            "cần đúng hai ngày: `tthc diff --at 2024-06-01 --at 2026-01-05`",
        );
    };
    let (origin, cat) = match catalogue::load(&args.paths, lang) {
        Ok(c) => c,
        Err(e) => return super::load_failed(e),
    };
    let d = coverage::diff(&cat, from, to);
    match args.format {
        Format::Json => {
            let v = json!({
                "catalogue": origin.to_json(),
                "from": from.to_string(),
                "to": to.to_string(),
                "added": d.added.iter().map(|e| entry(&cat, e)).collect::<Vec<_>>(),
                "removed": d.removed.iter().map(|e| {
                    let mut v = entry(&cat, e);
                    if let Some(a) = Absence::of(e.procedure, to) {
                        let why = a.text(&cat);
                        v["why"] = json!(why.en);
                        v["why_vi"] = json!(why.vi);
                    }
                    v
                }).collect::<Vec<_>>(),
                "changed": d.changed.iter().map(|(b, a, c)| json!({
                    "before": entry(&cat, b),
                    "after": entry(&cat, a),
                    "changes": c,
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Human => {
            say_used(lang, &origin, None);
            let (f, t) = (words::date(from), words::date(to));
            println!(
                "{}",
                lang.pick(
                    &format!("From {} to {}:", f.en, t.en),
                    &format!("Từ ngày {} đến ngày {}:", f.vi, t.vi)
                )
            );
            let section = |en: &str, vi: &str, n: usize| {
                println!("{} ({n})", lang.pick(en, vi));
            };
            section("newly in force", "bắt đầu có hiệu lực", d.added.len());
            for e in &d.added {
                println!("  + {}", line(e));
            }
            section("no longer in force", "hết hiệu lực", d.removed.len());
            for e in &d.removed {
                println!("  - {}", line(e));
                if let Some(a) = Absence::of(e.procedure, to) {
                    println!("      {}", a.text(&cat).get(lang));
                }
            }
            section("changed", "thay đổi", d.changed.len());
            for (b, a, changes) in &d.changed {
                println!("  ~ {}", line(a));
                // The earlier version's end, when a decision replaced it.
                if let Some(e @ Ending::Replaced { .. }) = Ending::of(&cat, b.version) {
                    println!("      {}", e.text(&b.version.source.decision).get(lang));
                }
                for c in changes {
                    let (before, after) = c.values(lang);
                    println!(
                        "      {}: {before} → {after}",
                        coverage::what(c.what).get(lang),
                    );
                }
            }
        }
    }
    ExitCode::SUCCESS
}
