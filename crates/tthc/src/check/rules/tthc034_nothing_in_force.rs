//! TTHC034: on the date checked, no version of a procedure is in force.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
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
/// nearest to it.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(at) = cx.options.at else { return };
    // When a version or an amendment was set aside, what is in force is not known.
    if cx.unread.sources || cx.unread.amendments {
        return;
    }
    for p in cx.procedures() {
        if p.versions.is_empty()
            || p.versions.iter().any(|v| v.gaps.dates)
            || p.version_at(at).is_some()
        {
            continue;
        }
        // A procedure a later decision repealed is meant to have nothing in force.
        let last = p.versions.iter().max_by_key(|v| v.valid_until.unwrap_or(chrono::NaiveDate::MAX));
        if last.is_some_and(|v| {
            v.ended_by.as_ref().is_some_and(|e| e.repeal) && v.valid_until.is_some_and(|u| u < at)
        }) {
            continue;
        }
        let ended = p
            .versions
            .iter()
            .filter(|v| v.valid_until.is_some_and(|u| u < at))
            .max_by_key(|v| v.valid_until);
        let next = p
            .versions
            .iter()
            .filter(|v| v.valid_from > at)
            .min_by_key(|v| v.valid_from);
        let on = words::date(at);
        let (why, near) = match (ended, next) {
            (Some(e), Some(n)) => {
                let (u, f) = (words::date(e.valid_until.unwrap_or(at)), words::date(n.valid_from));
                (
                    Text::new(
                        format!("it falls between the version that ended on {} and the one that starts on {}", u.en, f.en),
                        format!("ngày này nằm giữa phiên bản kết thúc ngày {} và phiên bản bắt đầu ngày {}", u.vi, f.vi),
                    ),
                    e,
                )
            }
            (Some(e), None) => {
                let u = words::date(e.valid_until.unwrap_or(at));
                (
                    Text::new(
                        format!(
                            "its last version (item {} of decision {}) ended on {}",
                            e.source.item, e.source.decision, u.en
                        ),
                        format!(
                            "phiên bản cuối (mục {} của Quyết định {}) đã hết hiệu lực ngày {}",
                            e.source.item, e.source.decision, u.vi
                        ),
                    ),
                    e,
                )
            }
            (None, Some(n)) => {
                let f = words::date(n.valid_from);
                (
                    Text::new(
                        format!("its first version starts only on {}", f.en),
                        format!("phiên bản đầu tiên chỉ bắt đầu từ ngày {}", f.vi),
                    ),
                    n,
                )
            }
            (None, None) => continue,
        };
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
