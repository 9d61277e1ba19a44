//! TTHC022: a role, authority or variant declared twice.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC022",
    name: "duplicate-declaration",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A role, authority level or case is declared twice.",
    summary_vi: "Một bộ phận, cấp có thẩm quyền hoặc trường hợp được khai báo hai lần.",
    explanation_en: "Declarations give an id one Vietnamese title; two declarations of one id could disagree. Keep one.",
    explanation_vi: "Mỗi khai báo gán cho một mã một tên tiếng Việt; hai khai báo cùng mã có thể mâu thuẫn. Hãy giữ một.",
    example: "role commune-leader \"Lãnh đạo UBND cấp xã\"\nrole commune-leader \"Chủ tịch UBND cấp xã\"\n",
    fixed: "role commune-leader \"Lãnh đạo UBND cấp xã\"\n",
};

/// Reports repeated declarations.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let c = cx.catalogue;
    let help = Text::new(
        "remove one of the two declarations",
        "xóa một trong hai khai báo",
    );
    super::declared_twice(
        &RULE,
        c.roles.iter().map(|r| (r.id.as_str(), r.loc)),
        &Text::new("role", "bộ phận"),
        &help,
        out,
    );
    super::declared_twice(
        &RULE,
        c.authorities.iter().map(|a| (a.id.as_str(), a.loc)),
        &Text::new("authority", "cấp có thẩm quyền"),
        &help,
        out,
    );
    for (_, v) in cx.versions() {
        super::declared_twice(
            &RULE,
            v.variants
                .iter()
                .filter_map(|d| d.loc.map(|l| (d.id.as_str(), l))),
            &Text::new("case", "trường hợp"),
            &help,
            out,
        );
    }
}
