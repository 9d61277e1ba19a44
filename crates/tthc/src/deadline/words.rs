//! Working time in the words staff screens use: "3 ngày 2 giờ 36 phút".

/// Formats `minutes` of working time, where one "ngày" is one working day of `per_day`
/// minutes (not 24 hours). Zero parts are left out; zero itself is "0 phút".
pub fn working_time_vi(minutes: i64, per_day: i64) -> String {
    let minutes = minutes.max(0);
    let per_day = per_day.max(1);
    let (days, rest) = (minutes / per_day, minutes % per_day);
    let (hours, mins) = (rest / 60, rest % 60);
    let mut parts = Vec::with_capacity(3);
    if days > 0 {
        parts.push(format!("{days} ngày"));
    }
    if hours > 0 {
        parts.push(format!("{hours} giờ"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} phút"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_a_working_day() {
        assert_eq!(
            working_time_vi(3 * 480 + 2 * 60 + 36, 480),
            "3 ngày 2 giờ 36 phút"
        );
        assert_eq!(working_time_vi(480, 480), "1 ngày");
        assert_eq!(working_time_vi(61, 480), "1 giờ 1 phút");
        assert_eq!(working_time_vi(0, 480), "0 phút");
    }
}
