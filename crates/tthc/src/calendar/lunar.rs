//! The Vietnamese lunisolar calendar, after Hồ Ngọc Đức's published algorithm
//! (new moons and the sun's longitude computed for the UTC+7 meridian).
//!
//! The Vietnamese calendar differs from the Chinese one in some years (Tết 1985, 2007,
//! 2030…) only because it is computed for UTC+7 instead of UTC+8, so the time zone is
//! a parameter of every step. Floating point is used here, and only here, because the
//! astronomy is trigonometric; the results are whole dates, checked against an
//! independent table for 1990–2060 (`tests/calendar_lunar.rs`).

use chrono::NaiveDate;
use std::f64::consts::PI;

/// Time zone of the Vietnamese calendar, in hours east of UTC.
pub const VN_TZ_HOURS: f64 = 7.0;

fn int(x: f64) -> i64 {
    x.floor() as i64
}

fn jd_from_date(date: NaiveDate) -> i64 {
    // Days from the Julian day number epoch; chrono counts from 0001-01-01 (JD 1721426).
    i64::from(chrono::Datelike::num_days_from_ce(&date)) + 1_721_425
}

fn date_from_jd(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - 1_721_425).ok()?)
}

/// Julian date of the k-th new moon after 1900-01-01 (Meeus, low precision).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let deltat = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    jd1 + c1 - deltat
}

fn new_moon_day(k: i64, tz: f64) -> i64 {
    int(new_moon(k) + 0.5 + tz / 24.0)
}

/// The sun's longitude at local midnight starting `day`, as one of 12 sectors of 30°.
fn sun_sector(day: i64, tz: f64) -> i64 {
    let jdn = day as f64 - 0.5 - tz / 24.0;
    let t = (jdn - 2451545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl += (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    int(l / PI * 6.0)
}

/// Day number of the start of lunar month 11 (the month holding the winter solstice)
/// of Gregorian year `year`.
fn lunar_month_11(year: i32, tz: f64) -> Option<i64> {
    let off = jd_from_date(NaiveDate::from_ymd_opt(year, 12, 31)?) - 2415021;
    let k = int(off as f64 / 29.530588853);
    let nm = new_moon_day(k, tz);
    Some(if sun_sector(nm, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        nm
    })
}

fn leap_month_offset(a11: i64, tz: f64) -> i64 {
    let k = int((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The Gregorian date of lunar day `day` of lunar month `month` (1–12, not the leap
/// month) of lunar year `year`, for a calendar computed at `tz` hours east of UTC.
/// `None` for impossible inputs.
pub fn lunar_to_solar(day: u32, month: u32, year: i32, tz: f64) -> Option<NaiveDate> {
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1, tz)?, lunar_month_11(year, tz)?)
    } else {
        (lunar_month_11(year, tz)?, lunar_month_11(year + 1, tz)?)
    };
    let k = int(0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853);
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        // A leap year: months from the leap month on are shifted by one.
        let leap_off = leap_month_offset(a11, tz);
        if off >= leap_off {
            off += 1;
        }
    }
    let month_start = new_moon_day(k + off, tz);
    date_from_jd(month_start + i64::from(day) - 1)
}

/// First day of the lunar year `year` (mùng 1 Tết) in Vietnam.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(1, 1, year, VN_TZ_HOURS)
}

/// Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month, in Vietnam.
pub fn gio_to(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(10, 3, year, VN_TZ_HOURS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn tet_in_recent_years() {
        assert_eq!(tet(2024), Some(d(2024, 2, 10)));
        assert_eq!(tet(2025), Some(d(2025, 1, 29)));
        assert_eq!(tet(2026), Some(d(2026, 2, 17)));
        assert_eq!(tet(2027), Some(d(2027, 2, 6)));
    }

    #[test]
    fn vietnam_and_china_differ_where_the_meridian_matters() {
        // Tết 2007 was on 17 February in Vietnam, 18 February in China (UTC+8).
        assert_eq!(tet(2007), Some(d(2007, 2, 17)));
        assert_eq!(lunar_to_solar(1, 1, 2007, 8.0), Some(d(2007, 2, 18)));
    }

    #[test]
    fn gio_to_in_recent_years() {
        assert_eq!(gio_to(2025), Some(d(2025, 4, 7)));
        assert_eq!(gio_to(2026), Some(d(2026, 4, 26)));
    }

    #[test]
    fn rejects_impossible_lunar_dates() {
        assert_eq!(lunar_to_solar(31, 1, 2025, VN_TZ_HOURS), None);
        assert_eq!(lunar_to_solar(1, 13, 2025, VN_TZ_HOURS), None);
    }
}
