//! A report as people and programs read it: an aligned table, JSON, CSV, or a
//! self-contained HTML page with charts ([`html`]).

pub mod html;

pub mod xlsx;

use crate::report::{Counts, Group, Report};
use tthc::text::Lang;

/// The headings of the two rates, which are worked out from the counts, not counted.
const RATES: [(&str, &str, &str); 2] = [
    ("on_time_rate", "on-time rate", "tỷ lệ đúng hạn"),
    ("late_rate", "late rate", "tỷ lệ trễ hạn"),
];

/// The columns of the tables, in order: JSON name, English and Vietnamese headings. They
/// are the report's (`counts.sql` declares them) without the per-reason discrepancy
/// counts, then the two rates.
pub fn columns(report: &Report) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = report
        .columns
        .iter()
        .filter(|c| !c.name.starts_with("discrepancies_"))
        .map(|c| (c.name.clone(), c.en.clone(), c.vi.clone()))
        .collect();
    out.extend(
        RATES
            .iter()
            .map(|(n, e, v)| (n.to_string(), e.to_string(), v.to_string())),
    );
    out
}

/// The cells of a row of counts, in [`columns`] order; a rate as `85.7%`, `-` for none.
pub fn cells(c: &Counts) -> Vec<String> {
    let rate = |r: Option<crate::report::Rate>| r.map_or_else(|| "-".to_string(), |r| r.percent());
    let mut out: Vec<String> = c
        .iter()
        .filter(|(n, _)| !n.starts_with("discrepancies_"))
        .map(|(_, v)| v.to_string())
        .collect();
    out.push(rate(c.on_time_rate()));
    out.push(rate(c.late_rate()));
    out
}

