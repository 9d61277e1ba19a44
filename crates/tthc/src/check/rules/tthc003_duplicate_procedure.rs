//! TTHC003: two procedures with the same id.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC003",
    name: "duplicate-procedure",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "Two procedures have the same id.",
    summary_vi: "Hai thủ tục trùng mã định danh.",
    explanation_en: "Other systems ask for a procedure by its id, so each id must name exactly one procedure. To record a change over time, add a `version` block to the existing procedure instead of a second procedure.",
    explanation_vi: "Các hệ thống khác tra cứu thủ tục theo mã định danh, nên mỗi mã chỉ được dùng cho một thủ tục. Muốn ghi nhận thay đổi theo thời gian, hãy thêm khối `version` vào thủ tục đã có thay vì viết thủ tục thứ hai.",
    example: "procedure dang-ky-khai-sinh {\n  name \"Thủ tục đăng ký khai sinh\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total same day, cutoff 15:00\n  step receive \"Tiếp nhận, giải quyết\" by desk\n}\nprocedure dang-ky-khai-sinh {\n  name \"Thủ tục đăng ký khai sinh\"\n  authority commune\n  source \"2000/QĐ-UBND\" item \"1\"\n  total same day, cutoff 15:00\n  step receive \"Tiếp nhận, giải quyết\" by desk\n}\n",
    fixed: "procedure dang-ky-khai-sinh {\n  name \"Thủ tục đăng ký khai sinh\"\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-06-30\n    total same day, cutoff 15:00\n    step receive \"Tiếp nhận, giải quyết\" by desk\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total same day, cutoff 15:00\n    step receive \"Tiếp nhận, giải quyết\" by desk\n  }\n}\n",
};

/// Reports every procedure whose id was already used.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    super::declared_twice(
        &RULE,
        cx.procedures().map(|p| (p.id.as_str(), p.loc)),
        &Text::new("procedure", "thủ tục"),
        &Text::new(
            "give this procedure another id, or merge the two as `version` blocks of one procedure",
            "đặt mã khác cho thủ tục này, hoặc gộp hai khai báo thành các khối `version` của một thủ tục",
        ),
        out,
    );
}
