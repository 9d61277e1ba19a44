//! TTHC017: two versions of one procedure in force on the same day.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::Version;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC017",
    name: "overlapping-versions",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "Two versions of a procedure are in force on the same day.",
    summary_vi: "Hai phiên bản của một thủ tục cùng có hiệu lực trong một ngày.",
    explanation_en: "The deadline of a case is computed with the version in force on its receipt date, so on any day at most one version may be in force. When the later version comes from a later decision, that decision says what it replaces, in its own declaration (`replaces \"1086/QĐ-UBND\" item \"B.1\"`): the earlier version then ends the day before it takes effect, and the earlier decision's files, which are a record, stay as they are. Two versions of one decision are ended with `until` the day before the later one starts (`from`, or its decision's effective date).",
    explanation_vi: "Thời hạn của hồ sơ được tính theo phiên bản có hiệu lực vào ngày tiếp nhận, nên mỗi ngày chỉ được có tối đa một phiên bản có hiệu lực. Khi phiên bản sau lấy từ một quyết định sau, chính quyết định đó ghi điều nó thay thế, trong khai báo của nó (`replaces \"1086/QĐ-UBND\" item \"B.1\"`): phiên bản trước khi đó kết thúc vào ngày trước ngày quyết định sau có hiệu lực, còn tệp của quyết định trước là hồ sơ, giữ nguyên. Hai phiên bản của cùng một quyết định thì cho phiên bản trước kết thúc bằng `until` vào ngày trước khi phiên bản sau bắt đầu (`from`, hoặc ngày hiệu lực của quyết định).",
    example: "decision \"2000/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n}\n",
    fixed: "decision \"2000/QĐ-UBND\" {\n  signed 2025-06-25\n  effective 2025-07-01\n  issuer \"Chủ tịch UBND tỉnh Quảng Ninh\"\n  replaces \"1086/QĐ-UBND\" item \"B.1\"\n}\nprocedure p {\n  name \"Thủ tục mẫu\"\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n}\n",
};

/// Reports each pair of overlapping versions once. The fix proposed is the one that
/// keeps the signed record intact: when the later version comes from a later decision,
/// that decision says what it replaces; only two versions of one decision are ended with
/// `until`.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // When an amendment was set aside, which versions end when is not known.
    if cx.unread.amendments {
        return;
    }
    for p in &cx.catalogue.procedures {
        for (i, a) in p.versions.iter().enumerate() {
            if a.gaps.dates {
                continue;
            }
            for b in p.versions[i + 1..].iter().filter(|b| !b.gaps.dates) {
                let starts_before_a_ends = a.valid_until.is_none_or(|u| b.valid_from <= u);
                let a_starts_before_b_ends = b.valid_until.is_none_or(|u| a.valid_from <= u);
                if !(starts_before_a_ends && a_starts_before_b_ends) {
                    continue;
                }
                let (earlier, later) = if b.valid_from < a.valid_from {
                    (b, a)
                } else {
                    (a, b)
                };
                let from = a.valid_from.max(b.valid_from);
                let name =
                    |v: &Version| v.label.clone().unwrap_or_else(|| p.id.clone());
                let amending = (earlier.source.decision != later.source.decision)
                    .then(|| cx.catalogue.decision(&later.source.decision))
                    .flatten();
                let help = match amending {
                    Some(d) => {
                        let line = format!(
                            "replaces \"{}\" item \"{}\"",
                            earlier.source.decision, earlier.source.item
                        );
                        Text::new(
                            format!(
                                "if decision {} replaces item {} of decision {}, say so in its declaration: `{line}` (the earlier version then ends on {} by itself; its decision's files are a record, leave them as they are)",
                                d.number,
                                earlier.source.item,
                                earlier.source.decision,
                                d.effective.pred_opt().unwrap_or(d.effective)
                            ),
                            format!(
                                "nếu Quyết định {} thay thế mục {} của Quyết định {}, hãy ghi trong khai báo của nó: `{line}` (phiên bản trước khi đó tự kết thúc ngày {}; tệp của quyết định trước là hồ sơ, giữ nguyên)",
                                d.number,
                                earlier.source.item,
                                earlier.source.decision,
                                d.effective
                                    .pred_opt()
                                    .unwrap_or(d.effective)
                                    .format("%d/%m/%Y")
                            ),
                        )
                    }
                    None => Text::new(
                        "end the earlier version with `until` the day before the later one starts",
                        "thêm `until` cho phiên bản trước, kết thúc vào ngày trước khi phiên bản sau bắt đầu",
                    ),
                };
                let mut d = Diagnostic::new(
                    &RULE,
                    later.loc,
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
                    help,
                )
                .with_label(earlier.loc, Text::new("the other version", "phiên bản kia"));
                if let Some(dec) = amending {
                    d = d.with_label(
                        dec.loc,
                        Text::new(
                            "the decision that would say what it replaces",
                            "quyết định cần ghi điều nó thay thế",
                        ),
                    );
                }
                out.push(d);
            }
        }
    }
}
