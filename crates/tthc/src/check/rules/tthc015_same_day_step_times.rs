//! TTHC015: a same-day procedure whose steps have times, or a step said to be "same day".

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::Amount;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC015",
    name: "same-day-with-step-times",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A same-day procedure gives its steps times, or a step's time is written as `same day`.",
    summary_vi: "Thủ tục giải quyết trong ngày lại ghi thời gian cho các bước, hoặc thời gian của một bước ghi là `same day`.",
    explanation_en: "A same-day procedure is resolved on the day of receipt (the next working day after the cutoff); its steps share that day and have no times of their own. Times in days belong to procedures whose total is in days.",
    explanation_vi: "Thủ tục giải quyết trong ngày được trả kết quả ngay trong ngày tiếp nhận (ngày làm việc tiếp theo nếu nhận sau giờ giới hạn); các bước dùng chung ngày đó và không có thời gian riêng. Thời gian tính bằng ngày chỉ dùng cho thủ tục có tổng thời gian tính bằng ngày.",
    example: "  total same day, cutoff 15:00\n  step receive \"Tiếp nhận\" by desk 0,5 day\n",
    fixed: "  total same day, cutoff 15:00\n  step receive \"Tiếp nhận\" by desk\n",
};

/// Reports step times in same-day cases.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v, s) in cx.steps().filter(|(_, v, _)| !v.gaps.total) {
        let amounts = s
            .timing
            .base
            .iter()
            .map(|b| (None, b))
            .chain(s.timing.variants.iter().map(|(n, a)| (Some(n.as_str()), a)));
        for (case, a) in amounts {
            let total_same_day = matches!(
                v.total.for_variant(case).map(|t| t.value),
                Some(Amount::SameDay)
            );
            if a.value == Amount::SameDay {
                out.push(Diagnostic::new(
                    &RULE,
                    a.loc,
                    Text::new(
                        format!("step `{}` is given `same day` as its time", s.id),
                        format!("bước `{}` ghi thời gian là `same day`", s.id),
                    ),
                    Text::new(
                        "write `same day` on the total only and leave the steps without times",
                        "chỉ ghi `same day` ở dòng total và để các bước không có thời gian",
                    ),
                ));
            } else if total_same_day {
                let mut d = Diagnostic::new(
                    &RULE,
                    a.loc,
                    Text::new(
                        format!(
                            "step `{}` has a time but the procedure is resolved the same day",
                            s.id
                        ),
                        format!(
                            "bước `{}` có thời gian riêng nhưng thủ tục giải quyết trong ngày",
                            s.id
                        ),
                    ),
                    Text::new(
                        "remove the step's time, or write the total in days if the decision does",
                        "xóa thời gian của bước, hoặc ghi tổng thời gian bằng ngày nếu quyết định ghi như vậy",
                    ),
                );
                if let Some(t) = v.total.for_variant(case) {
                    d = d.with_label(
                        t.loc,
                        Text::new("same day here", "giải quyết trong ngày ở đây"),
                    );
                }
                out.push(d);
            }
        }
    }
}
