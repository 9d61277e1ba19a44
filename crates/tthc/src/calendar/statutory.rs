//! Days off predicted for years whose schedule is not announced.
//!
//! The law (Bộ luật Lao động 2019, art. 112 and 111(3); before 2021 the 2012 Code, art.
//! 115) fixes the holidays; the Prime Minister picks the Tết days and the Quốc khánh
//! adjacent day each year. The rules below are the ones that reproduce every announced
//! year in `calendars/*.ics` (2020–2026; `tests/calendar_predictor.rs` checks this day by
//! day, and DOMAIN.md reports the same Tết rule holding for 2014–2026):
//!
//! - 1/1, 30/4, 1/5; Giỗ Tổ Hùng Vương (10/3 lunar) from 2007, when it became a holiday.
//! - Tết Nguyên đán: **the two days before mùng 1, and mùng 1 to mùng 3**. It matches every
//!   announced year in the files (2023: Fri 20/01 – Thu 26/01; 2024: Thu 08/02 – Wed
//!   14/02; 2025: Mon 27/01 – Fri 31/01); issue 10 reports it matching all 13 breaks of
//!   2014–2026, where the older rule (the last day of the lunar year plus mùng 1–4)
//!   matched 4.
//! - Quốc khánh 2/9, and from 2021 one adjacent day: the one that joins the holiday to a
//!   weekend, 3/9 when 2/9 is a Monday or a Thursday, otherwise 1/9 (2021 Thu→3/9,
//!   2022 Fri→1/9, 2023 Sat→1/9, 2024 Mon→3/9, 2025 Tue→1/9, 2026 Wed→1/9).
//! - A holiday of the list above on a day that is not a working weekday gives a make-up
//!   day off on the next working day that is neither a holiday nor already a make-up day
//!   (art. 111(3)): 1/1/2022 Sat → Mon 3/1; 30/4 and 1/5/2022 Sat, Sun → 2/5, 3/5;
//!   2/9/2023 Sat → Mon 4/9.
//! - From 2026, Ngày Văn hóa Việt Nam (24/11), marked [`Confidence::Uncertain`]: no
//!   adopted law making it a day off has been read (see `calendars/SOURCES.md`). It gets
//!   **no make-up day** when it falls on a weekend: art. 111(3) applies to the holidays
//!   of art. 112, and 24/11 is not (yet) among them. If the Labour Code is amended to
//!   list it, this changes with the announced schedules.
//!
//! Bridge days swapped against Saturdays are decided each year and cannot be predicted,
//! so computed years have none: they are provisional.

use super::lunar;
use super::marks::{Confidence, DayKind, DayMark};
use chrono::{Datelike, Days as ChronoDays, NaiveDate, Weekday};

/// Ngày Văn hóa Việt Nam (24/11) is announced as a day off from 2026.
pub const CULTURE_DAY_FROM: i32 = 2026;

/// Giỗ Tổ Hùng Vương became a paid holiday with the 2007 amendment of the Labour Code.
pub const GIO_TO_FROM: i32 = 2007;

/// Quốc khánh has two days from the 2019 Labour Code, in force 01/01/2021.
pub const TWO_DAY_NATIONAL_DAY_FROM: i32 = 2021;

const SOURCE: &str =
    "Tính theo Bộ luật Lao động 2019, Điều 112 và Điều 111 khoản 3 (chưa công bố chính thức)";

const CULTURE_SOURCE: &str = "Nghị quyết 80-NQ/TW ngày 07/01/2026 của Bộ Chính trị (chủ trương là ngày nghỉ) và Nghị quyết 30/NQ-CP (02/2026) của Chính phủ (giao sửa Điều 112 Bộ luật Lao động); chưa thấy văn bản luật được thông qua: không chắc chắn, không có ngày nghỉ bù";

