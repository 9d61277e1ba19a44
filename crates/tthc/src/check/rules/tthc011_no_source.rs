//! TTHC011: a procedure that does not say which decision it comes from.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC011",
    name: "no-source",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A procedure does not name its source decision and item.",
    summary_vi: "Thủ tục không ghi quyết định và mục nguồn.",
    explanation_en: "Every number must be traceable to the signed text: the source names the decision and the item of its appendix, and decides from when the version is in force.",
    explanation_vi: "Mọi con số phải truy được về văn bản đã ký: nguồn ghi quyết định và mục trong phụ lục, đồng thời xác định phiên bản có hiệu lực từ khi nào.",
    example: "procedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  total 3 days\n  step receive \"Tiếp nhận\" by desk 3 days\n}\n",
    fixed: "procedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.16\"\n  total 3 days\n  step receive \"Tiếp nhận\" by desk 3 days\n}\n",
};

/// A diagnostic for a version without a source.
pub fn diagnostic(loc: Loc) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            "this procedure does not say which decision it comes from",
            "thủ tục này không ghi quyết định nguồn",
        ),
        Text::new(
            "add `source \"<decision number>\" item \"<item>\"`, e.g. source \"1086/QĐ-UBND\" item \"B.16\"",
            "thêm `source \"<số quyết định>\" item \"<mục>\"`, ví dụ source \"1086/QĐ-UBND\" item \"B.16\"",
        ),
    )
}
