//! TTHC030 (warning): a declared case that no time uses.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC030",
    name: "unused-variant",
    severity: Severity::Warning,
    kind: super::Kind::Model(check),
    summary_en: "A case declared with `variant` is given no time anywhere.",
    summary_vi: "Trường hợp khai báo bằng `variant` không được ghi thời gian ở đâu cả.",
    explanation_en: "A declared case without times behaves exactly like the ordinary case, which is rarely what the decision says. Give the total (and the step that takes longer) a time for it, or remove the declaration.",
    explanation_vi: "Trường hợp đã khai báo mà không có thời gian thì giống hệt trường hợp thông thường, hiếm khi đúng ý quyết định. Hãy ghi thời gian cho trường hợp này ở dòng total (và ở bước kéo dài hơn), hoặc xóa khai báo.",
    example: "  variant appointed \"Giám hộ cử\"\n  total 3 days\n",
    fixed: "  variant appointed \"Giám hộ cử\"\n  total 3 days, appointed 5 days\n",
};

/// Reports declared variants never used.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.times()) {
        for d in &v.variants {
            let Some(loc) = d.loc else { continue };
            let used = v.total.exact(Some(&d.id)).is_some()
                || v.steps
                    .iter()
                    .any(|s| s.timing.exact(Some(&d.id)).is_some());
            if !used {
                out.push(Diagnostic::new(
                    &RULE,
                    loc,
                    Text::new(
                        format!("case `{}` is declared but given no time", d.id),
                        format!(
                            "trường hợp `{}` được khai báo nhưng không có thời gian",
                            d.id
                        ),
                    ),
                    Text::new(
                        format!(
                            "add `, {} <days>` to the total, or remove the declaration",
                            d.id
                        ),
                        format!(
                            "thêm `, {} <số ngày>` vào dòng total, hoặc xóa khai báo",
                            d.id
                        ),
                    ),
                ));
            }
        }
    }
}
