//! Hover: what a name under the cursor stands for, what a duration amounts to, and when
//! a procedure received today would be due.

use super::index::Symbol;
use super::position::Lines;
use super::workspace::{Analysis, Catalogue, today_in_vietnam, vietnam};
use chrono::TimeZone;
use tthc::days::Days;
use tthc::deadline::{Case, Plan, compute_due, minutes_in};
use tthc::model::{Amount, Procedure, Version};
use tthc::syntax::ast::{AmountKind, Item, Stmt, StmtKind, Timing};
use tthc::syntax::keywords::KEYWORDS;
use tthc::syntax::source::{FileId, SourceFile, Span};
use tthc::text::{Lang, words};

/// The hover text (Markdown) and the span it is about, for a byte offset of a file.
pub fn hover(
    analysis: &Analysis,
    catalogue: &Catalogue,
    file: FileId,
    offset: usize,
    lang: Lang,
) -> Option<(String, Span)> {
    if let Some(o) = analysis.index().at(file, offset) {
        let text = symbol(analysis, catalogue, &o.symbol, lang)?;
        return Some((text, o.span));
    }
    let parsed = analysis.parsed.get(file)?;
    if let Some(tree) = &parsed.tree
        && let Some((a, span)) = amount_at(&tree.items, offset)
    {
        return Some((amount(&a, catalogue.minutes_per_day(), lang), span));
    }
    keyword(&parsed.file.text, offset, lang)
}

fn symbol(analysis: &Analysis, catalogue: &Catalogue, s: &Symbol, lang: Lang) -> Option<String> {
    let model = &analysis.checked.catalogue;
    match s {
        Symbol::Role(id) => {
            let r = model.role(id)?;
            let mut out = format!("**{}** `{id}`  \n{}", r.title, lang.pick("role", "vai trò"));
            if let Some(a) = &r.authority {
                let title = model.authority(a).map_or("", |a| a.title.as_str());
                out.push_str(&format!(
                    "  \n{}: {title} (`{a}`)",
                    lang.pick("authority", "cấp thẩm quyền")
                ));
            }
            Some(out)
        }
        Symbol::Authority(id) => {
            let a = model.authority(id)?;
            let mut out = format!(
                "**{}** `{id}`  \n{}",
                a.title,
                lang.pick("authority level", "cấp thẩm quyền")
            );
            if let Some(d) = a.abolished {
                out.push_str(&format!(
                    "  \n{} {}",
                    lang.pick("abolished from", "giải thể từ"),
                    words::date(d).get(lang)
                ));
            }
            Some(out)
        }
        Symbol::Decision(number) => {
            let d = model.decision(number)?;
            let mut out = format!("**{} {}**", lang.pick("Decision", "Quyết định"), d.number);
            if let Some(t) = &d.title {
                out.push_str(&format!("  \n{t}"));
            }
            out.push_str(&format!(
                "  \n{}: {}  \n{}: {}  \n{}: {}",
                lang.pick("signed", "ký ngày"),
                words::date(d.signed).get(lang),
                lang.pick("effective", "hiệu lực"),
                words::date(d.effective).get(lang),
                lang.pick("issuer", "ban hành"),
                d.issuer
            ));
            Some(out)
        }
        Symbol::Procedure(id) => Some(procedure(model.procedure(id)?, catalogue, lang)),
        Symbol::Variant(p, v) => {
            let version = current(model.procedure(p)?)?;
            let decl = version.variants.iter().find(|d| &d.id == v)?;
            let mut out = format!(
                "**{}** `{v}`  \n{}",
                decl.title,
                lang.pick("case", "trường hợp")
            );
            if let Some(c) = &decl.condition {
                out.push_str(&format!("  \n{}: {c}", lang.pick("when", "khi")));
            }
            Some(out)
        }
        Symbol::Step(p, st) => {
            let version = current(model.procedure(p)?)?;
            let step = version.steps.iter().find(|s| &s.id == st)?;
            let role = model.role(&step.role).map_or("", |r| r.title.as_str());
            Some(format!(
                "**{}** `{st}`  \n{}: {role} (`{}`)",
                step.name,
                lang.pick("performed by", "thực hiện"),
                step.role
            ))
        }
    }
}

/// The version in force today, else the latest.
fn current(p: &Procedure) -> Option<&Version> {
    p.version_at(today_in_vietnam()).or(p.versions.last())
}

