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
    explanation_en: "`replaces \"1086/QĐ-UBND\" item \"A.1\"` ends the versions whose `source` is that decision and item, the day before the new decision takes effect. A misspelt number or item would end nothing, silently, so it is an error. A whole decision the catalogue does not hold (`replaces \"766/QĐ-UBND\"`), or a part of it as printed (`part \"Mục II Phần B\"`), is allowed: it predates the catalogue. A part written as text of a decision the catalogue does hold is an error: name its items.",
    explanation_vi: "`replaces \"1086/QĐ-UBND\" item \"A.1\"` chấm dứt các phiên bản có `source` là quyết định và mục đó, vào ngày trước ngày quyết định mới có hiệu lực. Viết sai số hoặc mục thì không chấm dứt gì cả mà không ai hay, nên đây là lỗi. Thay thế cả một quyết định không có trong danh mục (`replaces \"766/QĐ-UBND\"`), hoặc một phần của nó như bản in (`part \"Mục II Phần B\"`), thì được: quyết định đó có trước danh mục. Ghi một phần bằng lời cho quyết định có trong danh mục là lỗi: hãy ghi các mục.",
    example: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  replaces \"1086/QĐ-UBND\" item \"B.99\"\n}\n",
    fixed: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  replaces \"1086/QĐ-UBND\"\n}\n",
};

/// One error per target item that does not exist.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in &cx.catalogue.decisions {
        for a in &d.amends {
            if a.part.is_some() && cx.catalogue.decisions.iter().any(|x| x.number == a.decision) {
                // A part as printed ("Mục II Phần B") cannot say which versions end.
                let items: Vec<String> = cx
                    .versions()
                    .filter(|(_, v)| v.source.decision == a.decision)
                    .map(|(_, v)| format!("`{}`", v.source.item))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
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
            let known = cx.catalogue.decisions.iter().any(|x| x.number == a.decision);
            let items: Vec<&str> = cx
                .versions()
                .filter(|(_, v)| v.source.decision == a.decision)
                .map(|(_, v)| v.source.item.as_str())
                .collect();
            if known && items.contains(&item.as_str()) {
                continue;
            }
            let (message, help) = if known {
                let help = match suggest(item, items.iter().copied()) {
                    Some(s) => words::did_you_mean(s),
                    None => Text::new(
                        format!("check the item number against decision {}", a.decision),
                        format!("đối chiếu số mục với Quyết định {}", a.decision),
                    ),
                };
                (
                    Text::new(
                        format!("no procedure in the catalogue comes from item `{item}` of decision {}", a.decision),
                        format!("không thủ tục nào trong danh mục lấy từ mục `{item}` của Quyết định {}", a.decision),
                    ),
                    help,
                )
            } else {
                (
                    Text::new(
                        format!("decision {} is not in the catalogue, so its item `{item}` cannot be replaced or repealed", a.decision),
                        format!("Quyết định {} không có trong danh mục nên không thể thay thế hoặc bãi bỏ mục `{item}` của nó", a.decision),
                    ),
                    Text::new(
                        format!("check the decision number, or name the whole decision: `\"{}\"`", a.decision),
                        format!("kiểm tra số quyết định, hoặc ghi cả quyết định: `\"{}\"`", a.decision),
                    ),
                )
            };
            out.push(Diagnostic::new(&RULE, a.loc, message, help));
        }
    }
}
