//! TTHC036: a decision replaces or repeals an item the catalogue does not have.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{Text, suggest, words};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC036",
    name: "unknown-amendment-target",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A decision replaces or repeals an item that no procedure in the catalogue comes from.",
    summary_vi: "Quyết định thay thế hoặc bãi bỏ một mục mà không thủ tục nào trong danh mục lấy từ đó.",
    explanation_en: "`replaces \"1086/QĐ-UBND\" item \"A.1\"` ends the versions whose `source` is that decision and item, the day before the new decision takes effect. A misspelt number or item would end nothing, silently, so it is an error; the suggestion is never an item this decision already amends. Numbers are compared as folder names are (`1086/QD-UBND` is `1086/QĐ-UBND`). A whole decision the catalogue does not hold (`replaces \"766/QĐ-UBND\"`), or a part of it as printed (`part \"Mục II Phần B\"`), is allowed: it predates the catalogue. A part written as text of a decision the catalogue does hold is an error: name its items.",
    explanation_vi: "`replaces \"1086/QĐ-UBND\" item \"A.1\"` chấm dứt các phiên bản có `source` là quyết định và mục đó, vào ngày trước ngày quyết định mới có hiệu lực. Viết sai số hoặc mục thì không chấm dứt gì cả mà không ai hay, nên đây là lỗi; gợi ý không bao giờ là mục mà quyết định này đã sửa đổi. Số quyết định được so như tên thư mục (`1086/QD-UBND` là `1086/QĐ-UBND`). Thay thế cả một quyết định không có trong danh mục (`replaces \"766/QĐ-UBND\"`), hoặc một phần của nó như bản in (`part \"Mục II Phần B\"`), thì được: quyết định đó có trước danh mục. Ghi một phần bằng lời cho quyết định có trong danh mục là lỗi: hãy ghi các mục.",
    example: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  repeals \"1086/QĐ-UBND\" item \"B.11\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by desk 1 day\n}\n",
    fixed: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  repeals \"1086/QĐ-UBND\" item \"B.1\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by desk 1 day\n}\n",
};

/// One error per target item that does not exist.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in &cx.catalogue.decisions {
        for a in &d.amends {
            let known = cx.catalogue.decision(&a.decision).is_some();
            if a.part.is_some() && known {
                // A part as printed ("Mục II Phần B") cannot say which versions end.
                let items: Vec<String> = items_of(cx, &a.decision)
                    .into_iter()
                    .map(|i| format!("`{i}`"))
                    .collect();
                out.push(Diagnostic::new(
                    &RULE,
                    a.loc,
                    Text::new(
                        format!("decision {} is in the catalogue, so a part written as text cannot say which of its versions end", a.decision),
                        format!("Quyết định {} có trong danh mục nên một phần ghi bằng lời không cho biết phiên bản nào chấm dứt", a.decision),
                    ),
                    Text::new(
                        format!("name the items instead, one target each (`\"{}\" item \"A.1\"`); its items are {}", a.decision, words::list(&items).en),
                        format!("hãy ghi từng mục (`\"{}\" item \"A.1\"`); các mục của nó là {}", a.decision, words::list(&items).vi),
                    ),
                ));
                continue;
            }
            let Some(item) = &a.item else { continue };
            if !known {
                unknown_decision(cx, a, item, out);
            } else if !cx.unread.sources && cx.versions().all(|(_, v)| !v.gaps.source) {
                // (A procedure or `source` set aside may be that item's.)
                unknown_item(cx, d, a, item, out);
            }
        }
    }
}

/// The items of a decision that versions of the catalogue come from, in the decision's
/// order.
fn items_of<'a>(cx: &Context<'a>, decision: &str) -> Vec<&'a str> {
    let mut items: Vec<&str> = cx
        .versions()
        .filter(|(_, v)| v.source.decision == decision)
        .map(|(_, v)| v.source.item.as_str())
        .collect();
    items.sort_by_key(|i| crate::model::item_order(i));
    items.dedup();
    items
}

/// An item the decision (which the catalogue holds) has no version from. The suggestion
/// is never an item that this decision already amends: taking it would replace one item
/// twice and leave the one meant untouched.
fn unknown_item(
    cx: &Context<'_>,
    d: &crate::model::Decision,
    a: &crate::model::Amendment,
    item: &str,
    out: &mut Vec<Diagnostic>,
) {
    let items = items_of(cx, &a.decision);
    if items.contains(&item) {
        return;
    }
    let taken = |i: &str| {
        d.amends
            .iter()
            .any(|o| o.decision == a.decision && o.item.as_deref() == Some(i))
    };
    let free: Vec<&str> = items.iter().copied().filter(|i| !taken(i)).collect();
    let candidate = suggest(item, free.iter().copied());
    let help = match candidate {
        Some(s) => words::did_you_mean(s),
        None => Text::new(
            format!(
                "check the item number against decision {}; the items not yet amended here are {}",
                a.decision,
                words::list(&quoted(&free)).en
            ),
            format!(
                "đối chiếu số mục với Quyết định {}; các mục chưa được sửa đổi ở đây là {}",
                a.decision,
                words::list(&quoted(&free)).vi
            ),
        ),
    };
    let diagnostic = Diagnostic::new(
        &RULE,
        a.loc,
        Text::new(
            format!("no procedure in the catalogue comes from item `{item}` of decision {}", a.decision),
            format!("không thủ tục nào trong danh mục lấy từ mục `{item}` của Quyết định {}", a.decision),
        ),
        help,
    );
    out.push(match (candidate, a.item_loc) {
        (Some(s), Some(at)) => diagnostic.with_replacement(at.span, format!("\"{s}\"")),
        _ => diagnostic,
    });
}

/// An item of a decision the catalogue does not hold. The help never proposes to name
/// the whole decision instead: that would drop the item's amendment without a word.
fn unknown_decision(
    cx: &Context<'_>,
    a: &crate::model::Amendment,
    item: &str,
    out: &mut Vec<Diagnostic>,
) {
    let numbers: Vec<&str> = cx
        .catalogue
        .decisions
        .iter()
        .map(|d| d.number.as_str())
        .collect();
    let candidate = suggest(&a.decision, numbers.iter().copied());
    let help = match candidate {
        Some(c) => Text::new(
            format!("did you mean \"{c}\"?"),
            format!("có phải bạn định viết \"{c}\"?"),
        ),
        None => Text::new(
            format!(
                "check the number against the decisions the catalogue holds ({}); a decision older than the catalogue has no items here: write what it amends as printed, `\"{}\" part \"…\"`",
                words::list(&quoted(&numbers)).en,
                a.decision
            ),
            format!(
                "đối chiếu số với các quyết định có trong danh mục ({}); quyết định có trước danh mục thì không có mục ở đây: hãy ghi phần bị sửa đổi như bản in, `\"{}\" part \"…\"`",
                words::list(&quoted(&numbers)).vi,
                a.decision
            ),
        ),
    };
    let diagnostic = Diagnostic::new(
        &RULE,
        a.loc,
        Text::new(
            format!("decision {} is not in the catalogue, so its item `{item}` cannot be replaced or repealed", a.decision),
            format!("Quyết định {} không có trong danh mục nên không thể thay thế hoặc bãi bỏ mục `{item}` của nó", a.decision),
        ),
        help,
    );
    out.push(match candidate {
        Some(c) => diagnostic.with_replacement(a.decision_loc.span, format!("\"{c}\"")),
        None => diagnostic,
    });
}

fn quoted(items: &[&str]) -> Vec<String> {
    items.iter().map(|i| format!("`{i}`")).collect()
}
