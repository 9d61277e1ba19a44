//! TTHC001: the text does not follow the language's grammar.

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::SyntaxError;
use crate::syntax::source::{FileId, Loc};

/// The parser's plain-words error (worded in `syntax::expected`) as this rule's diagnostic.
pub fn diagnostic(file: FileId, e: SyntaxError) -> Diagnostic {
    let mut d = Diagnostic::new(&RULE, Loc { file, span: e.span }, e.message, e.help);
    for (span, text) in e.labels {
        d = d.with_label(Loc { file, span }, text);
    }
    d
}

/// As [`diagnostic`], with the "did you mean" fix as a replacement (the file's `text`
/// locates the misspelt word).
pub fn diagnostic_in(file: FileId, e: SyntaxError, text: &str) -> Diagnostic {
    let fix = crate::syntax::expected::replacement(text, &e).map(|(s, w)| (s, w.to_string()));
    let d = diagnostic(file, e);
    match fix {
        Some((span, word)) => d.with_replacement(span, word),
        None => d,
    }
}

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC001",
    name: "syntax-error",
    severity: Severity::Error,
    kind: super::Kind::Syntax,
    summary_en: "The text does not follow the language: a word is misspelt, missing or out of place.",
    summary_vi: "Văn bản không đúng cú pháp: có từ viết sai, thiếu hoặc đặt sai chỗ.",
    explanation_en: "Each statement starts with a keyword (`name`, `total`, `step`, …) and its parts come in a fixed order. The message says what was expected where, and suggests the keyword you probably meant.",
    explanation_vi: "Mỗi câu lệnh bắt đầu bằng một từ khóa (`name`, `total`, `step`, …) và các phần theo thứ tự cố định. Thông báo nói rõ cần gì ở đâu và gợi ý từ khóa có lẽ bạn định viết.",
    example: "  total 2 days\n  step appraise \"Thẩm định\" by commune-civil-status 2\n",
    fixed: "  total 2 days\n  step appraise \"Thẩm định\" by commune-civil-status 2 days\n",
};
