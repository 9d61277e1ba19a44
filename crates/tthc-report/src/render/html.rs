//! The report as one self-contained, printable HTML page with inline SVG charts.
//!
//! Everything the page needs is inside it: an inline style sheet, hand-written SVG, no
//! script, no font, image or style sheet fetched from anywhere. Bar lengths are worked out
//! in integers from [`Rate::basis_points`] and written in hundredths of an SVG unit, so
//! every length is exact (a rate of 1/2 draws exactly half the bar of 1/1).

use super::{cells, columns};
use crate::report::{Counts, Discrepancy, Group, Rate, RejectedSummary, Report};
use chrono::Timelike;
use std::cmp::Ordering;
use std::collections::HashMap;
use tthc::text::Lang;

/// The report as an HTML page: one self-contained HTML5 document in `lang` (header,
/// key figures, the table of groups, three inline SVG charts, the portal's discrepancies
/// and the rejected rows), printable on A4 landscape.
pub fn html(report: &Report, lang: Lang) -> String {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let title = t("Case handling report", "Báo cáo tình hình giải quyết hồ sơ");
    let period = format!(
        "{} – {}",
        report.period.from.format("%d/%m/%Y"),
        report.period.to.format("%d/%m/%Y")
    );
    let procedures = per_procedure(report);
    let mut out = String::with_capacity(32 * 1024);
    out.push_str(&format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        escape(title),
        escape(&period)
    ));
    header(&mut out, report, lang, title, &period);
    out.push_str("<main>\n");
    summary(&mut out, &report.total, lang);
    table(&mut out, report, lang);
    out.push_str(&month_chart(&report.months, lang));
    out.push_str(&procedure_chart(procedures, lang));
    out.push_str(&late_chart(procedures, lang));
    discrepancies(&mut out, report, procedures, lang);
    rejected(&mut out, &report.rejected, lang);
    out.push_str(&format!(
        "</main>\n<footer><p class=\"note\">{}</p></footer>\n</body>\n</html>\n",
        escape(t(
            "Made by tthc report. Due times are the law's, counted on the official calendar.",
            "Lập bằng tthc report. Thời hạn tính theo quy định, trên lịch làm việc chính thức."
        ))
    ));
    out
}

