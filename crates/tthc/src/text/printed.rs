//! What a decision's printed time cell says, read from its Vietnamese words: the amounts
//! it names (`03 ngày`, `0,5 ngày`, `1/2 ngày`, `Trong ngày làm việc`) and the cutoff hour
//! of its "sau 15 giờ" rule. The checker compares them with the numbers written beside
//! the words (`printed "…"`), so that a number and the words it claims to mean cannot
//! drift apart.
//!
//! Only what can be read without guessing is read: a number followed by `ngày`, the
//! phrases of a same-day time, and `sau N giờ`. Words that name no amount (a condition,
//! "mà không giải quyết được ngay") are left alone.

use crate::days::Days;

/// An amount named in printed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PrintedAmount {
    /// "Trong ngày", "Ngay trong ngày", "Trong ngày làm việc".
    SameDay,
    /// A number of working days (`03 ngày`, `0.5 ngày`, `1/2 ngày`, `10,5 ngày`).
    Days(Days),
}

/// Every amount the words name, in order.
///
/// ```
/// use tthc::text::printed::{amounts, PrintedAmount};
/// use tthc::days::Days;
/// let cell = "Trong ngày làm việc, TH nhận hồ sơ sau 15 giờ mà không giải quyết được ngay \
///             thì trả kết quả trong ngày làm việc tiếp theo. TH cần xác minh … không quá 5 ngày";
/// assert_eq!(amounts(cell), [PrintedAmount::SameDay, PrintedAmount::Days(Days::whole(5))]);
/// assert_eq!(amounts("(23,5 ngày nếu cần xác minh)"), [PrintedAmount::Days(Days::new(47, 2).unwrap())]);
/// assert_eq!(amounts("1/2 ngày"), [PrintedAmount::Days(Days::new(1, 2).unwrap())]);
/// ```
pub fn amounts(words: &str) -> Vec<PrintedAmount> {
    let lower = words.to_lowercase();
    let mut found: Vec<(usize, PrintedAmount)> = Vec::new();
    found.extend(
        same_day_at(&lower)
            .into_iter()
            .map(|i| (i, PrintedAmount::SameDay)),
    );
    found.extend(days_at(&lower));
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, a)| a).collect()
}

/// The hours of every "sau N giờ" (after N o'clock) the words print.
///
/// ```
/// use tthc::text::printed::cutoff_hours;
/// assert_eq!(cutoff_hours("trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay"), [15]);
/// assert!(cutoff_hours("03 ngày").is_empty());
/// ```
pub fn cutoff_hours(words: &str) -> Vec<u32> {
    let lower = words.to_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("sau ") {
        let after = &rest[i + "sau ".len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let tail = after[digits.len()..].trim_start();
        if !digits.is_empty()
            && tail.starts_with("giờ")
            && let Ok(h) = digits.parse()
        {
            out.push(h);
        }
        rest = after;
    }
    out
}

/// Where a same-day time starts: every "trong ngày" that is not "trong ngày làm việc
/// tiếp theo" (the next working day of the 15-giờ rule is not a second amount).
fn same_day_at(lower: &str) -> Vec<usize> {
    const NEXT: &str = "trong ngày làm việc tiếp theo";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("trong ngày") {
        let at = from + i;
        if !lower[at..].starts_with(NEXT) {
            out.push(at);
        }
        from = at + "trong ngày".len();
    }
    out
}

/// Every number followed by `ngày`, with where it starts.
fn days_at(lower: &str) -> Vec<(usize, PrintedAmount)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let after_word = k == 0 || !chars[k - 1].1.is_alphanumeric();
        if !c.is_ascii_digit() || !after_word {
            k += 1;
            continue;
        }
        // A number: digits, then optionally one of `.`, `,`, `/` and more digits.
        let mut j = k;
        while j < chars.len() && chars[j].1.is_ascii_digit() {
            j += 1;
        }
        if j + 1 < chars.len()
            && matches!(chars[j].1, '.' | ',' | '/')
            && chars[j + 1].1.is_ascii_digit()
        {
            j += 1;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(lower.len(), |(i, _)| *i);
        let tail = lower[end..].trim_start();
        if tail.starts_with("ngày")
            && let Ok(d) = Days::parse(&lower[start..end])
        {
            out.push((start, PrintedAmount::Days(d)));
        }
        k = j.max(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PrintedAmount {
        PrintedAmount::Days(Days::parse(s).unwrap())
    }

    #[test]
    fn the_cells_of_decision_1086_read_as_their_numbers() {
        assert_eq!(
            amounts(
                "- Ngay trong ngày (bổ sung hộ tịch)\n- 03 ngày (thay đổi, cải chính, xác định lại dân tộc)\n- T/ hợp cần xác minh 06 ngày"
            ),
            [PrintedAmount::SameDay, d("3"), d("6")]
        );
        assert_eq!(
            amounts("3 ngày (TH cần xác minh: 23 ngày)"),
            [d("3"), d("23")]
        );
        assert_eq!(
            amounts("- 2 ngày (GH đường nhiên) - 4 ngày (GH cử)"),
            [d("2"), d("4")]
        );
        assert_eq!(amounts("1.5 ngày"), [d("1,5")]);
        assert_eq!(
            amounts(
                "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngày làm việc tiếp theo. Trường hợp cần xác minh thì thời hạn giải quyết không quá 03 ngày làm việc"
            ),
            [PrintedAmount::SameDay, d("3")]
        );
        assert_eq!(
            amounts(
                "Trong ngày làm việc hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ"
            ),
            [PrintedAmount::SameDay]
        );
    }

    #[test]
    fn numbers_that_name_no_days_are_not_amounts() {
        assert!(amounts("nhận hồ sơ sau 15 giờ").is_empty());
        assert!(amounts("Tờ trình số 36/TTr-STP").is_empty());
        assert!(amounts("điều kiện kết hôn của 2 bên nam, nữ").is_empty());
    }
}
