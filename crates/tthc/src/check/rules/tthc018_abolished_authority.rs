//! TTHC018: a version in force after its authority level was abolished.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC018",
    name: "abolished-authority",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A version names an authority level that no longer exists during its validity (e.g. `district` on or after 2025-07-01).",
    summary_vi: "Phiên bản dùng cấp có thẩm quyền đã bị bãi bỏ trong thời gian hiệu lực (ví dụ cấp huyện từ 01/7/2025).",
    explanation_en: "From 1 July 2025 Vietnam has two levels of local government: the district level was abolished and its procedures reassigned. A version decided at district level must end (`until 2025-06-30`) and a new version must name the level that took over.",
    explanation_vi: "Từ 01/7/2025 chính quyền địa phương có hai cấp: cấp huyện bị bãi bỏ và các thủ tục được giao lại. Phiên bản thuộc thẩm quyền cấp huyện phải kết thúc (`until 2025-06-30`) và phiên bản mới phải ghi cấp tiếp nhận thẩm quyền.",
    example: "  authority district\n  source \"1086/QĐ-UBND\" item \"A.1\"\n",
    fixed: "  authority district\n  source \"1086/QĐ-UBND\" item \"A.1\"\n  until 2025-06-30\n",
};

/// Reports versions whose validity reaches their authority's abolition.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions() {
        let Some(a) = cx.catalogue.authority(&v.authority) else {
            continue;
        };
        let Some(gone) = a.abolished else { continue };
        if v.valid_until.is_some_and(|u| u < gone) {
            continue;
        }
        let last = gone.pred_opt().unwrap_or(gone);
        let until = match v.valid_until {
            Some(u) => Text::new(
                format!("until {u}"),
                format!("đến {}", u.format("%d/%m/%Y")),
            ),
            None => Text::new("with no end date", "không có ngày kết thúc"),
        };
        out.push(
            Diagnostic::new(
                &RULE,
                v.authority_loc,
                Text::new(
                    format!(
                        "authority `{}` ({}) was abolished on {gone}, but this version is in force {}",
                        a.id, a.title, until.en
                    ),
                    format!(
                        "cấp `{}` ({}) bị bãi bỏ từ {}, nhưng phiên bản này có hiệu lực {}",
                        a.id,
                        a.title,
                        gone.format("%d/%m/%Y"),
                        until.vi
                    ),
                ),
                Text::new(
                    format!("end this version with `until {last}` and add a version with the level that took over"),
                    format!("kết thúc phiên bản này bằng `until {last}` và thêm phiên bản mới với cấp tiếp nhận thẩm quyền"),
                ),
            )
            .with_label(a.loc, Text::new("abolished here", "ngày bãi bỏ khai báo ở đây")),
        );
    }
}
