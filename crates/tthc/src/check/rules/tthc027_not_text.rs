//! TTHC027: a file that is not UTF-8 text.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::{Loc, Span};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC027",
    name: "not-text",
    severity: Severity::Error,
    kind: super::Kind::Syntax,
    summary_en: "A procedure file is not UTF-8 text.",
    summary_vi: "Tệp thủ tục không phải văn bản UTF-8.",
    explanation_en: "Procedure files are plain UTF-8 text so that Vietnamese reads the same everywhere. A file saved in another encoding (or a binary file with a .tthc name) cannot be read; save it as UTF-8.",
    explanation_vi: "Tệp thủ tục là văn bản thuần mã hóa UTF-8 để tiếng Việt hiển thị như nhau ở mọi nơi. Tệp lưu bằng bảng mã khác (hoặc tệp nhị phân mang đuôi .tthc) không đọc được; hãy lưu lại dưới dạng UTF-8.",
    example: "(a file saved in TCVN3 or Windows-1258)\n",
    fixed: "(the same file saved as UTF-8)\n",
};

/// A diagnostic for a file whose bytes stop being UTF-8 at `offset`.
pub fn diagnostic(file: usize, offset: usize) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        Loc {
            file,
            span: Span::new(offset, offset),
        },
        Text::new(
            format!("this file is not UTF-8 text (byte {offset} is not valid UTF-8)"),
            format!("tệp này không phải văn bản UTF-8 (byte thứ {offset} không hợp lệ)"),
        ),
        Text::new(
            "save the file as UTF-8 text in your editor",
            "lưu lại tệp dưới dạng văn bản UTF-8 trong trình soạn thảo",
        ),
    )
}
