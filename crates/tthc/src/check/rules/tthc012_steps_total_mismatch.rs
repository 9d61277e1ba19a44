//! TTHC012: the steps' times do not add up to the total, in some case.

use super::{Context, amount_text, case_text, days_text};
use crate::days::Days;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::{Amount, Version};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC012",
    name: "steps-do-not-add-up",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "The steps' times do not add up to the procedure's total.",
    summary_vi: "Tổng thời gian các bước không bằng thời gian giải quyết của thủ tục.",
    explanation_en: "For the ordinary case and for every variant, the times of the steps must add up to the total: a step that names the variant counts with that time, other steps with their ordinary time, a step without a time counts nothing. A mismatch usually means a number was mistyped or a cell of the decision's table was read from the wrong row. The message lists every step's part and the sum.",
    explanation_vi: "Với trường hợp thông thường và mỗi trường hợp khác, tổng thời gian các bước phải bằng tổng thời gian giải quyết: bước có ghi trường hợp đó tính theo thời gian riêng, bước khác tính thời gian thông thường, bước không ghi thời gian tính bằng 0. Không khớp thường do gõ sai số hoặc đọc nhầm dòng trong bảng của quyết định. Thông báo liệt kê phần của từng bước và tổng.",
    example: "  total 3 days\n  step receive \"Tiếp nhận\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 2 days\n  step approve \"Phê duyệt\" by leader 1 day\n",
    fixed: "  total 3 days\n  step receive \"Tiếp nhận\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 2 days\n  step approve \"Phê duyệt\" by leader 0,5 day\n",
};

/// The cases a version's sums are checked in: ordinary, then each variant the total names.
fn cases(v: &Version) -> impl Iterator<Item = Option<&str>> {
    std::iter::once(None).chain(v.total.variants.iter().map(|(n, _)| Some(n.as_str())))
}

/// A step gives a time for a case whose time the total keeps undivided.
fn undivided_but_divided(
    v: &Version,
    case: Option<&str>,
    at: crate::syntax::source::Loc,
    step: &str,
) -> Diagnostic {
    let case_t = case_text(case);
    let total = v.total.exact(case).map_or(at, |a| a.loc);
    Diagnostic::new(
        &RULE,
        at,
        Text::new(
            format!(
                "step `{step}` gives a time for {}, which the total keeps undivided",
                case_t.en
            ),
            format!(
                "bước `{step}` ghi thời gian cho {}, trong khi dòng tổng ghi thời gian này không chia cho các bước",
                case_t.vi
            ),
        ),
        Text::new(
            "remove the step's time for this case, or remove `undivided` from the total when the decision does divide it",
            "bỏ thời gian của trường hợp này ở bước, hoặc bỏ `không chia` ở dòng tổng nếu quyết định có chia cho các bước",
        ),
    )
    .with_label(
        total,
        Text::new("kept undivided here", "ghi không chia ở đây"),
    )
}

/// Reports every case whose step times do not add up to the total.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions() {
        if v.gaps.times() || v.steps.iter().all(|s| s.timing.is_empty()) {
            continue;
        }
        for case in cases(v) {
            let Some(total) = v.total.exact(case) else {
                continue;
            };
            let Amount::Days(total_days) = total.value else {
                continue;
            };
            // A variant no step names is TTHC014's finding, not a sum to report.
            if case.is_some() && !v.steps.iter().any(|s| s.timing.exact(case).is_some()) {
                continue;
            }
            // A time the total keeps whole has no parts to add up; a step that claims
            // one contradicts it.
            if v.is_undivided(case) {
                for s in &v.steps {
                    if let Some(a) = s.timing.exact(case) {
                        out.push(undivided_but_divided(v, case, a.loc, &s.id));
                    }
                }
                continue;
            }
            let mut sum = Days::ZERO;
            let mut overflow = false;
            let mut parts = Vec::new();
            let mut shifted: Option<&str> = None;
            for s in &v.steps {
                match s.timing.for_variant(case) {
                    Some(a) => match a.value {
                        Amount::Days(d) => {
                            match sum.checked_add(d) {
                                Some(x) => sum = x,
                                None => overflow = true,
                            }
                            let mut text = days_text(d);
                            if d == total_days {
                                shifted = Some(s.id.as_str());
                                text.en.push_str(": the whole total; was the total printed on this step's row?");
                                text.vi.push_str(": bằng cả tổng thời gian; có phải tổng được in ở dòng của bước này?");
                            }
                            parts.push((a.loc, text));
                        }
                        // Same-day step times are TTHC015's finding.
                        Amount::SameDay => continue,
                    },
                    None => parts.push((
                        s.loc,
                        Text::new(
                            "no time of its own: counts 0",
                            "không có thời gian riêng: tính 0",
                        ),
                    )),
                }
            }
            if sum == total_days && !overflow {
                continue;
            }
            let case_t = case_text(case);
            let sum_t = days_text(sum);
            let total_t = amount_text(total.value);
            let terms: Vec<String> = v
                .steps
                .iter()
                .map(|s| match s.timing.for_variant(case).map(|a| a.value) {
                    Some(Amount::Days(d)) => d.to_string(),
                    _ => "0".to_string(),
                })
                .collect();
            let hint = match shifted {
                Some(step) => Text::new(
                    format!(
                        "; step `{step}` alone has the whole total: extracted tables often print the total on Bước 1's row and each step's time one row low"
                    ),
                    format!(
                        "; riêng bước `{step}` đã bằng cả tổng: bảng trích xuất thường in tổng ở dòng Bước 1 và thời gian mỗi bước lệch xuống một dòng"
                    ),
                ),
                None => Text::new("", ""),
            };
            let mut d = Diagnostic::new(
                &RULE,
                total.loc,
                Text::new(
                    format!(
                        "in {}, the steps add up to {} but the total is {}",
                        case_t.en, sum_t.en, total_t.en
                    ),
                    format!(
                        "trong {}, các bước cộng lại được {} nhưng tổng thời gian là {}",
                        case_t.vi, sum_t.vi, total_t.vi
                    ),
                ),
                Text::new(
                    format!(
                        "{} = {}; correct the total or the step whose time differs from the decision{}",
                        terms.join(" + "),
                        sum,
                        hint.en
                    ),
                    format!(
                        "{} = {}; sửa tổng thời gian hoặc thời gian của bước khác với quyết định{}",
                        terms.join(" + ").replace('.', ","),
                        sum.to_string().replace('.', ","),
                        hint.vi
                    ),
                ),
            );
            for (loc, text) in parts {
                d = d.with_label(loc, text);
            }
            out.push(d);
        }
    }
}
