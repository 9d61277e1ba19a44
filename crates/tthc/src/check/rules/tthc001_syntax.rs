//! TTHC001: the text does not follow the language's grammar.

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::SyntaxError;
use crate::syntax::source::{FileId, Loc};

/// The parser's plain-words error (worded in `syntax::expected`) as this rule's diagnostic.
pub fn diagnostic(file: FileId, e: SyntaxError) -> Diagnostic {
    Diagnostic::new(&RULE, Loc { file, span: e.span }, e.message, e.help)
}

/// As [`diagnostic`], with its fix as a replacement and its labels (where a text not
/// closed was opened), which the file's `text` locates.
pub fn diagnostic_in(file: FileId, e: SyntaxError, text: &str) -> Diagnostic {
    let fix = crate::syntax::expected::replacement(text, &e);
    let labels = crate::syntax::expected::labels(text, &e);
    let mut d = diagnostic(file, e);
    for (span, label) in labels {
        d = d.with_label(Loc { file, span }, label);
    }
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
    explanation_en: "Each statement starts with a keyword (`name`, `total`, `step`, …) and its parts come in a fixed order. The message says what was expected where, naming keywords in the set the file is written in (English or Vietnamese), and suggests the keyword you probably meant; a text whose closing quote is missing is reported at the end of its line, and what a word processor pasted (typographic quotes, a non-breaking space, even between the words of `thẩm quyền`) is named. The statement with the mistake is set aside and the rest of the file is still checked, so every other mistake is reported too.",
    explanation_vi: "Mỗi câu lệnh bắt đầu bằng một từ khóa (`name`, `total`, `step`, …) và các phần theo thứ tự cố định. Thông báo nói rõ cần gì ở đâu, gọi từ khóa theo bộ từ khóa tệp đang dùng (tiếng Anh hoặc tiếng Việt), và gợi ý từ khóa có lẽ bạn định viết; đoạn văn bản thiếu dấu ngoặc kép đóng được báo ở cuối dòng, và những gì dán từ trình soạn thảo văn bản (ngoặc kép kiểu chữ, dấu cách không ngắt dòng, kể cả giữa hai chữ của `thẩm quyền`) được gọi tên. Câu lệnh có lỗi được để riêng ra và phần còn lại của tệp vẫn được kiểm tra, nên mọi lỗi khác cũng được báo.",
    example: "  total 2 days\n  step appraise \"Thẩm định\" by commune-civil-status 2\n",
    fixed: "  total 2 days\n  step appraise \"Thẩm định\" by commune-civil-status 2 days\n",
};
