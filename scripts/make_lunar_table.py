#!/usr/bin/env python3
"""Write tests/data/lunar/tet_and_gio_to_1990_2060.csv from an independent source.

The Rust lunar calendar (crates/tthc/src/calendar/lunar.rs) is checked against this table. The
reference is the `holidays` package from PyPI (pip install holidays), whose
Vietnamese lunisolar tables (UTC+7) are maintained separately from the Hồ Ngọc Đức
algorithm we implement, so agreement is real evidence. Used only to produce the table.

Usage: python3 scripts/make_lunar_table.py > tests/data/lunar/tet_and_gio_to_1990_2060.csv
"""
import sys

from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar


def main() -> None:
    cal = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    out = sys.stdout
    out.write("year,tet,gio_to\n")
    for year in range(1990, 2061):
        tet, _ = cal.lunar_new_year_date(year)
        gio_to, _ = cal.hung_kings_date(year)
        out.write(f"{year},{tet.isoformat()},{gio_to.isoformat()}\n")


if __name__ == "__main__":
    main()
