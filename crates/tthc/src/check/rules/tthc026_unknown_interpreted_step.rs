//! TTHC026: an `interpreted` note about a step that does not exist.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text, suggest};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC026",
    name: "unknown-interpreted-step",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "An `interpreted` note names a step the procedure does not have.",
    summary_vi: "Ghi chú `interpreted` nhắc đến một bước không có trong thủ tục.",
    explanation_en: "Review tables mark the row an interpretation is about; a note about a missing step would mark nothing.",
    explanation_vi: "Bảng đối chiếu đánh dấu dòng có diễn giải; ghi chú về một bước không tồn tại sẽ không đánh dấu được dòng nào.",
    example: "  interpreted apraise \"…\"\n",
    fixed: "  interpreted appraise \"…\"\n",
};

/// Reports notes naming unknown steps.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, v) in cx.versions().filter(|(_, v)| !v.gaps.steps) {
        for i in &v.interpretations {
            let Some(step) = &i.step else { continue };
            if v.steps.iter().any(|s| &s.id == step) {
                continue;
            }
            let help = match suggest(step, v.steps.iter().map(|s| s.id.as_str())) {
                Some(c) => Text::new(
                    format!("did you mean `{c}`?"),
                    format!("có phải bạn định viết `{c}`?"),
                ),
                None => Text::new(
                    "name one of the procedure's steps",
                    "ghi mã một bước của thủ tục",
                ),
            };
            out.push(Diagnostic::new(
                &RULE,
                i.loc,
                Text::new(
                    format!("there is no step `{step}` here"),
                    format!("không có bước `{step}` trong thủ tục này"),
                ),
                help,
            ));
        }
    }
}
