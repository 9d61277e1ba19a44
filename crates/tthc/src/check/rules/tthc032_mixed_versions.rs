//! TTHC032: a procedure mixing `version` blocks with version statements written directly in it.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC032",
    name: "mixed-version-forms",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A procedure has `version` blocks and also steps or times written outside them.",
    summary_vi: "Thủ tục có khối `version` nhưng vẫn ghi bước hoặc thời gian bên ngoài các khối đó.",
    explanation_en: "A procedure with one version may write its source, times and steps directly; once it has `version` blocks, everything that changes over time belongs inside a block, so that it is clear which version it belongs to.",
    explanation_vi: "Thủ tục chỉ có một phiên bản có thể ghi trực tiếp nguồn, thời gian và các bước; khi đã có khối `version` thì mọi thứ thay đổi theo thời gian phải nằm trong một khối, để rõ thuộc phiên bản nào.",
    example: "procedure p {\n  name \"Thủ tục mẫu\"\n  total 3 days\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    total 3 days\n    step receive \"Tiếp nhận\" by desk 3 days\n  }\n}\n",
    fixed: "procedure p {\n  name \"Thủ tục mẫu\"\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    total 3 days\n    step receive \"Tiếp nhận\" by desk 3 days\n  }\n}\n",
};

/// A diagnostic for a statement outside the version blocks.
pub fn diagnostic(stmt: Loc, first_block: Loc) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        stmt,
        Text::new(
            "this statement is outside the procedure's `version` blocks",
            "câu lệnh này nằm ngoài các khối `version` của thủ tục",
        ),
        Text::new(
            "move it into the `version` block it belongs to",
            "chuyển câu lệnh vào khối `version` tương ứng",
        ),
    )
    .with_label(
        first_block,
        Text::new("a version block", "một khối version"),
    )
}
