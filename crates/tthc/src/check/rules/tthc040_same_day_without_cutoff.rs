//! TTHC040: a same-day count whose procedure states no cutoff.

use super::{Context, case_text};
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::Amount;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC040",
    name: "same-day-without-cutoff",
    severity: Severity::Warning,
    kind: super::Kind::Model(check),
    summary_en: "A same-day time states no cutoff, so it would rely on the calendar's default by accident.",
    summary_vi: "Thời hạn trong ngày không ghi giờ chốt, nên sẽ dựa vào giờ chốt mặc định của lịch một cách vô tình.",
    explanation_en: "Whether a same-day file received late in the afternoon is due the same day or the next working day depends on the cutoff (\"trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo\"). A same-day procedure, or a same-day case of one, must say which rule it follows: `cutoff 15:00` as the decision prints it, or `cutoff none`. When the decision prints no rule, write the one you apply and say why in an `interpreted` note, so nobody relies on the calendar's default without knowing it.",
    explanation_vi: "Hồ sơ trong ngày nhận vào cuối buổi chiều phải trả trong ngày hay ngày làm việc tiếp theo là do giờ chốt quyết định (\"trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo\"). Thủ tục trong ngày, hoặc trường hợp trong ngày của một thủ tục, phải ghi rõ: `giờ chốt 15:00` như quyết định in, hoặc `giờ chốt không`. Khi quyết định không in quy tắc này, hãy ghi quy tắc đang áp dụng và lý do trong một ghi chú `diễn giải`, để không ai vô tình dựa vào giờ chốt mặc định của lịch.",
    example: "  total same day\n",
    fixed: "  total same day, cutoff 15:00\n",
};

/// Reports every same-day count (the ordinary case, or a named case) that states no
/// cutoff of its own or on the total.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (p, v) in cx.versions() {
        let on_total = v.total.cutoff.is_some();
        let counts = v
            .total
            .base
            .iter()
            .map(|a| (None, a))
            .chain(v.total.variants.iter().map(|(n, a)| (Some(n.as_str()), a)));
        for (case, a) in counts {
            if a.value != Amount::SameDay {
                continue;
            }
            let own = case
                .and_then(|id| v.variants.iter().find(|d| d.id == id))
                .is_some_and(|d| d.cutoff.is_some());
            if on_total || own {
                continue;
            }
            let c = case_text(case);
            let (where_en, where_vi) = match case {
                None => (
                    "after `same day` on the total: `total same day, cutoff 15:00`".to_string(),
                    "sau `trong ngày` ở dòng tổng: `tổng trong ngày, giờ chốt 15:00`".to_string(),
                ),
                Some(id) => (
                    format!("on the case's declaration: `variant {id} \"…\" cutoff 15:00`"),
                    format!("ở dòng khai báo trường hợp: `trường hợp {id} \"…\" giờ chốt 15:00`"),
                ),
            };
            out.push(Diagnostic::new(
                &RULE,
                a.loc,
                Text::new(
                    format!(
                        "{} of `{}` is same day but states no cutoff: the calendar's default would apply without anyone deciding it",
                        capitalise(&c.en),
                        p.id
                    ),
                    format!(
                        "{} của `{}` giải quyết trong ngày nhưng không ghi giờ chốt: giờ chốt mặc định của lịch sẽ được áp dụng mà không ai quyết định",
                        capitalise(&c.vi),
                        p.id
                    ),
                ),
                Text::new(
                    format!(
                        "write the cutoff the decision prints {where_en} (or `cutoff none`); when the decision prints none, write the one you apply and say why with `interpreted`"
                    ),
                    format!(
                        "ghi giờ chốt như quyết định in {where_vi} (hoặc `giờ chốt không`); nếu quyết định không in, ghi giờ chốt đang áp dụng và lý do bằng `diễn giải`"
                    ),
                ),
            ));
        }
    }
}

fn capitalise(s: &str) -> String {
    crate::text::words::capitalise(s)
}
