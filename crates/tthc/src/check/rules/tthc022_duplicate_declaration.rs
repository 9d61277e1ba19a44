//! TTHC022: a role, authority or variant declared twice.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;
use std::collections::HashMap;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC022",
    name: "duplicate-declaration",
    severity: Severity::Error,
    summary_en: "A role, authority level or case is declared twice.",
    summary_vi: "Một bộ phận, cấp có thẩm quyền hoặc trường hợp được khai báo hai lần.",
    explanation_en: "Declarations give an id one Vietnamese title; two declarations of one id could disagree. Keep one.",
    explanation_vi: "Mỗi khai báo gán cho một mã một tên tiếng Việt; hai khai báo cùng mã có thể mâu thuẫn. Hãy giữ một.",
    example: "role commune-leader \"Lãnh đạo UBND cấp xã\"\nrole commune-leader \"Chủ tịch UBND cấp xã\"\n",
    fixed: "role commune-leader \"Lãnh đạo UBND cấp xã\"\n",
};

fn dupes<'a>(
    items: impl Iterator<Item = (&'a str, Loc)>,
    what: (&str, &str),
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, Loc> = HashMap::new();
    for (id, loc) in items {
        if let Some(prev) = first.get(id) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    loc,
                    Text::new(
                        format!("{} `{id}` is declared twice", what.0),
                        format!("{} `{id}` được khai báo hai lần", what.1),
                    ),
                    Text::new(
                        "remove one of the two declarations",
                        "xóa một trong hai khai báo",
                    ),
                )
                .with_label(
                    *prev,
                    Text::new("first declared here", "khai báo lần đầu ở đây"),
                ),
            );
        } else {
            first.insert(id, loc);
        }
    }
}

/// Reports repeated declarations.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let c = cx.catalogue;
    dupes(
        c.roles.iter().map(|r| (r.id.as_str(), r.loc)),
        ("role", "bộ phận"),
        out,
    );
    dupes(
        c.authorities.iter().map(|a| (a.id.as_str(), a.loc)),
        ("authority", "cấp có thẩm quyền"),
        out,
    );
    for p in &c.procedures {
        for v in &p.versions {
            dupes(
                v.variants
                    .iter()
                    .filter_map(|d| d.loc.map(|l| (d.id.as_str(), l))),
                ("case", "trường hợp"),
                out,
            );
        }
    }
}
