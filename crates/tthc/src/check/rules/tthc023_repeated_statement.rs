//! TTHC023: a statement that may appear once appears twice.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC023",
    name: "repeated-statement",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A statement that may appear only once (e.g. `total`, `name`) appears twice.",
    summary_vi: "Một câu lệnh chỉ được xuất hiện một lần (ví dụ `total`, `name`) lại xuất hiện hai lần.",
    explanation_en: "Two `total` lines (or two names, two sources…) leave it unclear which one holds. Times for other cases go on the same line: `total 5 days, verification 25 days`.",
    explanation_vi: "Hai dòng `total` (hoặc hai tên, hai nguồn…) khiến không rõ dòng nào được áp dụng. Thời gian cho các trường hợp khác ghi trên cùng một dòng: `total 5 days, verification 25 days`.",
    example: "  total 5 days\n  total 25 days\n",
    fixed: "  total 5 days, verification 25 days\n",
};

/// A statement (`keyword`, e.g. `total`) given a second time.
pub fn statement(loc: Loc, keyword: &str, first: Loc) -> Diagnostic {
    let what = Text::new(format!("`{keyword}`"), format!("`{keyword}`"));
    diagnostic(loc, what, first)
}

/// A case's time (`verification 22 days`) given a second time on one line.
pub fn case_time(loc: Loc, case: &str, first: Loc) -> Diagnostic {
    let what = Text::new(
        format!("the `{case}` time"),
        format!("thời gian trường hợp `{case}`"),
    );
    diagnostic(loc, what, first)
}

fn diagnostic(loc: Loc, what: Text, first: Loc) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("{} is given twice", what.en),
            format!("{} được ghi hai lần", what.vi),
        ),
        Text::new(
            "keep one; put times for other cases on the same line after a comma",
            "giữ một; thời gian cho các trường hợp khác ghi trên cùng dòng, sau dấu phẩy",
        ),
    )
    .with_label(first, Text::new("first given here", "ghi lần đầu ở đây"))
}
