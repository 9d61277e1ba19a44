//! TTHC037: a step performed by a role of another authority level than its version's.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{Text, words};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC037",
    name: "role-of-another-level",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A step is performed by a role that belongs to another authority level than the version's (a district role in a commune-level version, say).",
    summary_vi: "Bước do vai trò thuộc cấp thẩm quyền khác với cấp của phiên bản thực hiện (ví dụ vai trò cấp huyện trong phiên bản cấp xã).",
    explanation_en: "A role is declared with the level it belongs to (`role commune-leader \"Lãnh đạo UBND cấp xã\" authority commune`), and a version with the level that decides (`authority commune`). A step of a commune-level version performed by a district officer is almost always a copy of an older version not yet brought up to date, such as `tthc new version` writes when a decision moves a procedure to another level; and a role of a level abolished on the version's dates (the district level from 1 July 2025) cannot perform anything. Give the step a role of the version's level. A role that works for several levels (a postal worker, say) is declared without `authority`.",
    explanation_vi: "Vai trò được khai báo kèm cấp của nó (`role commune-leader \"Lãnh đạo UBND cấp xã\" authority commune`), phiên bản kèm cấp có thẩm quyền giải quyết (`authority commune`). Bước của phiên bản cấp xã do công chức cấp huyện thực hiện hầu như luôn là bản chép từ phiên bản cũ chưa được sửa, như `tthc new version` tạo ra khi quyết định chuyển thủ tục sang cấp khác; còn vai trò của cấp đã bị bãi bỏ trong thời gian hiệu lực của phiên bản (cấp huyện từ 01/7/2025) thì không thể thực hiện gì. Hãy giao bước cho vai trò của cấp của phiên bản. Vai trò làm việc cho nhiều cấp (như nhân viên bưu chính) thì khai báo không có `authority`.",
    example: "  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by district-desk 1 day\n",
    fixed: "  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 1 day\n  step receive \"Tiếp nhận\" by desk 1 day\n",
};

/// One error per role named on a step (each of `by a / b`) whose level is not its
/// version's. A role of the version's own abolished level is TTHC018's finding.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v, s) in cx.steps() {
        // An unknown level is TTHC008's finding.
        if v.gaps.authority || cx.catalogue.authority(&v.authority).is_none() {
            continue;
        }
        let named = std::iter::once((s.role.as_str(), s.role_loc))
            .chain(s.other_roles.iter().map(|r| (r.id.as_str(), r.loc)));
        for (id, loc) in named {
            let Some(role) = cx.catalogue.role(id) else {
                continue;
            };
            let Some(level) = role.authority.as_deref() else {
                continue;
            };
            if level == v.authority {
                continue;
            }
            let Some(authority) = cx.catalogue.authority(level) else {
                continue;
            };
            let version_level = cx
                .catalogue
                .authority(&v.authority)
                .map_or(String::new(), |a| format!("`{}` ({})", a.id, a.title));
            let abolished = authority
                .abolished
                .filter(|g| !v.gaps.dates && v.valid_until.is_none_or(|u| u >= *g));
            let (why_en, why_vi) = match abolished {
                Some(g) if v.valid_from >= g => (
                    format!(", abolished on {} before this version starts", words::date(g).en),
                    format!(", đã bị bãi bỏ từ {} trước khi phiên bản này bắt đầu", words::date(g).vi),
                ),
                Some(g) => (
                    format!(", abolished on {} while this version is in force", words::date(g).en),
                    format!(", bị bãi bỏ từ {} khi phiên bản này còn hiệu lực", words::date(g).vi),
                ),
                None => (String::new(), String::new()),
            };
            // The roles of the version's level, the one that plays the same part first
            // (`district-leader` → `commune-leader`).
            let part = id.strip_prefix(&format!("{level}-")).unwrap_or(id);
            let mut candidates: Vec<&str> = cx
                .catalogue
                .roles
                .iter()
                .filter(|r| r.authority.as_deref() == Some(v.authority.as_str()))
                .map(|r| r.id.as_str())
                .collect();
            let same_part = candidates
                .iter()
                .copied()
                .find(|c| c.strip_prefix(&format!("{}-", v.authority)).unwrap_or(c) == part);
            if let Some(c) = same_part {
                candidates.retain(|x| *x != c);
                candidates.insert(0, c);
            }
            let listed: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            let help = match (same_part, candidates.is_empty()) {
                (Some(c), _) => Text::new(
                    format!("use the same role of the version's level: `{c}`"),
                    format!("hãy dùng vai trò tương ứng của cấp của phiên bản: `{c}`"),
                ),
                (None, false) => Text::new(
                    format!("give it a role of the version's level: {}", words::choice(&listed).en),
                    format!("hãy giao cho vai trò của cấp của phiên bản: {}", words::choice(&listed).vi),
                ),
                (None, true) => Text::new(
                    format!(
                        "declare the roles of level `{}` (`role ID \"<Vietnamese title>\" authority {}`) and give it one",
                        v.authority, v.authority
                    ),
                    format!(
                        "hãy khai báo vai trò của cấp `{}` (`role MÃ \"<tên tiếng Việt>\" authority {}`) và giao cho một vai trò đó",
                        v.authority, v.authority
                    ),
                ),
            };
            let d = Diagnostic::new(
                &RULE,
                loc,
                Text::new(
                    format!(
                        "`{id}` is a role of `{level}` ({}){why_en}, but this version is decided at {version_level}",
                        authority.title
                    ),
                    format!(
                        "`{id}` là vai trò của cấp `{level}` ({}){why_vi}, nhưng phiên bản này thuộc thẩm quyền {version_level}",
                        authority.title
                    ),
                ),
                help,
            )
            .with_label(role.loc, Text::new("declared here", "khai báo ở đây"));
            out.push(match same_part {
                Some(c) => d.with_replacement(loc.span, c),
                None => d,
            });
        }
    }
}
