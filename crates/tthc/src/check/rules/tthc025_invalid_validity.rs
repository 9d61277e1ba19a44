//! TTHC025: a validity period that ends before it starts, or starts before its decision takes effect.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC025",
    name: "invalid-validity",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A version ends before it starts, or starts before its decision takes effect.",
    summary_vi: "Phiên bản kết thúc trước khi bắt đầu, hoặc bắt đầu trước ngày quyết định có hiệu lực.",
    explanation_en: "A version is in force from `from` (by default its decision's effective date) to `until`, inclusive. Rules cannot apply before the decision that sets them takes effect.",
    explanation_vi: "Phiên bản có hiệu lực từ `from` (mặc định là ngày hiệu lực của quyết định) đến hết `until`. Quy định không thể áp dụng trước ngày quyết định ban hành nó có hiệu lực.",
    example: "  source \"1086/QĐ-UBND\" item \"B.1\"\n  until 2023-12-31\n",
    fixed: "  source \"1086/QĐ-UBND\" item \"B.1\"\n  until 2025-06-30\n",
};

/// Reports impossible validity periods.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.dates) {
        if let Some(u) = v.valid_until
            && u < v.valid_from
        {
            out.push(Diagnostic::new(
                &RULE,
                v.loc,
                Text::new(
                    format!(
                        "this version ends ({u}) before it starts ({})",
                        v.valid_from
                    ),
                    format!(
                        "phiên bản này kết thúc ({}) trước khi bắt đầu ({})",
                        u.format("%d/%m/%Y"),
                        v.valid_from.format("%d/%m/%Y")
                    ),
                ),
                Text::new(
                    "check the `until` and `from` dates",
                    "kiểm tra ngày `until` và `from`",
                ),
            ));
        }
        if let Some(d) = cx.catalogue.decision(&v.source.decision)
            && v.valid_from < d.effective
        {
            out.push(
                Diagnostic::new(
                    &RULE,
                    v.from_loc,
                    Text::new(
                        format!(
                            "this version starts on {} but decision \"{}\" takes effect on {}",
                            v.valid_from, d.number, d.effective
                        ),
                        format!(
                            "phiên bản này bắt đầu ngày {} nhưng quyết định \"{}\" có hiệu lực từ ngày {}",
                            v.valid_from.format("%d/%m/%Y"),
                            d.number,
                            d.effective.format("%d/%m/%Y")
                        ),
                    ),
                    Text::new(
                        "start the version on or after the decision's effective date",
                        "cho phiên bản bắt đầu từ ngày quyết định có hiệu lực trở đi",
                    ),
                )
                .with_label(d.effective_loc, Text::new("effective date", "ngày có hiệu lực")),
            );
        }
    }
}
