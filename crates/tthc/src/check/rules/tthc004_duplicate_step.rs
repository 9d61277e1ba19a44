//! TTHC004: two steps of one version with the same id.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC004",
    name: "duplicate-step",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "Two steps of one procedure have the same id.",
    summary_vi: "Hai bước của một thủ tục trùng mã.",
    explanation_en: "Each step's due time is reported under its id (and workflow engines name their tasks after it), so step ids must differ within a version.",
    explanation_vi: "Hạn xử lý của mỗi bước được trả về theo mã bước (và hệ thống quy trình đặt tên công việc theo mã này), nên các bước trong một phiên bản phải có mã khác nhau.",
    example: "  total 3 days\n  step appraise \"Thẩm định\" by officer 2 days\n  step appraise \"Phê duyệt\" by leader 1 day\n",
    fixed: "  total 3 days\n  step appraise \"Thẩm định\" by officer 2 days\n  step approve \"Phê duyệt\" by leader 1 day\n",
};

/// Reports repeated step ids in every version.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (p, v) in cx.versions() {
        for (i, s) in v.steps.iter().enumerate() {
            if let Some(prev) = v.steps[..i].iter().find(|o| o.id == s.id) {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        s.loc,
                        Text::new(
                            format!("step `{}` appears twice in procedure `{}`", s.id, p.id),
                            format!("bước `{}` xuất hiện hai lần trong thủ tục `{}`", s.id, p.id),
                        ),
                        Text::new(
                            "give each step its own id, e.g. receive, appraise, approve, deliver",
                            "đặt cho mỗi bước một mã riêng, ví dụ receive, appraise, approve, deliver",
                        ),
                    )
                    .with_label(prev.loc, Text::new("first used here", "dùng lần đầu ở đây")),
                );
            }
        }
    }
}