/// The report as JSON: `{"period", "as_of", "by", "groups", "total", "discrepancies",
/// "rejected"}` (and `months`, `procedures` when asked for).
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report serialises") + "\n"
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The report as CSV: one row per group, then the total (`group` = `total`); rates as
/// fractions with four decimals.
pub fn csv(report: &Report) -> String {
    let mut out = String::from("group,key,label");
    let names = columns(report);
    for (name, _, _) in &names {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    let rate = |r: Option<crate::report::Rate>| {
        r.map_or_else(String::new, |r| {
            let bp = r.basis_points();
            format!("{}.{:04}", bp / 10_000, bp % 10_000)
        })
    };
    let mut row = |group: &str, key: Option<&str>, label: Option<&str>, c: &Counts| {
        let mut cells = cells(c);
        let n = cells.len();
        cells[n - 2] = rate(c.on_time_rate());
        cells[n - 1] = rate(c.late_rate());
        let mut line = vec![
            group.to_string(),
            csv_field(key.unwrap_or("")),
            csv_field(label.unwrap_or("")),
        ];
        line.extend(cells);
        out.push_str(&line.join(","));
        out.push('\n');
    };
    let by = report.by.as_deref().unwrap_or("");
    for g in &report.groups {
        row(by, g.key.as_deref(), g.label.as_deref(), &g.counts);
    }
    row("total", None, None, &report.total);
    out
}

/// The report as an aligned text table, with the discrepancies and rejected rows after it.
pub fn human(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let pick = |en: &str, vi: &str| lang.pick(en, vi).to_string();
    out.push_str(&format!(
        "{} {} – {} ({} {})\n\n",
        pick("Report", "Báo cáo"),
        report.period.from.format("%d/%m/%Y"),
        report.period.to.format("%d/%m/%Y"),
        pick("as of", "tính đến"),
        report.as_of
    ));
    let mut heading = vec![match &report.by {
        Some(b) => b.clone(),
        None => String::new(),
    }];
    heading.extend(columns(report).iter().map(|(_, en, vi)| pick(en, vi)));
    let mut rows: Vec<Vec<String>> = vec![heading];
    let key = |g: &Group| -> String {
        let k = g
            .key
            .clone()
            .unwrap_or_else(|| pick("(none)", "(không có)"));
        match &g.label {
            Some(l) => format!("{k} — {l}"),
            None => k,
        }
    };
    for g in &report.groups {
        let mut r = vec![key(g)];
        r.extend(cells(&g.counts));
        rows.push(r);
    }
    let mut t = vec![pick("total", "tổng")];
    t.extend(cells(&report.total));
    rows.push(t);
    // Transposed when there are few groups: fifteen columns do not fit a terminal.
    let width = |s: &str| s.chars().count();
    let columns = rows[0].len();
    let mut w = vec![0; rows.len()];
    for (j, r) in rows.iter().enumerate() {
        w[j] = r.iter().map(|c| width(c)).max().unwrap_or(0).min(48);
    }
    if rows.len() <= 8 {
        for i in 0..columns {
            let line: Vec<String> = rows
                .iter()
                .enumerate()
                .map(|(j, r)| {
                    let c: String = r[i].chars().take(48).collect();
                    if j == 0 {
                        format!("{c:<width$}", width = w[0].max(26))
                    } else {
                        format!("{c:>width$}", width = w[j].min(24))
                    }
                })
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
    } else {
        for r in &rows {
            let first: String = r[0].chars().take(48).collect();
            let mut line = format!("{first:<48}");
            for c in &r[1..] {
                line.push_str(&format!(" {c:>8}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    let total = &report.total;
    if total.get("discrepancies") > 0 {
        out.push_str(&format!(
            "\n{} {}:",
            total.get("discrepancies"),
            pick(
                "cases where the portal's due time differs from the law's",
                "hồ sơ có hạn xử lý trên cổng khác với hạn theo quy định"
            )
        ));
        for (reason, n) in &total.discrepancies_by_reason() {
            out.push_str(&format!(" {reason} {n}"));
        }
        out.push('\n');
        for d in &report.discrepancies {
            out.push_str(&format!(
                "  {}  {}  {} {}  {} {}  {}\n",
                d.case_id,
                d.procedure,
                pick("portal", "cổng"),
                d.portal_due_at,
                pick("law", "quy định"),
                d.due_at,
                d.explanation.get(lang)
            ));
        }
        let more = total
            .get("discrepancies")
            .saturating_sub(report.discrepancies.len() as u64);
        if more > 0 {
            out.push_str(&format!(
                "  … {more} {}\n",
                pick(
                    "more (--discrepancies N lists more)",
                    "hồ sơ nữa (--discrepancies N để liệt kê thêm)"
                )
            ));
        }
    }
    out
}

/// The rejected rows for the terminal (stderr): the count by reason, then the first rows.
pub fn rejected(report: &crate::report::RejectedSummary, lang: Lang) -> String {
    if report.count == 0 {
        return String::new();
    }
    let mut out = format!(
        "{} {}:",
        report.count,
        lang.pick("rows rejected", "dòng bị loại")
    );
    for (code, n) in &report.by_reason {
        out.push_str(&format!(" {code} {n}"));
    }
    out.push('\n');
    for r in report.rows.iter().take(20) {
        out.push_str(&format!(
            "{}{}:{}: {}{}{}\n",
            r.file,
            r.sheet
                .as_deref()
                .map(|s| format!("[{s}]"))
                .unwrap_or_default(),
            r.row,
            r.case_id
                .as_deref()
                .map(|c| format!("{c}: "))
                .unwrap_or_default(),
            r.column
                .as_deref()
                .map(|c| format!("[{c}] "))
                .unwrap_or_default(),
            r.reason.get(lang)
        ));
    }
    if report.count > 20 {
        out.push_str(&format!(
            "… {} {}\n",
            report.count - 20,
            lang.pick(
                "more (--format json lists the first 100)",
                "dòng nữa (--format json liệt kê 100 dòng đầu)"
            )
        ));
    }
    out
}
