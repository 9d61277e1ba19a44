//! TTHC021: a time given for a case that is not declared.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text, suggest};
use crate::model::{Amount, Placed, Version};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC021",
    name: "unknown-variant",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A time is given for a case that is not declared with `variant`.",
    summary_vi: "Thời gian được ghi cho một trường hợp chưa khai báo bằng `variant`.",
    explanation_en: "Cases other than the ordinary one are declared in the procedure with their Vietnamese title (`variant appointed \"Giám hộ cử\"`), so that a misspelt case is caught. `verification` is always declared.",
    explanation_vi: "Các trường hợp khác trường hợp thông thường được khai báo trong thủ tục kèm tên tiếng Việt (`variant appointed \"Giám hộ cử\"`), để phát hiện lỗi gõ sai. `verification` (cần xác minh) luôn có sẵn.",
    example: "  total 3 days, verificaton 23 days\n",
    fixed: "  total 3 days, verification 23 days\n",
};

fn report(v: &Version, name: &str, a: &Placed<Amount>, out: &mut Vec<Diagnostic>) {
    if v.has_variant(name) {
        return;
    }
    let candidate = suggest(
        name,
        // The verification case needs no declaration, so it is a candidate even where
        // the version (misspelling it) does not have it yet.
        v.variants
            .iter()
            .map(|d| d.id.as_str())
            .chain([crate::model::VERIFICATION]),
    );
    let help = match candidate {
        Some(c) => Text::new(
            format!("did you mean `{c}`?"),
            format!("có phải bạn định viết `{c}`?"),
        ),
        None => Text::new(
            format!("declare it in the procedure: variant {name} \"<Vietnamese title>\""),
            format!("khai báo trong thủ tục: variant {name} \"<tên tiếng Việt>\""),
        ),
    };
    let d = Diagnostic::new(
        &RULE,
        a.loc,
        Text::new(
            format!("unknown case `{name}`"),
            format!("trường hợp `{name}` chưa được khai báo"),
        ),
        help,
    );
    // The place starts with the case's name as written (`verificaton 23 days`).
    let start = a.loc.span.start;
    let name_span = crate::syntax::source::Span::new(start, start + name.len());
    out.push(match candidate {
        Some(c) => d.with_replacement(name_span, c),
        None => d,
    });
}

/// Reports undeclared variants on totals and steps.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.variants) {
        for (name, a) in &v.total.variants {
            report(v, name, a, out);
        }
        for s in &v.steps {
            for (name, a) in &s.timing.variants {
                report(v, name, a, out);
            }
        }
    }
}
