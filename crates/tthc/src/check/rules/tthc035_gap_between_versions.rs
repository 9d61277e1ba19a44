//! TTHC035: days between two versions of a procedure when neither is in force.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{Text, words};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC035",
    name: "gap-between-versions",
    severity: Severity::Warning,
    kind: super::Kind::Model(check),
    summary_en: "Between two versions of a procedure there are days when neither is in force.",
    summary_vi: "Giữa hai phiên bản của một thủ tục có những ngày không phiên bản nào có hiệu lực.",
    explanation_en: "A case received in the gap has no deadline. Usually the earlier version's `until` is one day too early (a replaced version ends the day before the replacing decision takes effect), or the version that applied in between is missing.",
    explanation_vi: "Hồ sơ tiếp nhận trong khoảng trống không tính được thời hạn. Thường là `until` của phiên bản trước sớm hơn một ngày (phiên bản bị thay thế kết thúc vào ngày trước ngày quyết định thay thế có hiệu lực), hoặc thiếu phiên bản áp dụng trong khoảng đó.",
    example: "  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-05-31\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
    fixed: "  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-06-30\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
};

/// One warning per gap, at the later version.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // When a version or an amendment was set aside, what is in force is not known.
    if cx.unread.sources || cx.unread.amendments {
        return;
    }
    for p in cx.procedures().filter(|p| p.versions.iter().all(|v| !v.gaps.dates)) {
        let mut versions: Vec<_> = p.versions.iter().collect();
        versions.sort_by_key(|v| v.valid_from);
        for pair in versions.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(first_free) = a.valid_until.and_then(|u| u.succ_opt()) else {
                continue;
            };
            if first_free >= b.valid_from {
                continue;
            }
            let last_free = b.valid_from.pred_opt().unwrap_or(first_free);
            let (f, l) = (words::date(first_free), words::date(last_free));
            out.push(
                Diagnostic::new(
                    &RULE,
                    b.loc,
                    Text::new(
                        format!("no version of `{}` is in force from {} to {}", p.id, f.en, l.en),
                        format!("thủ tục `{}` không có phiên bản nào có hiệu lực từ ngày {} đến ngày {}", p.id, f.vi, l.vi),
                    ),
                    Text::new(
                        format!("end the earlier version on {} (`until {}`), the day before this one starts, or add the version that applied in between", l.en, last_free),
                        format!("cho phiên bản trước kết thúc ngày {} (`until {}`), ngày trước khi phiên bản này bắt đầu, hoặc thêm phiên bản áp dụng trong khoảng đó", l.vi, last_free),
                    ),
                )
                .with_label(a.loc, Text::new("the earlier version", "phiên bản trước")),
            );
        }
    }
}
