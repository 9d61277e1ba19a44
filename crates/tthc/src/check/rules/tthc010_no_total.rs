//! TTHC010: a procedure with no total time.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC010",
    name: "no-total",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A procedure has no `total` time.",
    summary_vi: "Thủ tục thiếu tổng thời gian giải quyết (`total`).",
    explanation_en: "The total is the time limit printed on the citizen's receipt. Write it as the decision gives it; where the decision only gives step times, write their sum and say so with `interpreted`.",
    explanation_vi: "Tổng thời gian là thời hạn ghi trên giấy hẹn trả kết quả. Hãy viết như quyết định quy định; nếu quyết định chỉ ghi thời gian từng bước, hãy viết tổng của chúng và ghi chú bằng `interpreted`.",
    example: "  step receive \"Tiếp nhận\" by desk 0,5 day\n",
    fixed: "  total 0,5 day\n  step receive \"Tiếp nhận\" by desk 0,5 day\n",
};

/// A diagnostic for a version without a total.
pub fn diagnostic(loc: Loc) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            "this procedure has no `total` time",
            "thủ tục này thiếu tổng thời gian `total`",
        ),
        Text::new(
            "add e.g. `total 3 days, verification 23 days` or `total same day, cutoff 15:00`",
            "thêm, ví dụ `total 3 days, verification 23 days` hoặc `total same day, cutoff 15:00`",
        ),
    )
}