/// Holidays and make-up days off of `year`, or `None` if a date is impossible
/// (only for years far outside 1900–2100).
pub fn days_off(year: i32, working_weekdays: &[Weekday]) -> Option<Vec<DayMark>> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut holidays: Vec<(NaiveDate, String)> = vec![(ymd(1, 1)?, "Tết Dương lịch".into())];
    let tet = lunar::tet(year)?;
    for back in [2u64, 1] {
        let day = tet.checked_sub_days(ChronoDays::new(back))?;
        let name = if back == 1 {
            "Tết Nguyên đán (ngày cuối năm âm lịch)"
        } else {
            "Tết Nguyên đán (ngày áp cuối năm âm lịch)"
        };
        holidays.push((day, name.into()));
    }
    for i in 0..3u64 {
        let day = tet.checked_add_days(ChronoDays::new(i))?;
        holidays.push((day, format!("Tết Nguyên đán (mùng {} Tết)", i + 1)));
    }
    if year >= GIO_TO_FROM {
        holidays.push((
            lunar::gio_to(year)?,
            "Giỗ Tổ Hùng Vương (10/3 âm lịch)".into(),
        ));
    }
    holidays.push((ymd(4, 30)?, "Ngày Chiến thắng (30/4)".into()));
    holidays.push((ymd(5, 1)?, "Ngày Quốc tế lao động (1/5)".into()));
    let national = ymd(9, 2)?;
    holidays.push((national, "Quốc khánh (2/9)".into()));
    if year >= TWO_DAY_NATIONAL_DAY_FROM {
        let adjacent = match national.weekday() {
            Weekday::Mon | Weekday::Thu => ymd(9, 3)?,
            _ => ymd(9, 1)?,
        };
        holidays.push((adjacent, "Quốc khánh (ngày liền kề)".into()));
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
            confidence: Confidence::Computed,
        })
        .chain(compensatory.into_iter().map(|date| DayMark {
            date,
            kind: DayKind::DayOff,
            name: "Nghỉ bù".into(),
            source: SOURCE.into(),
            provisional: true,
            confidence: Confidence::Computed,
        }))
        .collect();
    if year >= CULTURE_DAY_FROM {
        let day = ymd(11, 24)?;
        if !marks.iter().any(|m| m.date == day) {
            // Listed like every holiday, even on a weekend, but with no make-up day (see
            // the module doc), and uncertain.
            marks.push(DayMark {
                date: day,
                kind: DayKind::Holiday,
                name: "Ngày Văn hóa Việt Nam (24/11)".into(),
                source: CULTURE_SOURCE.into(),
                provisional: true,
                confidence: Confidence::Uncertain,
            });
        }
    }
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
        // Tết 2027: mùng 1 = Sat 06/02. The two days before are Thu 04/02 and Fri 05/02;
        // mùng 1–3 are Sat 06, Sun 07, Mon 08. Sat 06 and Sun 07 are made up on the next
        // working days that are not holidays: Tue 09/02 and Wed 10/02. The break is
        // therefore Thu 04/02 – Wed 10/02, seven days, back to work Thu 11/02.
        // Giỗ Tổ 2027 (10/3 lunar) is Fri 16/04. 2/9/2027 is a Thursday, so 3/9 is the
        // adjacent day. 24/11/2027 is a Wednesday.
        assert_eq!(
            dates(2027, DayKind::Holiday),
            [
                "01-01", "02-04", "02-05", "02-06", "02-07", "02-08", "04-16", "04-30", "05-01",
                "09-02", "09-03", "11-24"
            ]
        );
        // 1/5/2027 is a Saturday → Mon 3/5; Tết weekend days → 9/2 and 10/2.
        assert_eq!(dates(2027, DayKind::DayOff), ["02-09", "02-10", "05-03"]);
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

    #[test]
    fn culture_day_is_uncertain_and_has_no_make_up_day() {
        // 24/11/2029 is a Saturday: listed, uncertain, and Mon 26/11/2029 stays a working day.
        let marks = days_off(2029, &MON_FRI).unwrap();
        let day = marks
            .iter()
            .find(|m| m.date.format("%m-%d").to_string() == "11-24")
            .unwrap();
        assert_eq!(day.confidence, Confidence::Uncertain);
        assert!(
            !marks
                .iter()
                .any(|m| m.date.format("%m-%d").to_string() == "11-26")
        );
        assert!(
            days_off(2025, &MON_FRI)
                .unwrap()
                .iter()
                .all(|m| m.confidence == Confidence::Computed)
        );
    }

    #[test]
    fn the_law_of_the_year_applies() {
        // 2006: no Giỗ Tổ; 2020: Quốc khánh one day (2/9/2020 Wed).
        let has = |y: i32, md: &str| dates(y, DayKind::Holiday).iter().any(|d| d == md);
        assert!(!has(2006, "04-07"), "Giỗ Tổ 2006 (07/04) was not a holiday");
        assert!(has(2007, "04-26"), "Giỗ Tổ 2007 = 26/04");
        assert!(has(2020, "09-02") && !has(2020, "09-01") && !has(2020, "09-03"));
    }
}
