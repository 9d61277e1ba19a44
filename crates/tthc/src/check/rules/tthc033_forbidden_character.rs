//! TTHC033: a character that must never be in a procedure file.

use crate::diagnostic::{Diagnostic, Limits, Severity};
use crate::syntax::source::{FileId, Loc, Span};
use crate::text::Text;
use crate::text::chars::{code_point, forbidden};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC033",
    name: "forbidden-character",
    severity: Severity::Error,
    kind: super::Kind::Syntax,
    summary_en: "The file holds an invisible control character, a Unicode non-character or a bidirectional override.",
    summary_vi: "Tệp chứa ký tự điều khiển vô hình, ký tự không hợp lệ trong Unicode hoặc ký tự đảo chiều văn bản.",
    explanation_en: "Such characters cannot be seen in an editor, yet they change what the file means: a control character makes the workflow files that `tthc build` writes unreadable (XML forbids it) and can send commands to a terminal; a bidirectional override makes a line display differently from how it reads. They usually arrive by copying from a web page or a PDF. Delete the character the message points at (in many editors, select the line and retype it).",
    explanation_vi: "Những ký tự này không nhìn thấy trong trình soạn thảo nhưng làm thay đổi nội dung tệp: ký tự điều khiển làm các tệp quy trình do `tthc build` tạo ra không đọc được (XML không cho phép) và có thể gửi lệnh tới cửa sổ dòng lệnh; ký tự đảo chiều làm một dòng hiển thị khác với nội dung thật. Chúng thường lẫn vào khi sao chép từ trang web hoặc PDF. Hãy xóa ký tự được chỉ ra (trong nhiều trình soạn thảo, chọn cả dòng rồi gõ lại).",
    example: "  name \"Thủ tục đăng ký khai sinh\u{202e}\"\n",
    fixed: "  name \"Thủ tục đăng ký khai sinh\"\n",
};

/// One diagnostic for each forbidden character in `text`, up to the number a report
/// lists ([`Limits::per_rule`]); the one after them counts the rest in its
/// [`Diagnostic::more`] (which [`crate::diagnostic::cap`] then words), so that a text of
/// a million control characters costs a hundred findings, not a million.
pub fn scan(file: FileId, text: &str, out: &mut Vec<Diagnostic>) {
    let limit = Limits::default().per_rule;
    let mut found = 0usize;
    for (at, c) in text.char_indices() {
        if let Some((en, vi)) = forbidden(c) {
            found += 1;
            if found > limit + 1 {
                if let Some(last) = out.last_mut() {
                    last.more += 1;
                }
                continue;
            }
            let cp = code_point(c);
            out.push(Diagnostic::new(
                &RULE,
                Loc {
                    file,
                    span: Span::new(at, at + c.len_utf8()),
                },
                Text::new(
                    format!("{en} ({cp}) is hidden here"),
                    format!("có {vi} ({cp}) ẩn ở đây"),
                ),
                Text::new(
                    "delete it: it cannot be seen, yet it changes the file",
                    "hãy xóa ký tự này: không nhìn thấy nhưng nó làm thay đổi tệp",
                ),
            ));
        }
    }
}

/// The text with every forbidden character replaced by spaces of the same byte length,
/// so that positions stay where they were and the parser reports nothing twice.
pub fn blanked(text: &str) -> Option<String> {
    if !text.chars().any(|c| forbidden(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if forbidden(c).is_some() {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Some(out)
}
