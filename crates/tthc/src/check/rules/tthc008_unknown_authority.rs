//! TTHC008: an authority level that is not declared.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text, suggest};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC008",
    name: "unknown-authority",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A procedure or role names an authority level that is not declared.",
    summary_vi: "Thủ tục hoặc bộ phận dùng cấp có thẩm quyền chưa được khai báo.",
    explanation_en: "Authority levels (commune, district, province, …) are declared data with their Vietnamese titles and, where they ended, the date they were abolished. Use a declared id.",
    explanation_vi: "Các cấp có thẩm quyền (xã, huyện, tỉnh, …) là dữ liệu được khai báo kèm tên tiếng Việt và, nếu đã bỏ, ngày bãi bỏ. Hãy dùng mã đã khai báo.",
    example: "  authority comune\n",
    fixed: "  authority commune\n",
};

fn diagnostic(cx: &Context<'_>, loc: Loc, id: &str) -> Diagnostic {
    let ids = cx.catalogue.authorities.iter().map(|a| a.id.as_str());
    let candidate = suggest(id, ids);
    let help = match candidate {
        Some(c) => Text::new(
            format!("did you mean `{c}`?"),
            format!("có phải bạn định viết `{c}`?"),
        ),
        None => {
            let list: Vec<&str> = cx
                .catalogue
                .authorities
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            Text::new(
                format!("use one of: {}", list.join(", ")),
                format!("hãy dùng một trong: {}", list.join(", ")),
            )
        }
    };
    let d = Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("unknown authority `{id}`"),
            format!("cấp có thẩm quyền `{id}` chưa được khai báo"),
        ),
        help,
    );
    // The place is the id itself, so the suggestion can replace it.
    match candidate {
        Some(c) if loc.span.end - loc.span.start == id.len() => d.with_replacement(loc.span, c),
        _ => d,
    }
}

/// Reports unknown authorities on versions and roles.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in &cx.catalogue.roles {
        if let (Some(a), Some(loc)) = (&r.authority, r.authority_loc)
            && cx.catalogue.authority(a).is_none()
            && !cx.unread.may_declare_authority(a)
        {
            out.push(diagnostic(cx, loc, a));
        }
    }
    for (_, v) in cx.versions() {
        if !v.gaps.authority
            && cx.catalogue.authority(&v.authority).is_none()
            && !cx.unread.may_declare_authority(&v.authority)
        {
            out.push(diagnostic(cx, v.authority_loc, &v.authority));
        }
    }
}
