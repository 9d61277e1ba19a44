//! TTHC003: two procedures with the same id.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use std::collections::HashMap;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC003",
    name: "duplicate-procedure",
    severity: Severity::Error,
    summary_en: "Two procedures have the same id.",
    summary_vi: "Hai thủ tục trùng mã định danh.",
    explanation_en: "Other systems ask for a procedure by its id, so each id must name exactly one procedure. To record a change over time, add a `version` block to the existing procedure instead of a second procedure.",
    explanation_vi: "Các hệ thống khác tra cứu thủ tục theo mã định danh, nên mỗi mã chỉ được dùng cho một thủ tục. Muốn ghi nhận thay đổi theo thời gian, hãy thêm khối `version` vào thủ tục đã có thay vì viết thủ tục thứ hai.",
    example: "procedure dang-ky-khai-sinh { … }\nprocedure dang-ky-khai-sinh { … }\n",
    fixed: "procedure dang-ky-khai-sinh {\n  version 2024 { … }\n  version 2025 { … }\n}\n",
};

/// Reports every procedure whose id was already used.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first = HashMap::new();
    for p in &cx.catalogue.procedures {
        if let Some(prev) = first.get(p.id.as_str()) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    p.loc,
                    Text::new(
                        format!("procedure `{}` is declared twice", p.id),
                        format!("thủ tục `{}` được khai báo hai lần", p.id),
                    ),
                    Text::new(
                        "give this procedure another id, or merge the two as `version` blocks of one procedure",
                        "đặt mã khác cho thủ tục này, hoặc gộp hai khai báo thành các khối `version` của một thủ tục",
                    ),
                )
                .with_label(*prev, Text::new("first declared here", "khai báo lần đầu ở đây")),
            );
        } else {
            first.insert(p.id.as_str(), p.loc);
        }
    }
}
