//! TTHC041: the words kept as printed (`printed "…"`) disagree with the numbers beside
//! them.

use super::{Context, amount_text};
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::{Amount, Cutoff, Printed, Timing, Version};
use crate::text::printed::{PrintedAmount, amounts, cutoff_hours};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC041",
    name: "printed-words-disagree",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "The decision's words kept with `printed` name other times, another cutoff or another level than the numbers beside them.",
    summary_vi: "Nguyên văn quyết định ghi bằng `nguyên văn` nêu thời gian, giờ chốt hoặc cấp khác với các con số ghi bên cạnh.",
    explanation_en: "Review tables show a time cell in the decision's own words (`printed \"…\"`), while the engine computes with the numbers written before them. Where the words can be read — a number followed by `ngày`, a same-day phrase (`trong ngày`), \"sau 15 giờ\" — they must name exactly the times on the line (the ordinary time and every case's), the cutoff the procedure states, and, on `authority`, the level's title. A difference means a mistyped number or words copied from the wrong cell.",
    explanation_vi: "Bảng rà soát hiện ô thời gian bằng nguyên văn quyết định (`nguyên văn \"…\"`), còn bộ tính hạn dùng các con số ghi trước đó. Ở chỗ đọc được nguyên văn — số đi kèm `ngày`, cụm `trong ngày`, \"sau 15 giờ\" — nguyên văn phải nêu đúng các thời gian trên dòng (thời gian thông thường và của từng trường hợp), đúng giờ chốt thủ tục ghi, và với `thẩm quyền` thì đúng tên cấp. Khác nhau là do gõ sai số hoặc chép nhầm ô.",
    example: "  total 3 days, verification 23 days printed \"3 ngày (TH cần xác minh: 25 ngày)\"\n",
    fixed: "  total 3 days, verification 23 days printed \"3 ngày (TH cần xác minh: 23 ngày)\"\n",
};

/// Reports printed words that disagree with their numbers, cutoff or level.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions() {
        timing(v, &v.total, true, out);
        for s in &v.steps {
            timing(v, &s.timing, false, out);
        }
        if let (Some(p), Some(a)) = (&v.authority_printed, cx.catalogue.authority(&v.authority))
            && squash(&p.text()) != squash(&a.title)
        {
            out.push(Diagnostic::new(
                &RULE,
                p.loc,
                Text::new(
                    format!(
                        "the level printed, \"{}\", is not `{}` (\"{}\")",
                        p.text(),
                        a.id,
                        a.title
                    ),
                    format!(
                        "cấp in trong quyết định, \"{}\", không phải `{}` (\"{}\")",
                        p.text(),
                        a.id,
                        a.title
                    ),
                ),
                Text::new(
                    "correct the authority, or copy the level exactly as the appendix prints it",
                    "sửa cấp thẩm quyền, hoặc chép đúng cấp như phụ lục in",
                ),
            ));
        }
    }
}

/// Lower case with runs of spaces collapsed: "UBND cấp xã" and "UBND  Cấp xã" agree.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn timing(v: &Version, t: &Timing, total: bool, out: &mut Vec<Diagnostic>) {
    let Some(p) = &t.printed else {
        return;
    };
    let text = p.text();
    let mut read = amounts(&text);
    let mut written: Vec<PrintedAmount> = t
        .base
        .iter()
        .chain(t.variants.iter().map(|(_, a)| a))
        .map(|a| match a.value {
            Amount::SameDay => PrintedAmount::SameDay,
            Amount::Days(d) => PrintedAmount::Days(d),
        })
        .collect();
    read.sort();
    written.sort();
    // A same-day time printed in two cells (C.1's "Trong ngày" and the 15-giờ sentence
    // beside it) is one same-day time.
    for list in [&mut read, &mut written] {
        list.dedup_by(|a, b| *a == PrintedAmount::SameDay && *b == PrintedAmount::SameDay);
    }
    // Words that name no amount cannot be checked; a line with no number against words
    // that name one can (a step's words copied onto a step with no time).
    if !read.is_empty() && read != written {
        let mut d = Diagnostic::new(
                &RULE,
                p.loc,
                Text::new(
                    format!(
                        "the printed words name {} but the numbers written are {}",
                        list(&read, |t| t.en.clone()),
                        list(&written, |t| t.en.clone())
                    ),
                    format!(
                        "nguyên văn nêu {} nhưng các con số ghi là {}",
                        list(&read, |t| t.vi.clone()),
                        list(&written, |t| t.vi.clone())
                    ),
                ),
                Text::new(
                    "correct the number that differs from the decision, or copy the words of the cell that holds these numbers",
                    "sửa con số khác với quyết định, hoặc chép nguyên văn của đúng ô chứa các con số này",
                ),
            );
        if let Some(first) = t.base.as_ref().or(t.variants.first().map(|(_, a)| a)) {
            d = d.with_label(first.loc, Text::new("the numbers", "các con số"));
        }
        out.push(d);
    }
    cutoff(v, p, total, out);
}

/// "sau 15 giờ" in the words needs the procedure to state `cutoff 15:00`.
fn cutoff(v: &Version, p: &Printed, total: bool, out: &mut Vec<Diagnostic>) {
    for hour in cutoff_hours(&p.text()) {
        let stated: Vec<Cutoff> = v
            .total
            .cutoff
            .iter()
            .map(|c| c.value)
            .chain(v.variants.iter().filter_map(|d| d.cutoff.map(|c| c.value)))
            .collect();
        let matches = stated.iter().any(|c| {
            c.time()
                .is_some_and(|t| chrono::Timelike::hour(&t) == hour && chrono::Timelike::minute(&t) == 0)
        });
        if matches {
            continue;
        }
        let where_en = if total { "" } else { " on the total" };
        out.push(Diagnostic::new(
            &RULE,
            p.loc,
            Text::new(
                format!(
                    "the printed words set a cutoff at {hour}:00 (\"sau {hour} giờ\") but the procedure states {}",
                    if stated.is_empty() {
                        "none".to_string()
                    } else {
                        stated.iter().map(|c| c.written()).collect::<Vec<_>>().join(", ")
                    }
                ),
                format!(
                    "nguyên văn ghi giờ chốt {hour}:00 (\"sau {hour} giờ\") nhưng thủ tục ghi {}",
                    if stated.is_empty() {
                        "không có giờ chốt".to_string()
                    } else {
                        stated.iter().map(|c| c.written()).collect::<Vec<_>>().join(", ")
                    }
                ),
            ),
            Text::new(
                format!("write `cutoff {hour:02}:00`{where_en}, as the decision prints it"),
                format!("ghi `giờ chốt {hour:02}:00` ở dòng tổng, như quyết định in"),
            ),
        ));
    }
}

fn list(items: &[PrintedAmount], lang: impl Fn(&Text) -> String) -> String {
    if items.is_empty() {
        return lang(&Text::new("no time", "không có thời gian nào"));
    }
    items
        .iter()
        .map(|a| {
            lang(&amount_text(match a {
                PrintedAmount::SameDay => Amount::SameDay,
                PrintedAmount::Days(d) => Amount::Days(*d),
            }))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
