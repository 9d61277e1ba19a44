//! Days off computed from the Labour Code for years whose schedule is not announced.
//!
//! Bộ luật Lao động 2019, art. 112, and Nghị định 145/2020/NĐ-CP: 1/1; Tết Nguyên đán
//! (5 days: for public servants the Prime Minister has in practice given the last day of
//! the lunar year and the first four of the new one, which is the pattern used here);
//! Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 plus one adjacent day; and, when a
//! holiday falls on a day that is not a working weekday, a compensatory day off on the
//! next working day. Bridge days swapped against Saturdays are decided each year and
//! cannot be predicted, so computed years have none: they are provisional.
//!
//! From 2026 Ngày Văn hóa Việt Nam (24/11) is added, as in the announced 2026 schedule.
//!
//! The day adjacent to 2/9 is the one that joins the holiday to a weekend: 3/9 when 2/9
//! is a Monday or a Thursday, otherwise 1/9. This matches every announced year
//! 2021–2025 (2021 Thu→3/9, 2022 Fri→1/9, 2023 Sat→1/9, 2024 Mon→3/9, 2025 Tue→1/9).

use super::lunar;
use super::marks::{DayKind, DayMark};
use chrono::{Datelike, Days as ChronoDays, NaiveDate, Weekday};

/// Ngày Văn hóa Việt Nam (24/11) is a paid day off from 2026 (Nghị quyết 28/2026/QH16,
/// art. 2; see `calendars/SOURCES.md`).
const CULTURE_DAY_FROM: i32 = 2026;

const SOURCE: &str = "Tính theo Bộ luật Lao động 2019, Điều 112 (chưa công bố chính thức)";

/// Holidays and compensatory days off of `year`, or `None` if a date is impossible
/// (only for years far outside 1900–2100).
pub fn days_off(year: i32, working_weekdays: &[Weekday]) -> Option<Vec<DayMark>> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut holidays: Vec<(NaiveDate, String)> = vec![(ymd(1, 1)?, "Tết Dương lịch".into())];
    let tet = lunar::tet(year)?;
    let eve = tet.checked_sub_days(ChronoDays::new(1))?;
    holidays.push((eve, "Tết Nguyên đán (ngày cuối năm âm lịch)".into()));
    for i in 0..4u64 {
        let day = tet.checked_add_days(ChronoDays::new(i))?;
        holidays.push((day, format!("Tết Nguyên đán (mùng {} Tết)", i + 1)));
    }
    holidays.push((
        lunar::gio_to(year)?,
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)".into(),
    ));
    holidays.push((ymd(4, 30)?, "Ngày Chiến thắng (30/4)".into()));
    holidays.push((ymd(5, 1)?, "Ngày Quốc tế lao động (1/5)".into()));
    let national = ymd(9, 2)?;
    holidays.push((national, "Quốc khánh (2/9)".into()));
    let adjacent = match national.weekday() {
        Weekday::Mon | Weekday::Thu => ymd(9, 3)?,
        _ => ymd(9, 1)?,
    };
    holidays.push((adjacent, "Quốc khánh (ngày liền kề)".into()));
    if year >= CULTURE_DAY_FROM {
        holidays.push((ymd(11, 24)?, "Ngày Văn hóa Việt Nam (24/11)".into()));
    }
    holidays.sort();
    holidays.dedup_by_key(|h| h.0);

    let is_holiday = |d: NaiveDate| holidays.iter().any(|h| h.0 == d);
    let mut compensatory: Vec<NaiveDate> = Vec::new();
    for (day, _) in &holidays {
        if working_weekdays.contains(&day.weekday()) {
            continue;
        }
        let mut next = day.succ_opt()?;
        while !working_weekdays.contains(&next.weekday())
            || is_holiday(next)
            || compensatory.contains(&next)
        {
            next = next.succ_opt()?;
        }
        compensatory.push(next);
    }
    let mut marks: Vec<DayMark> = holidays
        .into_iter()
        .map(|(date, name)| DayMark {
            date,
            kind: DayKind::Holiday,
            name,
            source: SOURCE.into(),
            provisional: true,
        })
        .chain(compensatory.into_iter().map(|date| DayMark {
            date,
            kind: DayKind::DayOff,
            name: "Nghỉ bù".into(),
            source: SOURCE.into(),
            provisional: true,
        }))
        .collect();
    marks.sort_by_key(|m| m.date);
    Some(marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MON_FRI: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    fn dates(year: i32, kind: DayKind) -> Vec<String> {
        days_off(year, &MON_FRI)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.date.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn year_2027() {
        // Tết 2027: mùng 1 = Sat 6 Feb, so the eve is Fri 5 Feb; Sat 6 and Sun 7 are
        // compensated on Wed 10 and Thu 11 (Mon 8, Tue 9 are Tết themselves).
        // 2/9/2027 is a Thursday, so 3/9 is the adjacent day.
        assert_eq!(
            dates(2027, DayKind::Holiday),
            [
                "01-01", "02-05", "02-06", "02-07", "02-08", "02-09", "04-16", "04-30", "05-01",
                "09-02", "09-03", "11-24"
            ]
        );
        // 1/5/2027 is a Saturday → Mon 3/5; Tết weekend days → 10/2 and 11/2.
        assert_eq!(dates(2027, DayKind::DayOff), ["02-10", "02-11", "05-03"]);
    }

    #[test]
    fn adjacent_day_follows_announced_practice() {
        let adj = |y| {
            dates(y, DayKind::Holiday)
                .into_iter()
                .filter(|d| d.starts_with("09-0") && d != "09-02")
                .collect::<Vec<_>>()
        };
        assert_eq!(adj(2021), ["09-03"]);
        assert_eq!(adj(2022), ["09-01"]);
        assert_eq!(adj(2023), ["09-01"]);
        assert_eq!(adj(2024), ["09-03"]);
        assert_eq!(adj(2025), ["09-01"]);
    }
}
