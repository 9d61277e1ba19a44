//! TTHC013: a step gives a time for a case the total does not mention.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC013",
    name: "variant-only-on-step",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A step gives a time for a case (e.g. `verification`) that the total does not.",
    summary_vi: "Một bước ghi thời gian cho một trường hợp (ví dụ `verification`) mà tổng thời gian không ghi.",
    explanation_en: "When a step takes longer in some case, the whole procedure does too, and the citizen's receipt must show that longer time. Add the case to the `total` line with the sum of the steps in that case.",
    explanation_vi: "Khi một bước kéo dài hơn trong một trường hợp thì cả thủ tục cũng vậy, và giấy hẹn phải ghi thời hạn dài hơn đó. Hãy thêm trường hợp này vào dòng `total` với tổng thời gian các bước trong trường hợp đó.",
    example: "  total 3 days\n  step receive \"Tiếp nhận\" by desk 1 day\n  step appraise \"Thẩm định\" by officer 2 days, verification 22 days\n",
    fixed: "  total 3 days, verification 23 days\n  step receive \"Tiếp nhận\" by desk 1 day\n  step appraise \"Thẩm định\" by officer 2 days, verification 22 days\n",
};

/// Reports step variants the total lacks.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.times()) {
        let Some(total_loc) = v.total.base.as_ref().map(|b| b.loc) else {
            continue;
        };
        for s in &v.steps {
            for (name, a) in &s.timing.variants {
                if v.total.exact(Some(name)).is_none() {
                    out.push(
                        Diagnostic::new(
                            &RULE,
                            a.loc,
                            Text::new(
                                format!("step `{}` has a `{name}` time but the total does not", s.id),
                                format!("bước `{}` có thời gian cho trường hợp `{name}` nhưng tổng thời gian thì không", s.id),
                            ),
                            Text::new(
                                format!("add `, {name} <days>` to the total: the steps' sum in that case"),
                                format!("thêm `, {name} <số ngày>` vào dòng total: tổng thời gian các bước trong trường hợp đó"),
                            ),
                        )
                        .with_label(total_loc, Text::new("the total", "tổng thời gian")),
                    );
                }
            }
        }
    }
}
