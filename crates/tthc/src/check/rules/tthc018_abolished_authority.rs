//! TTHC018: a version in force after its authority level was abolished.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::text::words;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC018",
    name: "abolished-authority",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A version names an authority level that no longer exists during its validity (e.g. `district` on or after 2025-07-01).",
    summary_vi: "Phiên bản dùng cấp có thẩm quyền đã bị bãi bỏ trong thời gian hiệu lực (ví dụ cấp huyện từ 01/7/2025).",
    explanation_en: "From 1 July 2025 Vietnam has two levels of local government: the district level was abolished and its procedures reassigned. A version decided at district level must end by then (`until 2025-06-30`, or a later decision's `replaces`), and a version that starts on or after that day (a new decision's, as `tthc new version` copies it from the old one) must name the level that took over (`authority commune`) and give its steps that level's roles (TTHC037): it cannot end before it starts.",
    explanation_vi: "Từ 01/7/2025 chính quyền địa phương có hai cấp: cấp huyện bị bãi bỏ và các thủ tục được giao lại. Phiên bản thuộc thẩm quyền cấp huyện phải kết thúc trước ngày đó (`until 2025-06-30`, hoặc `replaces` của quyết định sau), còn phiên bản bắt đầu từ ngày đó trở đi (của quyết định mới, như `tthc new version` chép từ phiên bản cũ) phải ghi cấp tiếp nhận thẩm quyền (`authority commune`) và giao các bước cho vai trò của cấp đó (TTHC037): phiên bản không thể kết thúc trước khi bắt đầu.",
    example: "  authority district\n  source \"1086/QĐ-UBND\" item \"A.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by district-desk 1 day\n",
    fixed: "  authority district\n  source \"1086/QĐ-UBND\" item \"A.1\"\n  until 2025-06-30\n  total 1 day\n  step receive \"Tiếp nhận\" by district-desk 1 day\n",
};

/// Reports versions whose validity reaches their authority's abolition. The fix depends
/// on the version: one that starts before the abolition ends the day before it (`until`);
/// one that starts on or after it (a new version copied from the old one by `tthc new
/// version`, say) cannot end before it starts, so it must name a level that exists.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions() {
        if v.gaps.dates || v.gaps.authority {
            continue;
        }
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
        let starts_after = v.valid_from >= gone;
        let message = if starts_after {
            Text::new(
                format!(
                    "authority `{}` ({}) was abolished on {gone}, but this version starts on {}",
                    a.id, a.title, v.valid_from
                ),
                format!(
                    "cấp `{}` ({}) bị bãi bỏ từ {}, nhưng phiên bản này bắt đầu ngày {}",
                    a.id,
                    a.title,
                    gone.format("%d/%m/%Y"),
                    v.valid_from.format("%d/%m/%Y")
                ),
            )
        } else {
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
            )
        };
        // The levels that exist on the version's first day.
        let existing: Vec<&str> = cx
            .catalogue
            .authorities
            .iter()
            .filter(|x| x.abolished.is_none_or(|g| g > v.valid_from))
            .map(|x| x.id.as_str())
            .collect();
        let named: Vec<String> = existing.iter().map(|x| format!("`{x}`")).collect();
        let help = if starts_after {
            Text::new(
                format!(
                    "this version starts after the level was abolished: name the level that took its procedures over, `authority {}`{}, and give its steps that level's roles",
                    existing.first().copied().unwrap_or("…"),
                    if existing.len() > 1 {
                        format!(" (levels that exist then: {})", words::choice(&named).en)
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "phiên bản này bắt đầu sau khi cấp đó bị bãi bỏ: hãy ghi cấp tiếp nhận thẩm quyền, `authority {}`{}, và giao các bước cho vai trò của cấp đó",
                    existing.first().copied().unwrap_or("…"),
                    if existing.len() > 1 {
                        format!(" (các cấp còn tồn tại khi đó: {})", words::choice(&named).vi)
                    } else {
                        String::new()
                    }
                ),
            )
        } else {
            Text::new(
                format!(
                    "end this version with `until {last}` and add a version with the level that took over (a new decision's version, in its own folder)"
                ),
                format!(
                    "kết thúc phiên bản này bằng `until {last}` và thêm phiên bản mới với cấp tiếp nhận thẩm quyền (phiên bản của quyết định mới, trong thư mục riêng của nó)"
                ),
            )
        };
        let d = Diagnostic::new(&RULE, v.authority_loc, message, help)
            .with_label(a.loc, Text::new("abolished here", "ngày bãi bỏ khai báo ở đây"));
        out.push(match (starts_after, existing.as_slice()) {
            (true, [only]) => d.with_replacement(v.authority_loc.span, *only),
            _ => d,
        });
    }
}
