//! The announced schedules of 2020–2023 and what happens before them (issue 10, item 1).
//!
//! Every expected day below was worked out by hand from the notices cited in
//! `calendars/SOURCES.md` and a perpetual calendar, not read from the ICS files.

use chrono::{Datelike, NaiveDate, Weekday};
use std::path::Path;
use tthc::calendar::{CalendarError, WorkingCalendar};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn with_vn<R>(f: impl FnOnce(&WorkingCalendar) -> R) -> R {
    let cals =
        tthc::sources::calendars_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars"))
            .unwrap();
    f(cals.get("vn").unwrap())
}

/// The weekdays (Mon–Fri) of `year` that are not working days.
fn weekdays_off(cal: &WorkingCalendar, year: i32) -> Vec<String> {
    d(year, 1, 1)
        .iter_days()
        .take_while(|x| x.year() == year)
        .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
        .filter(|x| !cal.index().is_working_day(*x).unwrap())
        .map(|x| x.format("%d/%m").to_string())
        .collect()
}

#[test]
fn announced_2020_to_2023_weekdays_off() {
    with_vn(|vn| {
        // 2020 (Labour Code 2012): 1/1 Wed; Tết Thu 23/01 – Wed 29/01 (mùng 1 Sat 25/01);
        // Giỗ Tổ Thu 02/04; 30/4 Thu, 1/5 Fri; Quốc khánh one day, Wed 02/09.
        assert_eq!(
            weekdays_off(vn, 2020),
            [
                "01/01", "23/01", "24/01", "27/01", "28/01", "29/01", "02/04", "30/04", "01/05",
                "02/09"
            ]
        );
        // 2021: 1/1 Fri; Tết Wed 10/02 – Tue 16/02; Giỗ Tổ Wed 21/04; 30/4 Fri, 1/5 Sat →
        // Mon 03/05; Quốc khánh Thu 02/09 + Fri 03/09 (two days from the 2019 Code).
        assert_eq!(
            weekdays_off(vn, 2021),
            [
                "01/01", "10/02", "11/02", "12/02", "15/02", "16/02", "21/04", "30/04", "03/05",
                "02/09", "03/09"
            ]
        );
        // 2022: 1/1 Sat → Mon 03/01; Tết Mon 31/01 – Fri 04/02; Giỗ Tổ Sun 10/04 → Mon
        // 11/04; 30/4 Sat and 1/5 Sun → Mon 02/05, Tue 03/05; Thu 01/09 + Fri 02/09.
        assert_eq!(
            weekdays_off(vn, 2022),
            [
                "03/01", "31/01", "01/02", "02/02", "03/02", "04/02", "11/04", "02/05", "03/05",
                "01/09", "02/09"
            ]
        );
        // 2023: 1/1 Sun → Mon 02/01; Tết Fri 20/01 – Thu 26/01; Giỗ Tổ Sat 29/04 and 30/4
        // Sun → Tue 02/05, Wed 03/05 after the holiday Mon 01/05; Fri 01/09, 2/9 Sat →
        // Mon 04/09.
        assert_eq!(
            weekdays_off(vn, 2023),
            [
                "02/01", "20/01", "23/01", "24/01", "25/01", "26/01", "01/05", "02/05", "03/05",
                "01/09", "04/09"
            ]
        );
        // The old computation worked Fri 20/01/2023; the announced break did not.
        assert!(!vn.index().is_working_day(d(2023, 1, 20)).unwrap());
        for year in 2020..=2026 {
            assert!(!vn.is_provisional(d(year, 6, 1)), "{year} is announced");
            assert!(
                vn.marks_for_year(year)
                    .unwrap()
                    .iter()
                    .all(|m| !m.provisional)
            );
        }
        // No make-up Saturdays were announced in 2020–2023.
        for year in 2020..=2023 {
            let sat = d(year, 1, 1)
                .iter_days()
                .take_while(|x| x.year() == year)
                .filter(|x| x.weekday() == Weekday::Sat)
                .filter(|x| vn.index().is_working_day(*x).unwrap())
                .count();
            assert_eq!(sat, 0, "{year}");
        }
    })
}

#[test]
fn before_the_first_announced_year_is_an_error_naming_the_date() {
    with_vn(|vn| {
        let e = vn.index().is_working_day(d(2019, 12, 31)).unwrap_err();
        let msg = CalendarError::from(e).to_string();
        assert_eq!(
            msg,
            "31 Dec 2019 is before 2020, the first year whose days off this calendar knows; \
             today's rules are not applied to the past, so no deadline can be computed there"
        );
        assert!(matches!(
            vn.marks_for_year(2019),
            Err(CalendarError::OutOfHorizon { .. })
        ));
        assert!(vn.index().is_working_day(d(2020, 1, 2)).unwrap());
    })
}
