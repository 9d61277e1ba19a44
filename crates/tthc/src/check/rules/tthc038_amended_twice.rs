//! TTHC038: one item replaced twice, or both replaced and repealed.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Amendment, Decision};
use crate::text::{Text, words};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC038",
    name: "amended-twice",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "An item (or a whole decision) of the catalogue is replaced or repealed twice, or both replaced and repealed.",
    summary_vi: "Một mục (hoặc cả một quyết định) trong danh mục bị thay thế hoặc bãi bỏ hai lần, hoặc vừa bị thay thế vừa bị bãi bỏ.",
    explanation_en: "`replaces` and `repeals` end the versions that come from the item they name, the day before the amending decision takes effect, and record which decision ended them. An item named twice leaves that record wrong (and a repeal beside a replacement contradicts it: a replaced item has a new version, a repealed one has none). Keep the one the decision prints. When a later decision amends an item that an earlier amendment already replaced, it amends the version now in force: name the item of the decision that replaced it (`replaces \"2222/QĐ-UBND\" item \"1\"`).",
    explanation_vi: "`replaces` và `repeals` chấm dứt các phiên bản lấy từ mục được ghi, vào ngày trước ngày quyết định sửa đổi có hiệu lực, và ghi nhận quyết định nào chấm dứt chúng. Một mục được ghi hai lần làm ghi nhận đó sai (còn bãi bỏ bên cạnh thay thế thì mâu thuẫn: mục bị thay thế có phiên bản mới, mục bị bãi bỏ thì không). Hãy giữ điều mà quyết định in. Khi một quyết định sau sửa đổi một mục mà quyết định trước đã thay thế, nó sửa đổi phiên bản đang có hiệu lực: hãy ghi mục của quyết định đã thay thế (`replaces \"2222/QĐ-UBND\" item \"1\"`).",
    example: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  replaces \"1086/QĐ-UBND\" item \"B.1\"\n  repeals \"1086/QĐ-UBND\" item \"B.1\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by desk 1 day\n}\n",
    fixed: "decision \"2001/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  repeals \"1086/QĐ-UBND\" item \"B.1\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by desk 1 day\n}\n",
};

/// One error per amendment that names again what an earlier one (earlier in effect, then
/// in the files) already names.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Only targets the catalogue holds end versions; a part as printed ends nothing.
    let mut all: Vec<(&Decision, &Amendment)> = cx
        .catalogue
        .decisions
        .iter()
        .flat_map(|d| d.amends.iter().map(move |a| (d, a)))
        .filter(|(_, a)| a.part.is_none() && cx.catalogue.decision(&a.decision).is_some())
        .collect();
    all.sort_by_key(|(d, a)| (d.effective, a.loc.file, a.loc.span.start));
    for (j, (later_by, later)) in all.iter().enumerate() {
        let Some((first_by, first)) = all[..j].iter().find(|(_, a)| {
            a.decision == later.decision
                && (a.item.is_none() || later.item.is_none() || a.item == later.item)
        }) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &RULE,
                later.loc,
                message(first_by, first, later_by, later),
                help(cx, first_by, first, later_by, later),
            )
            .with_label(first.loc, Text::new("first amended here", "sửa đổi lần đầu ở đây")),
        );
    }
}

/// "item `A.1` of decision 1086/QĐ-UBND" or "decision 1086/QĐ-UBND".
fn target(a: &Amendment) -> Text {
    match &a.item {
        Some(i) => Text::new(
            format!("item `{i}` of decision {}", a.decision),
            format!("mục `{i}` của Quyết định {}", a.decision),
        ),
        None => Text::new(
            format!("decision {}", a.decision),
            format!("Quyết định {}", a.decision),
        ),
    }
}

fn verb(a: &Amendment) -> Text {
    if a.repeal {
        Text::new("repealed", "bãi bỏ")
    } else {
        Text::new("replaced", "thay thế")
    }
}

fn verb_now(a: &Amendment) -> Text {
    if a.repeal {
        Text::new("repeals", "bãi bỏ")
    } else {
        Text::new("replaces", "thay thế")
    }
}

fn message(first_by: &Decision, first: &Amendment, later_by: &Decision, later: &Amendment) -> Text {
    let (t, v1, v2) = (target(later), verb(first), verb_now(later));
    let whole = (first.item.is_none() != later.item.is_none()).then(|| target(first));
    let what = match &whole {
        Some(w) => Text::new(
            format!("{} (part of {})", t.en, w.en),
            format!("{} (thuộc {})", t.vi, w.vi),
        ),
        None => t,
    };
    if first_by.number == later_by.number {
        if first.repeal == later.repeal {
            Text::new(
                format!("this decision {} {} twice", v2.en, what.en),
                format!("quyết định này {} {} hai lần", v2.vi, what.vi),
            )
        } else {
            Text::new(
                format!("this decision both replaces and repeals {}", what.en),
                format!("quyết định này vừa thay thế vừa bãi bỏ {}", what.vi),
            )
        }
    } else {
        Text::new(
            format!(
                "{} was already {} by decision {} (in effect from {}); this decision {} it again",
                what.en,
                v1.en,
                first_by.number,
                words::date(first_by.effective).en,
                v2.en
            ),
            format!(
                "{} đã bị {} bởi Quyết định {} (có hiệu lực từ {}); quyết định này lại {}",
                what.vi,
                v1.vi,
                first_by.number,
                words::date(first_by.effective).vi,
                v2.vi
            ),
        )
    }
}

fn help(
    cx: &Context<'_>,
    first_by: &Decision,
    first: &Amendment,
    later_by: &Decision,
    later: &Amendment,
) -> Text {
    if first_by.number != later_by.number && !first.repeal {
        // The items of the replacing decision that took the place of the target, when the
        // catalogue holds their versions.
        let items: Vec<String> = cx
            .procedures()
            .filter(|p| {
                p.versions.iter().any(|v| {
                    v.source.decision == first.decision
                        && first.item.as_ref().is_none_or(|i| *i == v.source.item)
                })
            })
            .flat_map(|p| &p.versions)
            .filter(|v| v.source.decision == first_by.number)
            .map(|v| format!("`\"{}\" item \"{}\"`", first_by.number, v.source.item))
            .collect();
        let name = match items.as_slice() {
            [] => Text::new(
                format!("`\"{}\" item \"…\"`", first_by.number),
                format!("`\"{}\" item \"…\"`", first_by.number),
            ),
            _ => words::choice(&items),
        };
        return Text::new(
            format!(
                "a later decision amends the version now in force: name the item of decision {} that replaced it, {}, or remove this target",
                first_by.number, name.en
            ),
            format!(
                "quyết định sau sửa đổi phiên bản đang có hiệu lực: hãy ghi mục của Quyết định {} đã thay thế nó, {}, hoặc bỏ mục này",
                first_by.number, name.vi
            ),
        );
    }
    if first.repeal != later.repeal {
        return Text::new(
            "a replaced item gets a new version and a repealed one has none: keep the one the decision prints",
            "mục bị thay thế có phiên bản mới, mục bị bãi bỏ thì không: hãy giữ điều mà quyết định in",
        );
    }
    Text::new(
        "name each item once: remove this target",
        "mỗi mục chỉ ghi một lần: hãy bỏ mục này",
    )
}
