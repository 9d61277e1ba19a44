//! TTHC002: a date, clock time or number that cannot exist.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC002",
    name: "invalid-value",
    severity: Severity::Error,
    summary_en: "A date, time of day or number of days that cannot exist.",
    summary_vi: "Ngày, giờ hoặc số ngày không thể có.",
    explanation_en: "Dates are YYYY-MM-DD and must exist (no 30 February); times are HH:MM on the 24-hour clock; numbers of days are whole, decimal or fractions without a zero denominator.",
    explanation_vi: "Ngày viết NĂM-THÁNG-NGÀY và phải có thật (không có 30/2); giờ viết GIỜ:PHÚT (24 giờ); số ngày là số nguyên, thập phân hoặc phân số có mẫu khác 0.",
    example: "  signed 2024-02-30\n",
    fixed: "  signed 2024-02-29\n",
};

/// A diagnostic for an impossible value.
pub fn diagnostic(loc: Loc, message: Text, help: Text) -> Diagnostic {
    Diagnostic::new(&RULE, loc, message, help)
}
