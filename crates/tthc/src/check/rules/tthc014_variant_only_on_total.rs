//! TTHC014: the total gives a time for a case no step mentions.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC014",
    name: "variant-only-on-total",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "The total gives a time for a case (e.g. `verification`) but no step says which step takes the extra time.",
    summary_vi: "Tổng thời gian ghi một trường hợp (ví dụ `verification`) nhưng không bước nào cho biết bước nào được thêm thời gian.",
    explanation_en: "When the steps have their own times, each step's due time must be computable in every case. Say which step gets the longer time (usually the appraisal), e.g. `2 days, verification 22 days`, when the decision prints it. When the decision gives the case's time to the procedure as a whole and prints no step's share, say so with `undivided` after it on the total (`verification 10 days undivided`): every step is then due when the procedure is, and no share is invented. Procedures whose steps have no times are exempt.",
    explanation_vi: "Khi các bước có thời gian riêng, phải tính được hạn của từng bước trong mọi trường hợp. Hãy ghi bước nào được thêm thời gian (thường là bước thẩm định), ví dụ `2 days, verification 22 days`, khi quyết định có in. Khi quyết định chỉ ghi thời gian của trường hợp cho cả thủ tục mà không in phần của bước nào, hãy ghi `không chia` sau thời gian đó ở dòng tổng (`cần xác minh 10 ngày không chia`): khi đó mọi bước có hạn bằng hạn của thủ tục, không tự đặt ra phần của bước nào. Thủ tục mà các bước không có thời gian riêng thì không áp dụng.",
    example: "  total 3 days, verification 23 days\n  step receive \"Tiếp nhận\" by desk 1 day\n  step appraise \"Thẩm định\" by officer 2 days\n",
    fixed: "  total 3 days, verification 23 days\n  step receive \"Tiếp nhận\" by desk 1 day\n  step appraise \"Thẩm định\" by officer 2 days, verification 22 days\n",
};

/// Reports total variants no step names, when the steps are timed.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.times()) {
        if v.steps.iter().all(|s| s.timing.is_empty()) {
            continue;
        }
        for (name, a) in &v.total.variants {
            if v.is_undivided(Some(name)) {
                continue;
            }
            if !v.steps.iter().any(|s| s.timing.exact(Some(name)).is_some()) {
                out.push(Diagnostic::new(
                    &RULE,
                    a.loc,
                    Text::new(
                        format!("the total has a `{name}` time but no step says which step takes it"),
                        format!("tổng thời gian có trường hợp `{name}` nhưng không bước nào ghi thời gian cho trường hợp này"),
                    ),
                    Text::new(
                        format!("add `, {name} <days>` to the step that takes longer (usually `appraise`) when the decision prints it; when it prints no step's share, write `undivided` after the total's `{name}` time"),
                        format!("thêm `, {name} <số ngày>` vào bước kéo dài hơn (thường là bước thẩm định `appraise`) nếu quyết định có in; nếu quyết định không in phần của bước nào, ghi `không chia` sau thời gian `{name}` ở dòng tổng"),
                    ),
                ));
            }
        }
    }
}