fn procedure(p: &Procedure, catalogue: &Catalogue, lang: Lang) -> String {
    let mut out = format!("**{}** `{}`", p.name, p.id);
    if let Some(c) = &p.code {
        out.push_str(&format!("  \n{}: {c}", lang.pick("national code", "mã")));
    }
    let Some(v) = current(p) else {
        return out;
    };
    out.push_str(&format!(
        "  \n{}: {} {} ({} {})",
        lang.pick("source", "nguồn"),
        v.source.decision,
        lang.pick("item", "mục"),
        v.source.item,
        lang.pick(
            &format!("in force from {}", words::date(v.valid_from).en),
            &format!("hiệu lực từ {}", words::date(v.valid_from).vi)
        ),
    ));
    let per_day = catalogue.minutes_per_day();
    let calendars = catalogue.calendars();
    let calendar = calendars
        .as_ref()
        .and_then(|c| c.get(tthc::calendar::DEFAULT_CALENDAR).ok());
    let today = today_in_vietnam();
    let received = vietnam()
        .from_local_datetime(&today.and_hms_opt(9, 0, 0).expect("a valid time"))
        .single();
    let mut cases: Vec<(Option<&str>, String)> = Vec::new();
    if v.has_ordinary_case() {
        cases.push((
            None,
            lang.pick("ordinary case", "trường hợp thông thường")
                .to_string(),
        ));
    }
    for (name, _) in &v.total.variants {
        let title = v
            .variants
            .iter()
            .find(|d| &d.id == name)
            .map_or(name.as_str(), |d| d.title.as_str());
        cases.push((Some(name), title.to_string()));
    }
    out.push_str("\n\n");
    out.push_str(lang.pick(
        "| case | total | received today 09:00 → appointment |\n|---|---|---|\n",
        "| trường hợp | tổng thời gian | nhận hôm nay 09:00 → hẹn trả |\n|---|---|---|\n",
    ));
    for (case, title) in cases {
        let total = match v.total.for_variant(case).map(|a| a.value) {
            Some(a) => amount_words(a, per_day, lang),
            None => "—".to_string(),
        };
        let due = match (calendar, received, Plan::from_version(v, case)) {
            (Some(cal), Some(at), Ok(plan)) => match compute_due(cal, &plan, &Case::received(at)) {
                Ok(d) => words::when(d.due_at).get(lang).to_string(),
                Err(e) => e.text().get(lang).to_string(),
            },
            _ => "—".to_string(),
        };
        out.push_str(&format!("| {title} | {total} | {due} |\n"));
    }
    out
}

fn amount_words(a: Amount, per_day: i64, lang: Lang) -> String {
    match a {
        Amount::SameDay => lang.pick("same day", "trong ngày").to_string(),
        Amount::Days(d) => match minutes_in(d, per_day) {
            Ok(m) => format!(
                "{} = {} {}",
                words::working_days(d).get(lang),
                grouped(m),
                lang.pick("working minutes", "phút làm việc")
            ),
            Err(_) => words::working_days(d).get(lang).to_string(),
        },
    }
}

/// `1440` as `1 440`: digits grouped by three with a space, as Vietnamese and
/// international style both accept.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A duration as written, in working days and working minutes.
fn amount(a: &tthc::syntax::ast::Amount, per_day: i64, lang: Lang) -> String {
    let value = match &a.kind {
        AmountKind::SameDay => Some(Amount::SameDay),
        AmountKind::Days { number, .. } => Days::parse(&number.text).ok().map(Amount::Days),
    };
    let Some(value) = value else {
        return lang
            .pick("not a number of days", "không phải số ngày")
            .to_string();
    };
    let hours = per_day / 60;
    let day = match lang {
        Lang::En => format!(
            "a working day is {per_day} minutes ({hours} h of the calendar's working hours)"
        ),
        Lang::Vi => format!("một ngày làm việc là {per_day} phút ({hours} giờ làm việc theo lịch)"),
    };
    match value {
        Amount::SameDay => format!(
            "**{}**  \n{}",
            lang.pick("same day", "trong ngày"),
            lang.pick(
                "due at the close of the working day of receipt (the next working day after the cutoff)",
                "hẹn trả cuối ngày làm việc nhận hồ sơ (nhận sau giờ chốt: ngày làm việc tiếp theo)"
            )
        ),
        a => format!("**{}**  \n{day}", amount_words(a, per_day, lang)),
    }
}

fn amount_at(items: &[Item], offset: usize) -> Option<(tthc::syntax::ast::Amount, Span)> {
    fn in_timing(t: &Timing, offset: usize) -> Option<(tthc::syntax::ast::Amount, Span)> {
        t.base
            .iter()
            .chain(t.variants.iter().map(|(_, a)| a))
            .find(|a| a.span.start <= offset && offset <= a.span.end)
            .map(|a| (a.clone(), a.span))
    }
    fn in_stmts(stmts: &[Stmt], offset: usize) -> Option<(tthc::syntax::ast::Amount, Span)> {
        for s in stmts {
            if !(s.span.start <= offset && offset <= s.span.end) {
                continue;
            }
            let found = match &s.kind {
                StmtKind::Total(t) => in_timing(t, offset),
                StmtKind::Step {
                    timing: Some(t), ..
                } => in_timing(t, offset),
                StmtKind::Version(b) => in_stmts(&b.stmts, offset),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
    items.iter().find_map(|i| match i {
        Item::Procedure(b) if b.span.start <= offset && offset <= b.span.end => {
            in_stmts(&b.stmts, offset)
        }
        _ => None,
    })
}

/// The keyword (in either set) written at an offset, with what it introduces.
fn keyword(text: &str, offset: usize, lang: Lang) -> Option<(String, Span)> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    for k in KEYWORDS {
        for form in [k.vi, k.en] {
            for (i, _) in line.match_indices(form) {
                let (s, e) = (line_start + i, line_start + i + form.len());
                let before = text[..s].chars().next_back().is_none_or(|c| !is_word(c));
                let after = text[e..].chars().next().is_none_or(|c| !is_word(c));
                if before && after && s <= offset && offset <= e {
                    return Some((
                        format!("`{}` / `{}`  \n{}", k.en, k.vi, k.doc(lang)),
                        Span::new(s, e),
                    ));
                }
            }
        }
    }
    None
}

/// Hover for a position, as an LSP hover.
pub fn to_lsp(source: &SourceFile, (markdown, span): (String, Span)) -> lsp_types::Hover {
    lsp_types::Hover {
        contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
            kind: lsp_types::MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(Lines::of(source).range(span)),
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(grouped(1440), "1 440");
        assert_eq!(grouped(240), "240");
        assert_eq!(grouped(1_234_567), "1 234 567");
    }
}
