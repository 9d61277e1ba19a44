//! TTHC006: a step performed by a role nobody declared.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text, suggest};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC006",
    name: "unknown-role",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A step names a role that is not declared.",
    summary_vi: "Bước dùng bộ phận thực hiện chưa được khai báo.",
    explanation_en: "Roles are declared once (in `roles.tthc`) with their Vietnamese titles, so that a typo is caught instead of silently creating a new role. Use a declared id, or declare the role.",
    explanation_vi: "Bộ phận thực hiện được khai báo một lần (trong `roles.tthc`) kèm tên tiếng Việt, để lỗi gõ sai được phát hiện thay vì âm thầm tạo bộ phận mới. Hãy dùng mã đã khai báo, hoặc khai báo thêm.",
    example: "  total 0,5 day\n  step approve \"Phê duyệt\" by comune-leader 0,5 day\n",
    fixed: "  total 0,5 day\n  step approve \"Phê duyệt\" by commune-leader 0,5 day\n",
};

/// Reports every role a step names (each of `by a / b`) that is not declared, with the
/// closest declared id as a fix when there is one.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let ids = || cx.catalogue.roles.iter().map(|r| r.id.as_str());
    for (_, _, s) in cx.steps() {
        let named = std::iter::once((s.role.as_str(), s.role_loc))
            .chain(s.other_roles.iter().map(|r| (r.id.as_str(), r.loc)));
        for (role, loc) in named {
            if cx.catalogue.role(role).is_some() || cx.unread.may_declare_role(role) {
                continue;
            }
            let candidate = suggest(role, ids());
            let help = match candidate {
                Some(c) => Text::new(
                    format!("did you mean `{c}`?"),
                    format!("có phải bạn định viết `{c}`?"),
                ),
                None => Text::new(
                    format!(
                        "declare it, e.g. `role {role} \"<Vietnamese title>\" authority <level>` in roles.tthc"
                    ),
                    format!(
                        "hãy khai báo, ví dụ `role {role} \"<tên tiếng Việt>\" authority <cấp>` trong roles.tthc"
                    ),
                ),
            };
            let d = Diagnostic::new(
                &RULE,
                loc,
                Text::new(
                    format!("unknown role `{role}`"),
                    format!("bộ phận thực hiện `{role}` chưa được khai báo"),
                ),
                help,
            );
            out.push(match candidate {
                Some(c) => d.with_replacement(loc.span, c),
                None => d,
            });
        }
    }
}
