//! TTHC024: a required statement is missing (a procedure's name or authority, a decision's dates or issuer).

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC024",
    name: "missing-statement",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A required statement is missing: a procedure's `name` or `authority`, a decision's `signed`, `effective` or `issuer`.",
    summary_vi: "Thiếu câu lệnh bắt buộc: `name` hoặc `authority` của thủ tục, `signed`, `effective` hoặc `issuer` của quyết định.",
    explanation_en: "These facts are printed on receipts and review tables and decide when rules are in force; the catalogue cannot be used without them.",
    explanation_vi: "Các thông tin này được in trên giấy hẹn và bảng đối chiếu, và xác định thời gian áp dụng quy định; thiếu chúng thì không dùng được danh mục.",
    example: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n}\n",
    fixed: "decision \"1086/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\n",
};

/// A diagnostic for a missing `word` in a `block` ("procedure" or "decision").
pub fn diagnostic(loc: Loc, word: &str, block: &str) -> Diagnostic {
    let (block_vi, example) = match (block, word) {
        ("decision", "issuer") => ("quyết định", "issuer \"Chủ tịch UBND tỉnh Quảng Ninh\""),
        ("decision", _) => ("quyết định", "2024-04-09"),
        (_, "name") => ("thủ tục", "name \"Thủ tục đăng ký khai sinh\""),
        _ => ("thủ tục", "authority commune"),
    };
    let example = if example.starts_with(word) {
        example.to_string()
    } else {
        format!("{word} {example}")
    };
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("this {block} has no `{word}`"),
            format!("{block_vi} này thiếu `{word}`"),
        ),
        Text::new(
            format!("add e.g. `{example}`"),
            format!("thêm, ví dụ `{example}`"),
        ),
    )
}
