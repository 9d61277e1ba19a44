//! TTHC005: one decision declared twice.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use std::collections::HashMap;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC005",
    name: "duplicate-decision",
    severity: Severity::Error,
    summary_en: "The same decision is declared twice.",
    summary_vi: "Một quyết định được khai báo hai lần.",
    explanation_en: "A decision's dates decide when the procedures it sets are in force; two declarations could disagree, so keep one (conventionally in `decision.tthc` of the decision's folder).",
    explanation_vi: "Ngày hiệu lực của quyết định xác định thời gian áp dụng các thủ tục; hai khai báo có thể mâu thuẫn, nên chỉ giữ một (thường trong tệp `decision.tthc` của thư mục quyết định).",
    example: "decision \"1086/QĐ-UBND\" { … }\ndecision \"1086/QĐ-UBND\" { … }\n",
    fixed: "decision \"1086/QĐ-UBND\" { … }\n",
};

/// Reports decisions whose number was already declared.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first = HashMap::new();
    for d in &cx.catalogue.decisions {
        if let Some(prev) = first.get(d.number.as_str()) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    d.loc,
                    Text::new(
                        format!("decision \"{}\" is declared twice", d.number),
                        format!("quyết định \"{}\" được khai báo hai lần", d.number),
                    ),
                    Text::new(
                        "remove one of the two declarations",
                        "xóa một trong hai khai báo",
                    ),
                )
                .with_label(
                    *prev,
                    Text::new("first declared here", "khai báo lần đầu ở đây"),
                ),
            );
        } else {
            first.insert(d.number.as_str(), d.loc);
        }
    }
}
