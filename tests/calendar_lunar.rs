//! The lunar calendar against an independent table (PyPI `holidays`, Vietnamese
//! lunisolar tables), produced by `scripts/make_lunar_table.py`.

use chrono::NaiveDate;
use tthc::calendar::lunar;

#[test]
fn tet_and_gio_to_match_the_independent_table_1990_2060() {
    let table = include_str!("data/lunar/tet_and_gio_to_1990_2060.csv");
    let mut rows = 0;
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let year: i32 = cols[0].parse().unwrap();
        let tet = NaiveDate::parse_from_str(cols[1], "%Y-%m-%d").unwrap();
        let gio_to = NaiveDate::parse_from_str(cols[2], "%Y-%m-%d").unwrap();
        assert_eq!(lunar::tet(year), Some(tet), "Tết {year}");
        assert_eq!(lunar::gio_to(year), Some(gio_to), "Giỗ Tổ {year}");
        rows += 1;
    }
    assert_eq!(rows, 71);
}
