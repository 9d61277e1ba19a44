//! TTHC019: a national procedure code that does not have the national form.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC019",
    name: "malformed-code",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A national procedure code is not of the form `1.001193` (or the full `1.001193.000.00.00.H34`).",
    summary_vi: "Mã thủ tục quốc gia không đúng dạng `1.001193` (hoặc mã đầy đủ `1.001193.000.00.00.H34`).",
    explanation_en: "National codes from the national database of administrative procedures are one digit, a dot and six digits; a province's full code appends `.000.00.00.` and the province code (e.g. `H34`). Copy the code exactly from the national database.",
    explanation_vi: "Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính gồm một chữ số, dấu chấm và sáu chữ số; mã đầy đủ của tỉnh thêm `.000.00.00.` và mã tỉnh (ví dụ `H34`). Hãy sao chép đúng mã từ cơ sở dữ liệu quốc gia.",
    example: "  code 1.01193\n",
    fixed: "  code 1.001193\n",
};

/// True for `D.DDDDDD` optionally followed by `.DDD.DD.DD.XDD`.
pub fn is_valid(code: &str) -> bool {
    let b = code.as_bytes();
    let national = b.len() >= 8
        && b[0].is_ascii_digit()
        && b[1] == b'.'
        && b[2..8].iter().all(u8::is_ascii_digit);
    if !national {
        return false;
    }
    let rest = &code[8..];
    if rest.is_empty() {
        return true;
    }
    let parts: Vec<&str> = rest.split('.').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
    parts.len() == 5
        && parts[0].is_empty()
        && digits(parts[1], 3)
        && digits(parts[2], 2)
        && digits(parts[3], 2)
        && parts[4].len() == 3
        && parts[4].as_bytes()[0].is_ascii_uppercase()
        && digits(&parts[4][1..], 2)
}

/// Reports malformed codes.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let own = cx.catalogue.procedures.iter().filter_map(|p| {
        p.code
            .as_ref()
            .zip(p.code_loc)
            .map(|(c, l)| (c.as_str(), l))
    });
    let versions = cx
        .versions()
        .filter_map(|(_, v)| v.code.as_ref().map(|(c, l)| (c.as_str(), *l)));
    for (code, loc) in own.chain(versions) {
        if !is_valid(code) {
            out.push(Diagnostic::new(
                &RULE,
                loc,
                Text::new(
                    format!("`{code}` is not a national procedure code"),
                    format!("`{code}` không phải là mã thủ tục quốc gia"),
                ),
                Text::new(
                    "a national code is one digit, a dot and six digits, e.g. 1.001193",
                    "mã quốc gia gồm một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001193",
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn accepts_national_and_full_codes() {
        assert!(is_valid("1.001193"));
        assert!(is_valid("2.000528"));
        assert!(is_valid("1.001193.000.00.00.H34"));
        assert!(!is_valid("1.01193"));
        assert!(!is_valid("1001193"));
        assert!(!is_valid("1.001193.000.00.00.h34"));
        assert!(!is_valid("1.0011934"));
        assert!(!is_valid("x"));
    }
}
