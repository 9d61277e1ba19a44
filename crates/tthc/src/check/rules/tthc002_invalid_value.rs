//! TTHC002: a date, clock time or number that cannot exist.

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::days::DaysError;
use crate::syntax::source::Loc;

/// Rule metadata.
pub static RULE: super::Rule = super::Rule {
    code: "TTHC002",
    name: "invalid-value",
    severity: Severity::Error,
    kind: super::Kind::Lowering,
    summary_en: "A date, time of day or number of days that cannot exist, or a list of the wrong length.",
    summary_vi: "Ngày, giờ hoặc số ngày không thể có, hoặc danh sách sai số phần tử.",
    explanation_en: "Dates are YYYY-MM-DD and must exist (no 30 February); times are HH:MM on the 24-hour clock; numbers of days are whole, decimal or fractions without a zero denominator; a decision's `columns` names exactly six titles.",
    explanation_vi: "Ngày viết NĂM-THÁNG-NGÀY và phải có thật (không có 30/2); giờ viết GIỜ:PHÚT (24 giờ); số ngày là số nguyên, thập phân hoặc phân số có mẫu khác 0; `cột` của quyết định ghi đúng sáu tiêu đề.",
    example: "  signed 2024-02-30\n",
    fixed: "  signed 2024-02-29\n",
};

/// A date that does not exist or is not written `YYYY-MM-DD`.
pub fn not_a_date(loc: Loc, text: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("`{text}` is not a real date"),
            format!("`{text}` không phải là một ngày có thật"),
        ),
        Text::new(
            "write the date as YYYY-MM-DD (2024-04-09) or day first as decisions print it (09/4/2024), and check the day exists in that month",
            "viết ngày theo dạng NĂM-THÁNG-NGÀY (2024-04-09) hoặc ngày trước như quyết định in (09/4/2024), và kiểm tra tháng đó có ngày này",
        ),
    )
}

/// A time of day that does not exist or is not written `HH:MM`.
pub fn not_a_time(loc: Loc, text: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("`{text}` is not a time of day"),
            format!("`{text}` không phải là giờ trong ngày"),
        ),
        Text::new(
            "write the time as HH:MM on the 24-hour clock, e.g. 15:00",
            "viết giờ theo dạng GIỜ:PHÚT (24 giờ), ví dụ 15:00",
        ),
    )
}

/// A list with the wrong number of values (`columns` names exactly six).
pub fn wrong_count(loc: Loc, found: usize, expected: usize) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            format!("{found} column titles where the appendix has {expected}"),
            format!("{found} tiêu đề cột trong khi phụ lục có {expected} cột"),
        ),
        Text::new(
            format!(
                "write the {expected} titles as printed, in order, separated by commas: number, step, what is done, who does it, time, approving authority"
            ),
            format!(
                "viết đủ {expected} tiêu đề như bản in, theo thứ tự, cách nhau bằng dấu phẩy: STT, bước, nội dung, bộ phận thực hiện, thời gian, cấp phê duyệt"
            ),
        ),
    )
}

/// `undivided` written on a step: only a total can keep a case's time whole.
pub fn undivided_on_step(loc: Loc) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        loc,
        Text::new(
            "`undivided` on a step: only the total can keep a case's time whole",
            "`không chia` ở một bước: chỉ dòng tổng mới giữ nguyên thời gian của một trường hợp",
        ),
        Text::new(
            "write `undivided` after the case's time on the `total` line, and give the steps no time for that case",
            "ghi `không chia` sau thời gian của trường hợp ở dòng `tổng`, và không ghi thời gian của trường hợp đó ở các bước",
        ),
    )
}

/// A number of days that cannot be read exactly.
pub fn not_days(loc: Loc, text: &str, why: DaysError) -> Diagnostic {
    let message = match why {
        DaysError::ZeroDenominator => Text::new(
            format!("`{text}` divides by zero"),
            format!("`{text}` chia cho 0"),
        ),
        DaysError::TooLarge => Text::new(
            format!("`{text}` is too large a number of days"),
            format!("`{text}` là số ngày quá lớn"),
        ),
        DaysError::Malformed => Text::new(
            format!("`{text}` is not a number of days"),
            format!("`{text}` không phải là số ngày"),
        ),
    };
    Diagnostic::new(
        &RULE,
        loc,
        message,
        Text::new(
            "write the days as the decision prints them: 2, 0,5, 1/4 or 10,5",
            "viết số ngày như quyết định in: 2, 0,5, 1/4 hoặc 10,5",
        ),
    )
}
