//! TTHC020: a total of zero days.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::Amount;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC020",
    name: "zero-total",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A total of zero days.",
    summary_vi: "Tổng thời gian bằng 0 ngày.",
    explanation_en: "A procedure resolved on the day of receipt is written `same day` (with its cutoff), not `0 days`; a zero total would put the appointment at the moment of receipt.",
    explanation_vi: "Thủ tục giải quyết ngay trong ngày tiếp nhận được ghi `same day` (kèm giờ giới hạn), không ghi `0 days`; tổng bằng 0 sẽ đặt ngày hẹn trả đúng lúc tiếp nhận.",
    example: "  total 0 days\n",
    fixed: "  total same day, cutoff 15:00\n",
};

/// Reports zero totals in any case.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions() {
        let all = v
            .total
            .base
            .iter()
            .chain(v.total.variants.iter().map(|(_, a)| a));
        for a in all {
            if let Amount::Days(d) = a.value
                && d.is_zero()
            {
                out.push(Diagnostic::new(
                    &RULE,
                    a.loc,
                    Text::new("the total is zero days", "tổng thời gian bằng 0 ngày"),
                    Text::new(
                        "write the time the decision gives; for same-day procedures write `same day, cutoff 15:00`",
                        "ghi thời gian quyết định quy định; thủ tục trong ngày ghi `same day, cutoff 15:00`",
                    ),
                ));
            }
        }
    }
}