const STYLE: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: #101828; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.45; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d5dd; }
h3 { font-size: 14px; margin: 0 0 6px; color: #344054; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: #475467; }
.meta dd { margin: 0; font-weight: 600; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; }
.figures section { border: 1px solid #d0d5dd; border-radius: 6px; padding: 10px 12px; }
.figures h3 .sum { float: right; font-variant-numeric: tabular-nums; }
.figures dl { margin: 0; }
.figures dl div { display: flex; justify-content: space-between; gap: 8px; }
.figures dt::first-letter { text-transform: uppercase; }
.figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #d0d5dd; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #f2f4f7; font-weight: 600; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid #101828; }
.sub { display: block; color: #475467; font-size: 12px; font-weight: 400; }
figure { margin: 0; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
figcaption, .note, .no-data { color: #475467; font-size: 13px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { background: transparent !important; box-shadow: none !important; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  table, figure, svg, .figures, section.chart { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { break-after: avoid; page-break-after: avoid; }
  svg.chart { max-height: 170mm; }
}
"#;

/// Bar colours, each at least 4.5:1 against white.
const ON_TIME: &str = "#1f5f9e";
const LATE: &str = "#b42318";
const OVERDUE: &str = "#6941c6";
/// Grid lines, axis text, empty slots and chart text.
const GRID: &str = "#d0d5dd";
const MUTED: &str = "#475467";
const INK: &str = "#101828";

/// The charts list at most this many procedures.
const MAX_PROCEDURES: usize = 25;
const MAX_LATE: usize = 15;

/// `s` with `& < > " '` replaced by character references: safe as HTML text, inside
/// quoted attributes and inside the SVG (parsed as XML when copied out).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `1,234,567` (English) or `1.234.567` (Vietnamese).
fn number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = lang.pick(',', '.');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `85.7%` (English) or `85,7%` (Vietnamese).
fn percent(r: Rate, lang: Lang) -> String {
    let p = r.percent();
    match lang {
        Lang::En => p,
        Lang::Vi => p.replace('.', ","),
    }
}

/// A cell of [`cells`] in the page's language: counts with thousands separators, rates
/// with the language's decimal mark, a dash for no rate.
fn localise(cell: String, lang: Lang) -> String {
    match cell.parse::<u64>() {
        Ok(n) => number(n, lang),
        Err(_) if cell == "-" => "–".to_string(),
        Err(_) if lang == Lang::Vi && cell.ends_with('%') => cell.replace('.', ","),
        Err(_) => cell,
    }
}

/// The heading of a column of the bundled `counts.sql` by its JSON name.
fn heading(name: &str, lang: Lang) -> String {
    crate::sql::headings(&crate::sql::load(None).unwrap_or_default())
        .into_iter()
        .find(|c| c.name == name)
        .map_or_else(|| name.to_string(), |c| lang.pick(&c.en, &c.vi).to_string())
}

/// The grouping in words, for the groupings `counted` offers.
fn grouping(by: &str, lang: Lang) -> Option<&'static str> {
    let (en, vi) = match by {
        "procedure" => ("procedure", "thủ tục"),
        "procedure_name" => ("procedure name", "tên thủ tục"),
        "code" => ("procedure code", "mã thủ tục"),
        "field" => ("field", "lĩnh vực"),
        "authority" => ("authority", "cơ quan giải quyết"),
        "decision" => ("publishing decision", "quyết định công bố"),
        "channel" => ("channel", "kênh tiếp nhận"),
        "month" => ("month", "tháng"),
        _ => return None,
    };
    Some(lang.pick(en, vi))
}

/// A discrepancy reason code in a few words.
fn reason_label(code: &str, lang: Lang) -> Option<&'static str> {
    let (en, vi) = match code {
        "restart_ignored" => (
            "restart after a supplemented file ignored",
            "bỏ qua việc tính lại sau khi bổ sung hồ sơ",
        ),
        "cutoff_ignored" => (
            "receipt after the daily cutoff ignored",
            "bỏ qua giờ tiếp nhận trong ngày",
        ),
        "cutoff_beyond_reach" => (
            "daily cutoff applied to a count it does not reach",
            "áp giờ tiếp nhận trong ngày cho thời hạn ngoài phạm vi",
        ),
        "working_saturday_ignored" => (
            "swapped working Saturday taken as a day off",
            "coi thứ Bảy làm bù là ngày nghỉ",
        ),
        "days_off_counted" => (
            "holidays or days off counted as working days",
            "tính ngày lễ, ngày nghỉ là ngày làm việc",
        ),
        "unexplained" => ("unexplained", "chưa rõ nguyên nhân"),
        _ => return None,
    };
    Some(lang.pick(en, vi))
}

/// An RFC 3339 time as `31/03/2025 14:30` (and its offset when asked); the text as it is
/// when it is not one.
fn when(s: &str, offset: bool) -> String {
    match chrono::DateTime::parse_from_rfc3339(s) {
        Ok(t) => {
            let mut out = if t.second() == 0 {
                t.format("%d/%m/%Y %H:%M").to_string()
            } else {
                t.format("%d/%m/%Y %H:%M:%S").to_string()
            };
            if offset {
                out.push_str(&t.format(" (UTC%:z)").to_string());
            }
            out
        }
        Err(_) => s.to_string(),
    }
}

/// At most `max` characters of `s`, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// A group's name: its label (a procedure's name), else its key.
fn name(g: &Group, lang: Lang) -> String {
    g.label
        .clone()
        .or_else(|| g.key.clone())
        .unwrap_or_else(|| lang.pick("(none)", "(không có)").to_string())
}

/// The counts per procedure the charts use: `procedures`, or the groups when the report
/// is grouped by procedure.
fn per_procedure(report: &Report) -> &[Group] {
    if !report.procedures.is_empty() {
        &report.procedures
    } else if report.by.as_deref() == Some("procedure") {
        &report.groups
    } else {
        &[]
    }
}

/// `a` against `b`, exactly (cross-multiplied).
fn compare(a: Rate, b: Rate) -> Ordering {
    (u128::from(a.num) * u128::from(b.den)).cmp(&(u128::from(b.num) * u128::from(a.den)))
}

/// The share `bp` (basis points, 0..=10000) of `len` units, in hundredths of a unit: exact
/// when `len` is a multiple of 100, as every chart length here is.
fn scale(bp: u64, len: u64) -> u64 {
    bp.min(10_000) * len / 100
}

/// `part / whole` of `len` units, in hundredths of a unit, rounded half up.
fn share(part: u64, whole: u64, len: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    let (p, w, l) = (u128::from(part), u128::from(whole), u128::from(len) * 100);
    ((2 * p * l + w) / (2 * w)) as u64
}

/// Hundredths of a unit as SVG writes them: `12`, `12.5`, `12.25`.
fn units(h: u64) -> String {
    match h % 100 {
        0 => format!("{}", h / 100),
        f if f.is_multiple_of(10) => format!("{}.{}", h / 100, f / 10),
        f => format!("{}.{f:02}", h / 100),
    }
}

fn header(out: &mut String, report: &Report, lang: Lang, title: &str, period: &str) {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let by = match report.by.as_deref() {
        None => escape(t("none", "không nhóm")),
        Some(b) => match grouping(b, lang) {
            Some(words) => format!("{} (<code>{}</code>)", escape(words), escape(b)),
            None => format!("<code>{}</code>", escape(b)),
        },
    };
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<dl class=\"meta\">\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n</dl>\n</header>\n",
        escape(title),
        escape(t("Period", "Kỳ báo cáo")),
        escape(period),
        escape(t("As of", "Số liệu tính đến")),
        escape(&when(&report.as_of, true)),
        escape(t("Grouped by", "Nhóm theo")),
        by
    ));
}

