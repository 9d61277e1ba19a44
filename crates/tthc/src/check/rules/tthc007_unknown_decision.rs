//! TTHC007: a version citing a decision that is not declared.

use crate::diagnostic::{Diagnostic, Severity, Text, suggest};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC007",
    name: "unknown-decision",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A procedure's source names a decision that is not declared.",
    summary_vi: "Nguồn của thủ tục dẫn chiếu quyết định chưa được khai báo.",
    explanation_en: "A version is in force from its decision's effective date, so the decision must be declared (number, signing and effective dates, issuer) somewhere in the catalogue. Numbers are compared as folder names are: `1086/QD-UBND` (D for Đ) is `1086/QĐ-UBND`. The version's other mistakes (roles, times) are still reported; only what depends on its dates waits for the number to be fixed.",
    explanation_vi: "Phiên bản có hiệu lực từ ngày hiệu lực của quyết định, nên quyết định phải được khai báo (số, ngày ký, ngày hiệu lực, cơ quan ban hành) trong danh mục. Số quyết định được so như tên thư mục: `1086/QD-UBND` (D thay Đ) là `1086/QĐ-UBND`. Các lỗi khác của phiên bản (vai trò, thời gian) vẫn được báo; chỉ những gì phụ thuộc ngày hiệu lực chờ số quyết định được sửa.",
    example: "  source \"1068/QĐ-UBND\" item \"B.1\"\n",
    fixed: "  source \"1086/QĐ-UBND\" item \"B.1\"\n",
};

/// A diagnostic for a decision number that is not declared.
pub fn diagnostic<'a>(
    loc: Loc,
    number: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let candidate = suggest(number, known);
    let help = match candidate {
        Some(c) => Text::new(
            format!("did you mean \"{c}\"?"),
            format!("có phải bạn định viết \"{c}\"?"),
        ),
        None => Text::new(
            format!("declare it: decision \"{number}\" {{ signed … effective … issuer \"…\" }}"),
            format!("hãy khai báo: decision \"{number}\" {{ signed … effective … issuer \"…\" }}"),
        ),
    };
    let d = Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("unknown decision \"{number}\""),
            format!("quyết định \"{number}\" chưa được khai báo"),
        ),
        help,
    );
    // When the place is the quoted number itself, the suggestion can replace it.
    match candidate {
        Some(c) if loc.span.end - loc.span.start == number.len() + 2 => {
            d.with_replacement(loc.span, format!("\"{c}\""))
        }
        _ => d,
    }
}

