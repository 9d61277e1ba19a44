//! TTHC031 (warning): a decision that takes effect before it is signed.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC031",
    name: "effective-before-signed",
    severity: Severity::Warning,
    kind: super::Kind::Model(check),
    summary_en: "A decision takes effect before the day it was signed.",
    summary_vi: "Quyết định có hiệu lực trước ngày ký.",
    explanation_en: "Administrative decisions normally take effect on or after signing (\"có hiệu lực kể từ ngày ký\"). An earlier effective date is almost always a typo; if the decision really is retroactive, this warning can be accepted.",
    explanation_vi: "Quyết định hành chính thường có hiệu lực từ ngày ký hoặc sau đó (\"có hiệu lực kể từ ngày ký\"). Ngày hiệu lực sớm hơn hầu như luôn do gõ nhầm; nếu quyết định thật sự hồi tố thì có thể bỏ qua cảnh báo này.",
    example: "  signed 2024-04-09\n  effective 2024-04-08\n",
    fixed: "  signed 2024-04-09\n  effective 2024-04-09\n",
};

/// Reports decisions effective before signing.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in &cx.catalogue.decisions {
        if d.effective < d.signed {
            out.push(Diagnostic::new(
                &RULE,
                d.effective_loc,
                Text::new(
                    format!(
                        "decision \"{}\" takes effect on {} but was signed on {}",
                        d.number, d.effective, d.signed
                    ),
                    format!(
                        "quyết định \"{}\" có hiệu lực ngày {} nhưng ký ngày {}",
                        d.number,
                        d.effective.format("%d/%m/%Y"),
                        d.signed.format("%d/%m/%Y")
                    ),
                ),
                Text::new(
                    "check both dates against the signed text (Điều on hiệu lực thi hành)",
                    "đối chiếu hai ngày với văn bản đã ký (điều khoản về hiệu lực thi hành)",
                ),
            ));
        }
    }
}
