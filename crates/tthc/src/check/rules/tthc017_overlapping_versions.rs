//! TTHC017: two versions of one procedure in force on the same day.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC017",
    name: "overlapping-versions",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "Two versions of a procedure are in force on the same day.",
    summary_vi: "Hai phiên bản của một thủ tục cùng có hiệu lực trong một ngày.",
    explanation_en: "The deadline of a case is computed with the version in force on its receipt date, so on any day at most one version may be in force. End the earlier version (`until`) the day before the later one starts (`from`, or its decision's effective date).",
    explanation_vi: "Thời hạn của hồ sơ được tính theo phiên bản có hiệu lực vào ngày tiếp nhận, nên mỗi ngày chỉ được có tối đa một phiên bản có hiệu lực. Hãy cho phiên bản trước kết thúc (`until`) vào ngày trước khi phiên bản sau bắt đầu (`from`, hoặc ngày hiệu lực của quyết định).",
    example: "  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
    fixed: "  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-06-30\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
};

/// Reports each pair of overlapping versions once.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for p in &cx.catalogue.procedures {
        for (i, a) in p.versions.iter().enumerate() {
            for b in &p.versions[i + 1..] {
                let starts_before_a_ends = a.valid_until.is_none_or(|u| b.valid_from <= u);
                let a_starts_before_b_ends = b.valid_until.is_none_or(|u| a.valid_from <= u);
                if !(starts_before_a_ends && a_starts_before_b_ends) {
                    continue;
                }
                let from = a.valid_from.max(b.valid_from);
                let name =
                    |v: &crate::model::Version| v.label.clone().unwrap_or_else(|| p.id.clone());
                out.push(
                    Diagnostic::new(
                        &RULE,
                        b.loc,
                        Text::new(
                            format!(
                                "versions `{}` and `{}` of `{}` are both in force from {from}",
                                name(a),
                                name(b),
                                p.id
                            ),
                            format!(
                                "phiên bản `{}` và `{}` của `{}` cùng có hiệu lực từ {}",
                                name(a),
                                name(b),
                                p.id,
                                from.format("%d/%m/%Y")
                            ),
                        ),
                        Text::new(
                            "end the earlier version with `until` the day before the later one starts",
                            "thêm `until` cho phiên bản trước, kết thúc vào ngày trước khi phiên bản sau bắt đầu",
                        ),
                    )
                    .with_label(a.loc, Text::new("the other version", "phiên bản kia")),
                );
            }
        }
    }
}
