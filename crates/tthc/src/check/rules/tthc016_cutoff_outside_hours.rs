//! TTHC016: a cutoff time outside working hours.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC016",
    name: "cutoff-outside-working-hours",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A cutoff time falls outside the calendar's working hours.",
    summary_vi: "Giờ giới hạn tiếp nhận nằm ngoài giờ làm việc.",
    explanation_en: "The cutoff (e.g. 15:00, \"nhận hồ sơ sau 15 giờ\") is the time after which a receipt counts from the next working day. A cutoff before opening, after closing or during the lunch break can never be the rule's intent; it is usually a typo (5:00 for 15:00).",
    explanation_vi: "Giờ giới hạn (ví dụ 15:00, \"nhận hồ sơ sau 15 giờ\") là thời điểm mà hồ sơ nhận sau đó được tính từ ngày làm việc tiếp theo. Giờ giới hạn trước giờ mở cửa, sau giờ đóng cửa hay trong giờ nghỉ trưa không thể là ý của quy định; thường do gõ nhầm (5:00 thay vì 15:00).",
    example: "  total same day, cutoff 5:00\n",
    fixed: "  total same day, cutoff 15:00\n",
};

/// Reports cutoffs outside every working session.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let hours = &cx.options.working_hours;
    let list: Vec<String> = hours
        .iter()
        .map(|(a, b)| format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")))
        .collect();
    // The procedure's cutoff and every case's own.
    let cutoffs = cx.versions().flat_map(|(_, v)| {
        v.total
            .cutoff
            .iter()
            .chain(v.variants.iter().filter_map(|d| d.cutoff.as_ref()))
    });
    for c in cutoffs {
        let Some(time) = c.value.time() else { continue };
        if hours
            .iter()
            .any(|(open, close)| time > *open && time <= *close)
        {
            continue;
        }
        let at = time.format("%H:%M");
        out.push(Diagnostic::new(
            &RULE,
            c.loc,
            Text::new(
                format!("cutoff {at} is outside working hours ({})", list.join(", ")),
                format!(
                    "giờ giới hạn {at} nằm ngoài giờ làm việc ({})",
                    list.join(", ")
                ),
            ),
            Text::new(
                "use the time the decision gives, within working hours, e.g. 15:00",
                "dùng giờ quyết định quy định, trong giờ làm việc, ví dụ 15:00",
            ),
        ));
    }
}
