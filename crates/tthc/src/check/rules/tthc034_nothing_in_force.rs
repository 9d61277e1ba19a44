//! TTHC034: on the date checked, no version of a procedure is in force.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lifespan::Absence;
use crate::text::{Text, words};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC034",
    name: "nothing-in-force",
    severity: Severity::Warning,
    kind: super::Kind::Model(check),
    summary_en: "On the date checked (`tthc check --at`, default today), no version of a procedure is in force.",
    summary_vi: "Vào ngày kiểm tra (`tthc check --at`, mặc định hôm nay), thủ tục không có phiên bản nào có hiệu lực.",
    explanation_en: "A case received on that date has no deadline: `tthc due` and the API refuse it. Usually a later decision now governs the procedure (the district level was abolished on 1 July 2025, for example) and its version has not been added yet: add a `version` block with that decision as its `source`. `tthc list --at DATE` shows what is in force on a date, `tthc diff --at D1 --at D2` what changed. A catalogue that knowingly stops at a date is checked with `--at` a date it covers (see the README, \"For CI\").",
    explanation_vi: "Hồ sơ tiếp nhận vào ngày đó không tính được thời hạn: `tthc due` và API từ chối. Thường là một quyết định mới đã thay thế (ví dụ cấp huyện bị bãi bỏ từ 01/7/2025) mà phiên bản theo quyết định đó chưa được thêm: hãy thêm một khối `version` có `source` là quyết định đó. `tthc list --at NGÀY` liệt kê những gì có hiệu lực vào một ngày, `tthc diff --at N1 --at N2` những gì thay đổi. Danh mục cố ý chỉ áp dụng đến một ngày thì kiểm tra với `--at` một ngày nằm trong phạm vi đó (xem README, \"For CI\").",
    example: "  # checked on 2026-01-05\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-06-30\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
    fixed: "  # checked on 2026-01-05\n  version 2024 {\n    authority commune\n    source \"1086/QĐ-UBND\" item \"B.1\"\n    until 2025-06-30\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n  version 2025 {\n    authority commune\n    source \"2000/QĐ-UBND\" item \"1\"\n    total 1 day\n    step receive \"Tiếp nhận\" by desk 1 day\n  }\n",
};

/// One warning per procedure with nothing in force on the date checked, at the version
/// nearest to it; none for a procedure whose last version a later decision repealed (it
/// is meant to have nothing in force). `tthc list` counts the same set
/// ([`crate::lifespan::Absence::is_intended`]).
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(at) = cx.options.at else { return };
    // When a version or an amendment was set aside, what is in force is not known.
    if cx.unread.sources || cx.unread.amendments {
        return;
    }
    for p in cx.procedures() {
        // A version whose dates were not all read says nothing sure about the date.
        if p.versions.iter().any(|v| v.gaps.dates) {
            continue;
        }
        let Some(absence) = Absence::of(p, at) else {
            continue;
        };
        if absence.is_intended(cx.catalogue) {
            continue;
        }
        let near = match absence {
            Absence::NotYet { first } => first,
            Absence::Gap { ended, .. } => ended,
            Absence::Ended { last } => last,
        };
        let (on, why) = (words::date(at), absence.text(cx.catalogue));
        out.push(Diagnostic::new(
            &RULE,
            near.loc,
            Text::new(
                format!("no version of `{}` is in force on {}: {}", p.id, on.en, why.en),
                format!("thủ tục `{}` không có phiên bản nào có hiệu lực vào ngày {}: {}", p.id, on.vi, why.vi),
            ),
            Text::new(
                "add a `version` block with the decision that governs it on that date as its `source`",
                "thêm một khối `version` có `source` là quyết định áp dụng vào ngày đó",
            ),
        ));
    }
}
