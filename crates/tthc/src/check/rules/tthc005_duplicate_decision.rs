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
    explanation_en: "A decision's dates decide when the procedures it sets are in force; two declarations could disagree, so keep one (conventionally in `decision.tthc` of the decision's folder). Numbers are compared as the folder names are: `1086/QD-UBND` (D for Đ) or another case is the same decision as `1086/QĐ-UBND`.",
    explanation_vi: "Ngày hiệu lực của quyết định xác định thời gian áp dụng các thủ tục; hai khai báo có thể mâu thuẫn, nên chỉ giữ một (thường trong tệp `decision.tthc` của thư mục quyết định). Số quyết định được so như tên thư mục: `1086/QD-UBND` (D thay Đ) hay viết hoa, viết thường khác đi vẫn là Quyết định `1086/QĐ-UBND`.",
    example: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\ndecision \"1086/QĐ-UBND\" {\n  signed 2024-04-19\n  effective 2024-04-19\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\n",
    fixed: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\n",
};

/// Reports decisions whose number was already declared.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Keyed as numbers are compared (`1086/QD-UBND` is `1086/QĐ-UBND`), shown as the
    // first declaration writes it.
    let keys: Vec<(String, &str)> = cx
        .catalogue
        .decisions
        .iter()
        .map(|d| (crate::text::fold::decision_key(&d.number), d.number.as_str()))
        .collect();
    let first = |key: &str| keys.iter().find(|(k, _)| k == key).map_or("", |(_, n)| *n);
    super::declared_twice(
        &RULE,
        cx.catalogue
            .decisions
            .iter()
            .zip(&keys)
            .map(|(d, (k, _))| (first(k), d.loc)),
        &Text::new("decision", "quyết định"),
        &Text::new(
            "remove one of the two declarations",
            "xóa một trong hai khai báo",
        ),
        out,
    );
}
