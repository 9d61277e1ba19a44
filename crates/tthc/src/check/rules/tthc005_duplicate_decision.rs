//! TTHC005: one decision declared twice.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC005",
    name: "duplicate-decision",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "The same decision is declared twice.",
    summary_vi: "Một quyết định được khai báo hai lần.",
    explanation_en: "A decision's dates decide when the procedures it sets are in force; two declarations could disagree, so keep one (conventionally in `decision.tthc` of the decision's folder).",
    explanation_vi: "Ngày hiệu lực của quyết định xác định thời gian áp dụng các thủ tục; hai khai báo có thể mâu thuẫn, nên chỉ giữ một (thường trong tệp `decision.tthc` của thư mục quyết định).",
    example: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\ndecision \"1086/QĐ-UBND\" {\n  signed 2024-04-19\n  effective 2024-04-19\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\n",
    fixed: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\n",
};

/// Reports decisions whose number was already declared.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::declared_twice(
        &RULE,
        cx.catalogue.decisions.iter().map(|d| (d.number.as_str(), d.loc)),
        &Text::new("decision", "quyết định"),
        &Text::new(
            "remove one of the two declarations",
            "xóa một trong hai khai báo",
        ),
        out,
    );
}
