//! TTHC009: a procedure with no steps.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC009",
    name: "no-steps",
    severity: Severity::Error,
    kind: super::Kind::Model(check),
    summary_en: "A procedure has no steps.",
    summary_vi: "Thủ tục không có bước nào.",
    explanation_en: "Every internal workflow in a decision lists its steps (Bước 1, Bước 2, …) with who performs them; without them no step due times or workflow can be produced.",
    explanation_vi: "Mỗi quy trình nội bộ trong quyết định liệt kê các bước (Bước 1, Bước 2, …) và bộ phận thực hiện; thiếu các bước thì không tính được hạn từng bước và không tạo được quy trình.",
    example: "procedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 3 days\n}\n",
    fixed: "procedure p {\n  name \"Thủ tục mẫu\"\n  authority commune\n  source \"1086/QĐ-UBND\" item \"B.1\"\n  total 3 days\n  step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 2,5 days\n}\n",
};

/// Reports versions without steps.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (p, v) in cx.versions() {
        if v.steps.is_empty() && !v.gaps.steps {
            out.push(Diagnostic::new(
                &RULE,
                v.loc,
                Text::new(format!("procedure `{}` has no steps", p.id), format!("thủ tục `{}` không có bước nào", p.id)),
                Text::new(
                    "add the steps as the decision lists them: step ID \"NAME\" by ROLE TIME",
                    "thêm các bước như quyết định liệt kê: step MÃ \"TÊN\" by BỘ-PHẬN THỜI-GIAN",
                ),
            ));
        }
    }
}