fn summary(out: &mut String, c: &Counts, lang: Lang) {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let value = |name: &str| -> String { number(c.get(name), lang) };
    let blocks: [(&str, Option<u64>, &[&str]); 5] = [
        (
            t("Received", "Tiếp nhận"),
            Some(c.get("received_new") + c.get("received_carried_over")),
            &["received_new", "received_carried_over"],
        ),
        (
            t("Resolved", "Đã giải quyết"),
            Some(c.resolved()),
            &["resolved_early", "resolved_on_time", "resolved_late"],
        ),
        (
            t("Still open", "Đang giải quyết"),
            Some(c.get("open_not_due") + c.get("open_overdue")),
            &["open_not_due", "open_overdue"],
        ),
        (
            t("Other", "Khác"),
            None,
            &["paused", "returned", "cancelled"],
        ),
        (
            t("Rates", "Tỷ lệ"),
            None,
            &["on_time_rate", "late_rate", "discrepancies"],
        ),
    ];
    out.push_str(&format!(
        "<section id=\"summary\">\n<h2>{}</h2>\n<div class=\"figures\">\n",
        escape(t("Key figures", "Số liệu chính"))
    ));
    for (title, sum, names) in blocks {
        out.push_str("<section>\n<h3>");
        out.push_str(&escape(title));
        if let Some(n) = sum {
            out.push_str(&format!(" <span class=\"sum\">{}</span>", number(n, lang)));
        }
        out.push_str("</h3>\n<dl>\n");
        for name in names {
            out.push_str(&format!(
                "<div><dt>{}</dt><dd>{}</dd></div>\n",
                escape(&heading(name, lang)),
                escape(&value(name))
            ));
        }
        out.push_str("</dl>\n</section>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn table(out: &mut String, report: &Report, lang: Lang) {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let first = match report.by.as_deref() {
        Some(b) => grouping(b, lang).unwrap_or(b),
        None => t("group", "nhóm"),
    };
    out.push_str(&format!(
        "<section id=\"groups\">\n<h2>{}</h2>\n<div class=\"scroll\">\n<table>\n<thead>\n<tr><th scope=\"col\">{}</th>",
        escape(if report.groups.is_empty() {
            t("Figures", "Số liệu")
        } else {
            t("Figures by group", "Số liệu theo nhóm")
        }),
        escape(first)
    ));
    for (_, en, vi) in columns(report) {
        out.push_str(&format!(
            "<th scope=\"col\" class=\"n\">{}</th>",
            escape(lang.pick(&en, &vi))
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let row = |out: &mut String, class: &str, head: String, c: &Counts| {
        out.push_str(&format!("<tr{class}><th scope=\"row\">{head}</th>"));
        for cell in cells(c) {
            out.push_str(&format!(
                "<td class=\"n\">{}</td>",
                escape(&localise(cell, lang))
            ));
        }
        out.push_str("</tr>\n");
    };
    for g in &report.groups {
        let key = g
            .key
            .as_deref()
            .unwrap_or_else(|| t("(none)", "(không có)"));
        let mut head = escape(key);
        if let Some(l) = &g.label {
            head.push_str(&format!("<span class=\"sub\">{}</span>", escape(l)));
        }
        row(out, "", head, &g.counts);
    }
    row(
        out,
        " class=\"total\"",
        escape(t("Total", "Tổng cộng")),
        &report.total,
    );
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// Opens a chart: `<svg>` with its role, size, `<title>` and `<desc>`.
fn svg_open(out: &mut String, id: &str, size: (u64, u64), title: &str, desc: &str) {
    let (w, h) = size;
    out.push_str(&format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"12\" fill=\"{INK}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    ));
}

/// A chart's section with a sentence instead of the chart.
fn no_data(id: &str, title: &str, why: &str) -> String {
    format!(
        "<section class=\"chart\" id=\"{id}\">\n<h2>{}</h2>\n<p class=\"no-data\">{}</p>\n</section>\n",
        escape(title),
        escape(why)
    )
}

// The month chart: vertical bars, heights a share of `M_H`.
const M_TOP: u64 = 24;
const M_H: u64 = 200;
const M_LEFT: u64 = 48;
const M_RIGHT: u64 = 12;
const M_SLOT: u64 = 64;
const M_BAR: u64 = 40;
const M_BOTTOM: u64 = 30;

fn month_chart(months: &[Group], lang: Lang) -> String {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let title = t(
        "On-time rate by month",
        "Tỷ lệ giải quyết đúng hạn theo tháng",
    );
    if months.is_empty() {
        let why = t(
            "No data: the report has no monthly figures.",
            "Không có dữ liệu: báo cáo không có số liệu theo tháng.",
        );
        return no_data("months", title, why);
    }
    if months.iter().all(|m| m.counts.on_time_rate().is_none()) {
        let why = t(
            "No data: no case was resolved in any month of the period.",
            "Không có dữ liệu: không có hồ sơ nào được giải quyết trong các tháng của kỳ báo cáo.",
        );
        return no_data("months", title, why);
    }
    let nothing = t("nothing resolved", "không có hồ sơ giải quyết");
    let key = |m: &Group| m.key.clone().unwrap_or_else(|| "–".to_string());
    let list: Vec<String> = months
        .iter()
        .map(|m| match m.counts.on_time_rate() {
            Some(r) => format!("{} {}", key(m), percent(r, lang)),
            None => format!("{} {nothing}", key(m)),
        })
        .collect();
    let desc = format!(
        "{}: {}.",
        t(
            "Cases resolved early or on time, of those resolved, per month",
            "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn trên số đã giải quyết, theo tháng"
        ),
        list.join("; ")
    );
    let n = months.len() as u64;
    let (width, height) = (M_LEFT + n * M_SLOT + M_RIGHT, M_TOP + M_H + M_BOTTOM);
    let base = M_TOP + M_H;
    let mut out = format!(
        "<section class=\"chart\" id=\"months\">\n<h2>{}</h2>\n<figure>\n",
        escape(title)
    );
    svg_open(&mut out, "chart-months", (width, height), title, &desc);
    for q in 0..=4u64 {
        let y = base - M_H * q / 4;
        let stroke = if q == 0 { MUTED } else { GRID };
        out.push_str(&format!(
            "<line x1=\"{M_LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{MUTED}\" font-size=\"11\">{}%</text>\n",
            width - M_RIGHT,
            M_LEFT - 6,
            y + 4,
            q * 25
        ));
    }
    for (i, m) in months.iter().enumerate() {
        let x = M_LEFT + i as u64 * M_SLOT + (M_SLOT - M_BAR) / 2;
        let cx = x + M_BAR / 2;
        let label = escape(&key(m));
        match m.counts.on_time_rate() {
            Some(r) => {
                let h = scale(r.basis_points(), M_H);
                let y = base * 100 - h;
                out.push_str(&format!(
                    "<g><title>{label}: {} ({} / {})</title>\
                     <rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{M_BAR}\" height=\"{}\" fill=\"{ON_TIME}\"/>\
                     <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text></g>\n",
                    escape(&percent(r, lang)),
                    number(r.num, lang),
                    number(r.den, lang),
                    units(y),
                    units(h),
                    units(y - 500),
                    escape(&percent(r, lang))
                ));
            }
            None => {
                out.push_str(&format!(
                    "<g><title>{label}: {}</title>\
                     <rect class=\"empty\" x=\"{x}\" y=\"{M_TOP}\" width=\"{M_BAR}\" height=\"{M_H}\" fill=\"none\" \
                     stroke=\"{MUTED}\" stroke-dasharray=\"4 3\"/>\
                     <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">–</text></g>\n",
                    escape(nothing),
                    M_TOP + M_H / 2 + 4
                ));
            }
        }
        out.push_str(&format!(
            "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{label}</text>\n",
            base + 18
        ));
    }
    out.push_str(&format!(
        "</svg>\n<figcaption>{}</figcaption>\n</figure>\n</section>\n",
        escape(t(
            "Bar height: cases resolved early or on time, of those resolved in the month. A dashed slot marked – is a month with nothing resolved.",
            "Chiều cao cột: tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn trên số đã giải quyết trong tháng. Ô viền nét đứt ghi – là tháng không có hồ sơ được giải quyết."
        ))
    ));
    out
}

// The horizontal charts: a label column, then bars a share of `H_W`.
const H_LABEL: u64 = 340;
const H_W: u64 = 400;
const H_VALUE: u64 = 110;
const H_ROW: u64 = 24;
const H_BAR: u64 = 16;
const H_TOP: u64 = 30;
const H_CHARS: usize = 52;

/// The label of a row of a horizontal chart, cut to fit, the full name in a tooltip.
fn row_label(out: &mut String, full: &str, y: u64) {
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
        H_LABEL - 8,
        y + H_ROW / 2 + 4,
        escape(&clip(full, H_CHARS))
    ));
}

fn procedure_chart(procedures: &[Group], lang: Lang) -> String {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let title = t(
        "On-time rate by procedure, lowest first",
        "Tỷ lệ giải quyết đúng hạn theo thủ tục, thấp nhất trước",
    );
    if procedures.is_empty() {
        let why = t(
            "No data: the report has no figures per procedure.",
            "Không có dữ liệu: báo cáo không có số liệu theo thủ tục.",
        );
        return no_data("procedures", title, why);
    }
    let mut rated: Vec<(&Group, Rate)> = procedures
        .iter()
        .filter_map(|g| g.counts.on_time_rate().map(|r| (g, r)))
        .collect();
    if rated.is_empty() {
        let why = t(
            "No data: no procedure had a case resolved in the period.",
            "Không có dữ liệu: không thủ tục nào có hồ sơ được giải quyết trong kỳ.",
        );
        return no_data("procedures", title, why);
    }
    rated.sort_by(|a, b| {
        compare(a.1, b.1)
            .then_with(|| b.0.counts.resolved().cmp(&a.0.counts.resolved()))
            .then_with(|| a.0.key.cmp(&b.0.key))
    });
    let unrated = procedures.len() - rated.len();
    let all = rated.len();
    rated.truncate(MAX_PROCEDURES);
    let list: Vec<String> = rated
        .iter()
        .map(|(g, r)| format!("{} {}", name(g, lang), percent(*r, lang)))
        .collect();
    let desc = format!(
        "{}: {}.",
        t(
            "Cases resolved early or on time, of those resolved, per procedure, lowest first",
            "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn trên số đã giải quyết, theo thủ tục, thấp nhất trước"
        ),
        list.join("; ")
    );
    let n = rated.len() as u64;
    let (width, height) = (H_LABEL + H_W + H_VALUE, H_TOP + n * H_ROW + 6);
    let mut out = format!(
        "<section class=\"chart\" id=\"procedures\">\n<h2>{}</h2>\n<figure>\n",
        escape(title)
    );
    svg_open(&mut out, "chart-procedures", (width, height), title, &desc);
    for q in 0..=4u64 {
        let x = H_LABEL + H_W * q / 4;
        let stroke = if q == 0 { MUTED } else { GRID };
        out.push_str(&format!(
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\" font-size=\"11\">{}%</text>\n",
            H_TOP - 4,
            height - 2,
            H_TOP - 10,
            q * 25
        ));
    }
    for (i, (g, r)) in rated.iter().enumerate() {
        let y = H_TOP + i as u64 * H_ROW;
        let full = name(g, lang);
        let w = scale(r.basis_points(), H_W);
        out.push_str(&format!(
            "<g><title>{}: {} ({} / {})</title>",
            escape(&full),
            escape(&percent(*r, lang)),
            number(r.num, lang),
            number(r.den, lang)
        ));
        out.push_str(&format!(
            "<rect class=\"bar\" x=\"{H_LABEL}\" y=\"{}\" width=\"{}\" height=\"{H_BAR}\" fill=\"{ON_TIME}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>\n",
            y + (H_ROW - H_BAR) / 2,
            units(w),
            units(H_LABEL * 100 + w + 600),
            y + H_ROW / 2 + 4,
            escape(&percent(*r, lang))
        ));
        row_label(&mut out, &full, y);
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    let mut notes = Vec::new();
    if all > MAX_PROCEDURES {
        notes.push(format!(
            "{} {} {}.",
            lang.pick("Shown: the", "Biểu đồ thể hiện"),
            number(MAX_PROCEDURES as u64, lang),
            match lang {
                Lang::En => format!(
                    "procedures with the lowest rate, of {}",
                    number(all as u64, lang)
                ),
                Lang::Vi => format!(
                    "thủ tục có tỷ lệ thấp nhất trong số {}",
                    number(all as u64, lang)
                ),
            }
        ));
    }
    if unrated > 0 {
        notes.push(format!(
            "{}: {}.",
            t(
                "Procedures with nothing resolved in the period, not shown",
                "Thủ tục không có hồ sơ được giải quyết trong kỳ, không thể hiện"
            ),
            number(unrated as u64, lang)
        ));
    }
    if !notes.is_empty() {
        out.push_str(&format!(
            "<figcaption>{}</figcaption>\n",
            escape(&notes.join(" "))
        ));
    }
    out.push_str("</figure>\n</section>\n");
    out
}

fn late_chart(procedures: &[Group], lang: Lang) -> String {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let title = t(
        "Where time runs out: late and overdue cases by procedure",
        "Chậm ở đâu: hồ sơ trễ hạn và quá hạn theo thủ tục",
    );
    if procedures.is_empty() {
        let why = t(
            "No data: the report has no figures per procedure.",
            "Không có dữ liệu: báo cáo không có số liệu theo thủ tục.",
        );
        return no_data("late", title, why);
    }
    let mut rows: Vec<(&Group, u64, u64)> = procedures
        .iter()
        .map(|g| {
            (
                g,
                g.counts.get("resolved_late"),
                g.counts.get("open_overdue"),
            )
        })
        .filter(|(_, late, overdue)| late + overdue > 0)
        .collect();
    if rows.is_empty() {
        let why = t(
            "No data to show: no case was resolved late or is open past its due time.",
            "Không có dữ liệu để thể hiện: không có hồ sơ giải quyết trễ hạn hay đang quá hạn.",
        );
        return no_data("late", title, why);
    }
    rows.sort_by(|a, b| {
        (b.1 + b.2)
            .cmp(&(a.1 + a.2))
            .then_with(|| a.0.key.cmp(&b.0.key))
    });
    let all = rows.len();
    rows.truncate(MAX_LATE);
    let max = rows.iter().map(|r| r.1 + r.2).max().unwrap_or(1);
    let (late_words, overdue_words) = (
        t("resolved late", "đã giải quyết trễ hạn"),
        t("open, overdue", "đang giải quyết quá hạn"),
    );
    let list: Vec<String> = rows
        .iter()
        .map(|(g, late, overdue)| {
            format!(
                "{} {} {late_words}, {} {overdue_words}",
                name(g, lang),
                number(*late, lang),
                number(*overdue, lang)
            )
        })
        .collect();
    let desc = format!(
        "{}: {}.",
        t(
            "Cases resolved late and cases open past their due time, per procedure, most first",
            "Số hồ sơ giải quyết trễ hạn và số hồ sơ đang quá hạn, theo thủ tục, nhiều nhất trước"
        ),
        list.join("; ")
    );
    let n = rows.len() as u64;
    let (width, height) = (H_LABEL + H_W + H_VALUE, H_TOP + n * H_ROW + 6);
    let mut out = format!(
        "<section class=\"chart\" id=\"late\">\n<h2>{}</h2>\n<figure>\n",
        escape(title)
    );
    svg_open(&mut out, "chart-late", (width, height), title, &desc);
    out.push_str(&format!(
        "<rect x=\"{H_LABEL}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{LATE}\"/>\
         <text x=\"{}\" y=\"16\">{}</text>\
         <rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{OVERDUE}\"/>\
         <text x=\"{}\" y=\"16\">{}</text>\n\
         <line x1=\"{H_LABEL}\" x2=\"{H_LABEL}\" y1=\"{}\" y2=\"{}\" stroke=\"{MUTED}\" stroke-width=\"1\"/>\n",
        H_LABEL + 18,
        escape(late_words),
        H_LABEL + 200,
        H_LABEL + 218,
        escape(overdue_words),
        H_TOP - 4,
        height - 2
    ));
    for (i, (g, late, overdue)) in rows.iter().enumerate() {
        let y = H_TOP + i as u64 * H_ROW;
        let bar_y = y + (H_ROW - H_BAR) / 2;
        let full = name(g, lang);
        // Both ends from the start, so the two parts always add up to the whole bar.
        let (mid, end) = (share(*late, max, H_W), share(late + overdue, max, H_W));
        out.push_str(&format!(
            "<g><title>{}: {} {late_words}, {} {overdue_words}</title>",
            escape(&full),
            number(*late, lang),
            number(*overdue, lang)
        ));
        if *late > 0 {
            out.push_str(&format!(
                "<rect class=\"late\" x=\"{H_LABEL}\" y=\"{bar_y}\" width=\"{}\" height=\"{H_BAR}\" fill=\"{LATE}\"/>",
                units(mid)
            ));
        }
        if *overdue > 0 {
            out.push_str(&format!(
                "<rect class=\"overdue\" x=\"{}\" y=\"{bar_y}\" width=\"{}\" height=\"{H_BAR}\" fill=\"{OVERDUE}\" \
                 stroke=\"#fff\" stroke-width=\"1\"/>",
                units(H_LABEL * 100 + mid),
                units(end - mid)
            ));
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{} + {}</text>\n",
            units(H_LABEL * 100 + end + 600),
            y + H_ROW / 2 + 4,
            number(*late, lang),
            number(*overdue, lang)
        ));
        row_label(&mut out, &full, y);
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    let mut caption = t(
        "The case records carry no times for the steps inside an agency, so time lost is shown per procedure: cases resolved late and cases still open past their due time.",
        "Dữ liệu hồ sơ không có thời gian của từng bước xử lý, nên thời gian chậm được thể hiện theo thủ tục: số hồ sơ đã giải quyết trễ hạn và số hồ sơ đang giải quyết quá hạn.",
    )
    .to_string();
    if all > MAX_LATE {
        caption.push(' ');
        caption.push_str(&match lang {
            Lang::En => format!(
                "Shown: the {} procedures with the most, of {}.",
                number(MAX_LATE as u64, lang),
                number(all as u64, lang)
            ),
            Lang::Vi => format!(
                "Biểu đồ thể hiện {} thủ tục có nhiều hồ sơ chậm nhất trong số {}.",
                number(MAX_LATE as u64, lang),
                number(all as u64, lang)
            ),
        });
    }
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n</figure>\n</section>\n",
        escape(&caption)
    ));
    out
}

/// A list of `label (code): count` items.
fn counts_by(
    out: &mut String,
    by: &std::collections::BTreeMap<String, u64>,
    words: impl Fn(&str) -> Option<&'static str>,
    lang: Lang,
) {
    out.push_str("<ul>\n");
    for (code, n) in by {
        let what = match words(code) {
            Some(w) => format!("{} (<code>{}</code>)", escape(w), escape(code)),
            None => format!("<code>{}</code>", escape(code)),
        };
        out.push_str(&format!("<li>{what}: {}</li>\n", number(*n, lang)));
    }
    out.push_str("</ul>\n");
}

/// Table headings.
fn thead(out: &mut String, headings: &[&str]) {
    out.push_str("<div class=\"scroll\">\n<table>\n<thead>\n<tr>");
    for h in headings {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
}

fn discrepancies(out: &mut String, report: &Report, procedures: &[Group], lang: Lang) {
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    let total = &report.total;
    out.push_str(&format!(
        "<section id=\"discrepancies\">\n<h2>{}</h2>\n",
        escape(t(
            "Portal due times that differ from the law's",
            "Hạn xử lý trên cổng khác với hạn theo quy định"
        ))
    ));
    if total.get("discrepancies") == 0 && report.discrepancies.is_empty() {
        out.push_str(&format!(
            "<p>{}</p>\n</section>\n",
            escape(t(
                "None: for every case counted, the portal's due time is the law's.",
                "Không có: với mọi hồ sơ được tính, hạn trên cổng trùng với hạn theo quy định."
            ))
        ));
        return;
    }
    out.push_str(&format!(
        "<p>{}: <strong>{}</strong></p>\n",
        escape(t(
            "Cases whose due time on the portal differs from the law's",
            "Số hồ sơ có hạn xử lý trên cổng khác với hạn theo quy định"
        )),
        number(total.get("discrepancies"), lang)
    ));
    if !total.discrepancies_by_reason().is_empty() {
        out.push_str(&format!(
            "<h3>{}</h3>\n",
            escape(t("By reason", "Theo nguyên nhân"))
        ));
        counts_by(
            out,
            &total.discrepancies_by_reason(),
            |c| reason_label(c, lang),
            lang,
        );
    }
    let listed = report.discrepancies.len() as u64;
    if !report.discrepancies.is_empty() {
        let names: HashMap<&str, &str> = procedures
            .iter()
            .filter_map(|g| Some((g.key.as_deref()?, g.label.as_deref()?)))
            .collect();
        thead(
            out,
            &[
                t("Case", "Mã hồ sơ"),
                t("Procedure", "Thủ tục"),
                t("Received", "Tiếp nhận"),
                t("Restarted", "Tính lại từ"),
                t("Portal's due time", "Hạn trên cổng"),
                t("Law's due time", "Hạn theo quy định"),
                t("Reason", "Nguyên nhân"),
            ],
        );
        for d in &report.discrepancies {
            discrepancy_row(out, d, &names, lang);
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }
    if total.get("discrepancies") > listed {
        let note = match lang {
            Lang::En => format!(
                "Listed: the first {} of {}, earliest receipt first (--discrepancies N lists more).",
                number(listed, lang),
                number(total.get("discrepancies"), lang)
            ),
            Lang::Vi => format!(
                "Liệt kê {} hồ sơ đầu tiên trong số {}, theo thứ tự tiếp nhận (--discrepancies N để liệt kê thêm).",
                number(listed, lang),
                number(total.get("discrepancies"), lang)
            ),
        };
        out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(&note)));
    }
    out.push_str("</section>\n");
}

fn discrepancy_row(out: &mut String, d: &Discrepancy, names: &HashMap<&str, &str>, lang: Lang) {
    let mut procedure = escape(&d.procedure);
    if let Some(v) = &d.variant {
        procedure.push_str(&format!(" ({})", escape(v)));
    }
    if let Some(n) = names.get(d.procedure.as_str()) {
        procedure.push_str(&format!("<span class=\"sub\">{}</span>", escape(n)));
    }
    out.push_str(&format!(
        "<tr><td>{}</td><td>{procedure}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
         <td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
        escape(&d.case_id),
        escape(&when(&d.received_at, false)),
        d.restarted_at
            .as_deref()
            .map_or_else(|| "–".to_string(), |r| escape(&when(r, false))),
        escape(&when(&d.portal_due_at, false)),
        escape(&when(&d.due_at, false)),
        escape(d.explanation.get(lang))
    ));
}

fn rejected(out: &mut String, r: &RejectedSummary, lang: Lang) {
    if r.count == 0 {
        return;
    }
    let t = |en: &'static str, vi: &'static str| lang.pick(en, vi);
    out.push_str(&format!(
        "<section id=\"rejected\">\n<h2>{}</h2>\n<p>{}: <strong>{}</strong></p>\n",
        escape(t("Rejected rows", "Dòng bị loại")),
        escape(t(
            "Rows rejected and not counted",
            "Số dòng bị loại, không được tính"
        )),
        number(r.count, lang)
    ));
    if !r.by_reason.is_empty() {
        out.push_str(&format!(
            "<h3>{}</h3>\n",
            escape(t("By reason", "Theo lỗi"))
        ));
        counts_by(out, &r.by_reason, |_| None, lang);
    }
    if !r.rows.is_empty() {
        thead(
            out,
            &[
                t("File", "Tệp"),
                t("Row", "Dòng"),
                t("Case", "Mã hồ sơ"),
                t("Column", "Cột"),
                t("Reason", "Lỗi"),
            ],
        );
        for row in &r.rows {
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&row.file),
                row.row,
                escape(row.case_id.as_deref().unwrap_or("–")),
                row.column.as_deref().map_or_else(
                    || "–".to_string(),
                    |c| format!("<code>{}</code>", escape(c))
                ),
                escape(row.reason.get(lang))
            ));
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }
    let listed = r.rows.len() as u64;
    if r.count > listed {
        let note = match lang {
            Lang::En => format!(
                "Listed: the first {} of {} (--format json lists them with their codes).",
                number(listed, lang),
                number(r.count, lang)
            ),
            Lang::Vi => format!(
                "Liệt kê {} dòng đầu tiên trong số {} (--format json liệt kê kèm mã lỗi).",
                number(listed, lang),
                number(r.count, lang)
            ),
        };
        out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(&note)));
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Period, RejectedRow};
    use chrono::NaiveDate;
    use std::collections::BTreeMap;
    use tthc::text::Text;

    const NASTY: &str = "Cấp giấy <script>&\"";

    fn counts(early: u64, on_time: u64, late: u64, overdue: u64) -> Counts {
        counts_with(
            early,
            on_time,
            late,
            overdue,
            early + on_time + late + overdue,
            0,
            0,
            0,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn counts_with(
        early: u64,
        on_time: u64,
        late: u64,
        overdue: u64,
        new: u64,
        disc: u64,
        restart: u64,
        unexplained: u64,
    ) -> Counts {
        Counts::of(&[
            ("received_carried_over", 0),
            ("received_new", new),
            ("resolved_early", early),
            ("resolved_on_time", on_time),
            ("resolved_late", late),
            ("open_not_due", 0),
            ("open_overdue", overdue),
            ("discrepancies", disc),
            ("discrepancies_restart_ignored", restart),
            ("discrepancies_unexplained", unexplained),
        ])
    }

    fn columns() -> Vec<crate::report::ColumnOut> {
        crate::sql::headings(&crate::sql::load(None).unwrap())
            .into_iter()
            .filter(|c| !matches!(c.name.as_str(), "period" | "is_total" | "key"))
            .map(Into::into)
            .collect()
    }

    fn group(key: &str, label: Option<&str>, c: Counts) -> Group {
        Group {
            key: Some(key.to_string()),
            label: label.map(str::to_string),
            counts: c,
        }
    }

    fn empty() -> Report {
        Report {
            period: Period {
                from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
            },
            as_of: "2025-04-01T00:00:00+07:00".to_string(),
            by: None,
            columns: columns(),
            groups: Vec::new(),
            total: Counts::default(),
            months: Vec::new(),
            procedures: Vec::new(),
            discrepancies: Vec::new(),
            discrepancies_in_files: None,
            rejected: RejectedSummary {
                count: 0,
                by_reason: BTreeMap::new(),
                rows: Vec::new(),
            },
        }
    }

    fn full() -> Report {
        let procedures = vec![
            group("p-a", Some(NASTY), counts(2, 1, 1, 0)), // 3/4
            group("p-b", Some("Đăng ký khai sinh"), counts(1, 0, 3, 2)), // 1/4
            group("p-c", None, counts(2, 0, 0, 0)),        // 1/1, nothing late
            group("p-d", Some("Chưa giải quyết"), counts(0, 0, 0, 5)), // no rate
        ];
        let total = counts_with(5, 1, 4, 7, 1_234_567, 3, 2, 1);
        Report {
            by: Some("procedure".to_string()),
            columns: columns(),
            groups: procedures.clone(),
            total,
            months: vec![
                group("2025-01", None, counts(1, 1, 0, 0)), // 1/1
                group("2025-02", None, counts(1, 0, 1, 0)), // 1/2
                group("2025-03", None, counts(0, 0, 0, 3)), // nothing resolved
            ],
            procedures,
            discrepancies: vec![Discrepancy {
                case_id: "H'1".to_string(),
                procedure: "p-a".to_string(),
                variant: None,
                received_at: "2025-01-24T10:00:00+07:00".to_string(),
                restarted_at: Some("2025-01-27T09:00:00+07:00".to_string()),
                portal_due_at: "2025-02-05T10:00:00+07:00".to_string(),
                due_at: "2025-02-07T09:00:00+07:00".to_string(),
                reason: "restart_ignored".to_string(),
                explanation: Text::new(
                    "the portal ignored the restart",
                    "cổng bỏ qua việc tính lại",
                ),
            }],
            rejected: RejectedSummary {
                count: 2,
                by_reason: BTreeMap::from([("bad_datetime".into(), 2)]),
                rows: vec![RejectedRow {
                    file: "a&b<1>.csv".to_string(),
                    sheet: None,
                    row: 7,
                    case_id: Some("H9".to_string()),
                    column: Some("received_at".to_string()),
                    code: "bad_datetime".to_string(),
                    reason: Text::new("not a date", "không phải ngày giờ"),
                }],
            },
            ..empty()
        }
    }

    /// Each `<svg …>…</svg>` of the page.
    fn svgs(page: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = page[from..].find("<svg") {
            let start = from + i;
            let end = start + page[start..].find("</svg>").expect("closed") + "</svg>".len();
            out.push(&page[start..end]);
            from = end;
        }
        out
    }

    /// `12`, `12.5`, `12.25` in hundredths.
    fn hundredths(s: &str) -> u64 {
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let frac = format!("{frac:0<2}");
        whole.parse::<u64>().unwrap() * 100 + frac.parse::<u64>().unwrap()
    }

    /// The `attr` of the rects of class `class` in an SVG, in document order.
    fn rects(svg: &str, class: &str, attr: &str) -> Vec<u64> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class))
            .map(|n| hundredths(n.attribute(attr).unwrap()))
            .collect()
    }

    fn chart<'a>(page: &'a str, id: &str) -> &'a str {
        svgs(page)
            .into_iter()
            .find(|s| s.contains(&format!("aria-labelledby=\"{id}-title\"")))
            .unwrap()
    }

    #[test]
    fn three_charts_when_all_data_is_there() {
        for lang in [Lang::En, Lang::Vi] {
            let page = html(&full(), lang);
            assert_eq!(page.matches("<svg").count(), 3);
            assert!(page.starts_with("<!doctype html>"));
            assert!(page.trim_end().ends_with("</html>"));
        }
    }

    #[test]
    fn every_svg_is_xml_with_a_title_and_a_desc() {
        let page = html(&full(), Lang::Vi);
        for svg in svgs(&page) {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let root = doc.root_element();
            assert!(root.has_tag_name("svg"));
            assert_eq!(root.attribute("role"), Some("img"));
            let labelled = root.attribute("aria-labelledby").unwrap();
            let title = root
                .children()
                .find(|n| n.has_tag_name("title"))
                .expect("a title");
            assert_eq!(title.attribute("id"), Some(labelled));
            assert!(!title.text().unwrap_or("").is_empty());
            let described = root.attribute("aria-describedby").unwrap();
            let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
            assert_eq!(desc.attribute("id"), Some(described));
        }
    }

    #[test]
    fn data_is_escaped() {
        let page = html(&full(), Lang::En);
        assert!(!page.contains(NASTY));
        assert!(page.contains("Cấp giấy &lt;script&gt;&amp;&quot;"));
        assert!(page.contains("H&#39;1"));
        assert!(page.contains("a&amp;b&lt;1&gt;.csv"));
        assert!(!page.contains("a&b"));
    }

    #[test]
    fn month_bars_are_exact_shares() {
        let page = html(&full(), Lang::En);
        let svg = chart(&page, "chart-months");
        let heights = rects(svg, "bar", "height");
        assert_eq!(heights.len(), 2, "March has nothing resolved: no bar");
        assert!(heights[0] > 0);
        assert_eq!(heights[0], 2 * heights[1]);
        // The bars stand on the same base line.
        let ys = rects(svg, "bar", "y");
        assert_eq!(ys[0] + heights[0], ys[1] + heights[1]);
        // March is an empty slot marked with a dash.
        assert_eq!(rects(svg, "empty", "height").len(), 1);
        assert!(svg.contains(">2025-03</text>"));
        assert!(svg.contains(">–</text>"));
    }

    #[test]
    fn procedures_are_sorted_worst_first() {
        let page = html(&full(), Lang::En);
        let svg = chart(&page, "chart-procedures");
        let widths = rects(svg, "bar", "width");
        assert_eq!(widths.len(), 3, "p-d has nothing resolved");
        assert!(widths.windows(2).all(|w| w[0] <= w[1]), "{widths:?}");
        let at = |s: &str| svg.find(&format!(">{s}</text>")).unwrap();
        assert!(at("Đăng ký khai sinh") < at("Cấp giấy &lt;script&gt;&amp;&quot;"));
        assert!(at("Cấp giấy &lt;script&gt;&amp;&quot;") < at("p-c"));
        assert!(!svg.contains("Chưa giải quyết</text>"));
        // 1/4 draws exactly a third of 3/4.
        assert_eq!(widths[0] * 3, widths[1]);
    }

    #[test]
    fn late_chart_is_sorted_and_skips_zeros() {
        let page = html(&full(), Lang::En);
        let svg = chart(&page, "chart-late");
        let at = |s: &str| svg.find(&format!(">{s}</text>"));
        // p-b 3 + 2, p-d 0 + 5, p-a 1 + 0; p-c none.
        assert!(at("p-c").is_none());
        let (b, d, a) = (
            at("Đăng ký khai sinh").unwrap(),
            at("Chưa giải quyết").unwrap(),
            at("Cấp giấy &lt;script&gt;&amp;&quot;").unwrap(),
        );
        assert!(b < d && d < a, "sorted by sum, then key");
        let late = rects(svg, "late", "width");
        let overdue = rects(svg, "overdue", "width");
        // The two largest are full width, split 3:2 for p-b.
        assert_eq!(late[0] + overdue[0], overdue[1]);
        assert_eq!(late[0] * 2, overdue[0] * 3);
        assert!(page.contains("no times for the steps"));
    }

    #[test]
    fn vietnamese_page() {
        let page = html(&full(), Lang::Vi);
        assert!(page.contains("<html lang=\"vi\">"));
        assert!(page.contains("Báo cáo tình hình giải quyết hồ sơ"));
        assert!(page.contains("01/01/2025 – 31/03/2025"));
        for (_, _, vi) in super::columns(&full()) {
            assert!(page.contains(&format!(">{}</th>", escape(&vi))), "{vi}");
        }
        assert!(page.contains("1.234.567"));
        assert!(page.contains("75,0%"));
        assert!(page.contains("cổng bỏ qua việc tính lại"));
        assert!(page.contains("Dữ liệu hồ sơ không có thời gian của từng bước"));
        let en = html(&full(), Lang::En);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Case handling report"));
        assert!(en.contains("1,234,567"));
        assert!(en.contains("75.0%"));
        for (_, en_heading, _) in super::columns(&full()) {
            assert!(en.contains(&format!(">{}</th>", escape(&en_heading))));
        }
    }

    #[test]
    fn discrepancies_and_rejected_rows_are_listed() {
        let page = html(&full(), Lang::En);
        assert!(page.contains("<code>restart_ignored</code>): 2"));
        assert!(page.contains("Listed: the first 1 of 3"));
        assert!(page.contains("24/01/2025 10:00"));
        assert!(page.contains("Rejected rows"));
        assert!(page.contains("<code>bad_datetime</code>: 2"));
        assert!(page.contains("not a date"));
        let mut report = full();
        report.rejected.count = 0;
        assert!(!html(&report, Lang::En).contains("Rejected rows"));
    }

    #[test]
    fn empty_report_says_there_is_no_data() {
        for (lang, words) in [(Lang::En, "No data"), (Lang::Vi, "Không có dữ liệu")] {
            let page = html(&empty(), lang);
            assert!(!page.contains("<svg"));
            assert_eq!(page.matches(words).count(), 3, "one per chart");
        }
        // Months with nothing resolved are no data either.
        let mut report = empty();
        report.months = vec![group("2025-01", None, counts(0, 0, 0, 1))];
        assert!(!html(&report, Lang::En).contains("<svg"));
    }

    #[test]
    fn nothing_is_fetched_and_nothing_runs() {
        for report in [full(), empty()] {
            for lang in [Lang::En, Lang::Vi] {
                let page = html(&report, lang).to_ascii_lowercase();
                for bad in [
                    "http://", "https://", "<script", "<link", "@import", "url(", "<img",
                ] {
                    assert!(!page.contains(bad), "{bad}");
                }
                assert!(page.contains("@media print"));
            }
        }
    }

    #[test]
    fn groupings_other_than_procedure_have_no_procedure_charts() {
        let mut report = full();
        report.by = Some("field".to_string());
        report.procedures.clear();
        let page = html(&report, Lang::En);
        assert_eq!(page.matches("<svg").count(), 1);
        assert!(page.contains("no figures per procedure"));
    }

    #[test]
    fn helpers() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(number(0, Lang::En), "0");
        assert_eq!(number(999, Lang::Vi), "999");
        assert_eq!(number(1000, Lang::Vi), "1.000");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
        assert_eq!(number(u64::MAX, Lang::En), "18,446,744,073,709,551,615");
        assert_eq!(units(0), "0");
        assert_eq!(units(20_000), "200");
        assert_eq!(units(1_250), "12.5");
        assert_eq!(units(1_225), "12.25");
        assert_eq!(units(5), "0.05");
        assert_eq!(scale(Rate { num: 1, den: 3 }.basis_points(), 200), 6_666);
        assert_eq!(share(1, 3, 400), 13_333);
        assert_eq!(share(2, 3, 400), 26_667);
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(
            when("2025-03-31T14:30:00+07:00", true),
            "31/03/2025 14:30 (UTC+07:00)"
        );
        assert_eq!(when("nonsense", false), "nonsense");
    }
}
