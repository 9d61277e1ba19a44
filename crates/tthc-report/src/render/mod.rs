//! A report as people and programs read it: an aligned table, JSON, CSV, or a
//! self-contained HTML page with charts ([`html`]).

pub mod html;

use crate::report::{Counts, Group, Report};
use tthc::text::Lang;

/// The columns of the tables, in order: JSON name, English and Vietnamese headings.
pub const COLUMNS: [(&str, &str, &str); 15] = [
    (
        "received_carried_over",
        "carried over",
        "kỳ trước chuyển qua",
    ),
    ("received_new", "received", "mới tiếp nhận"),
    ("received_direct", "at the desk", "trực tiếp"),
    ("received_online", "online", "trực tuyến"),
    ("resolved_early", "early", "trước hạn"),
    ("resolved_on_time", "on time", "đúng hạn"),
    ("resolved_late", "late", "trễ hạn"),
    ("open_not_due", "open, not due", "đang giải quyết trong hạn"),
    ("open_overdue", "open, overdue", "đang giải quyết quá hạn"),
    ("paused", "paused", "tạm dừng"),
    ("returned", "returned", "trả lại"),
    ("cancelled", "cancelled", "rút/hủy"),
    ("on_time_rate", "on-time rate", "tỷ lệ đúng hạn"),
    ("late_rate", "late rate", "tỷ lệ trễ hạn"),
    ("discrepancies", "portal differs", "cổng tính khác"),
];

/// The cells of a row of counts, in [`COLUMNS`] order.
pub fn cells(c: &Counts) -> Vec<String> {
    let rate = |r: Option<crate::report::Rate>| r.map_or_else(|| "-".to_string(), |r| r.percent());
    vec![
        c.received_carried_over.to_string(),
        c.received_new.to_string(),
        c.received_direct.to_string(),
        c.received_online.to_string(),
        c.resolved_early.to_string(),
        c.resolved_on_time.to_string(),
        c.resolved_late.to_string(),
        c.open_not_due.to_string(),
        c.open_overdue.to_string(),
        c.paused.to_string(),
        c.returned.to_string(),
        c.cancelled.to_string(),
        rate(c.on_time_rate),
        rate(c.late_rate),
        c.discrepancies.to_string(),
    ]
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
    for (name, _, _) in COLUMNS {
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
        cells[12] = rate(c.on_time_rate);
        cells[13] = rate(c.late_rate);
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
    heading.extend(COLUMNS.iter().map(|(_, en, vi)| pick(en, vi)));
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
    if total.discrepancies > 0 {
        out.push_str(&format!(
            "\n{} {}:",
            total.discrepancies,
            pick(
                "cases where the portal's due time differs from the law's",
                "hồ sơ có hạn xử lý trên cổng khác với hạn theo quy định"
            )
        ));
        for (reason, n) in &total.discrepancies_by_reason {
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
            .discrepancies
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
            "{}:{}: {}{}{}\n",
            r.file,
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
