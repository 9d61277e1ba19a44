"""The Spark report (report.py, Spark local mode) gives `tthc report --format json`'s
figures on the same file: totals, every group for each --by (each month with --by month),
with and without --as-of,
and the same rejected rows by reason.

The file is `tthc cases generate`'s (receipts in working hours, restarts, returns,
cancellations, pauses, portal due times wrong the ways real systems are) with rows
appended that `tthc report` rejects, one per reason.

    pytest integrations/spark/test_report.py      # needs pyspark, Java 17, the tthc wheel
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

sys.path.insert(0, str(Path(__file__).parent))
import report  # noqa: E402

VIETNAM = timezone(timedelta(hours=7))
FIGURES = [*report.COUNTS, "on_time_rate", "late_rate"]

BAD_ROWS = """\
B1,dang-ky-khai-tu,,direct,31/02/2025 10:00,,,processing,
B2,no-such-procedure,,direct,2025-03-04 10:00,,,processing,
B3,dang-ky-khai-tu,,fax,2025-03-04 10:00,,,processing,
B4,dang-ky-khai-tu,,direct,2025-03-04 10:00,,,lost,
B5,dang-ky-khai-tu,,online,2025-03-04 10:00,,,completed,
B6,dang-ky-khai-tu,,online,2025-03-04 10:00,,2025-03-05 10:00,processing,
B7,dang-ky-khai-tu,,online,2025-03-04 10:00,2025-03-01 10:00,,processing,
B8,dang-ky-khai-tu,,online,2019-03-04 10:00,,,processing,
B9,dang-ky-khai-tu,no-such-case,online,2025-03-04 10:00,,,processing,
,dang-ky-khai-tu,,online,2025-03-04 10:00,,,processing,
B11,dang-ky-khai-tu,,online,,,,processing,
B12,dang-ky-khai-tu,,Online, 2025-03-04 10:00 ,,2025-03-03 10:00,completed,
B13,dang-ky-khai-tu,,online,tomorrow,,,processing,
B14,dang-ky-khai-tu,,online,2025-03-04 10:00,2025-03-06 10:00,2025-03-05 10:00,completed,
"""

# For the file with a `pauses` column: cases by post, and pauses in every form the column
# takes (`--`, `/`, day-first dates, several, one still running, one across a month's end,
# one across the as-of), then one bad row per objection to them.
H = "cap-giay-xac-nhan-tinh-trang-hon-nhan"
PAUSE_ROWS = f"""\
P01,{H},,postal,2025-02-03 09:00,,2025-02-10 10:00,completed,,2025-02-04 09:00--2025-02-06 09:00
P02,{H},,online,2025-03-27 09:00,,2025-04-03 16:00,completed,2025-04-01 09:00,2025-03-28 09:00--2025-04-02 09:00
P03,{H},,direct,2025-06-20 09:00,,,paused,,2025-06-23 10:00--
P04,{H},,postal,2025-05-12 09:00,,,processing,,12/05/2025 14:00--13/05/2025 14:00
P05,{H},,online,2025-04-01 09:00,,,paused,,2025-04-02 09:00/2025-04-03 09:00
P06,{H},,direct,2025-01-06 08:00,,2025-01-13 16:00,completed,,2025-01-06 09:00--2025-01-07 09:00; 2025-01-08 09:00--2025-01-09 09:00
P07,{H},,online,2025-05-14 09:00,,2025-05-21 10:00,completed,,2025-05-15 08:00--2025-05-19 08:00
P08,{H},,postal,2025-05-14 09:00,2025-05-16 09:00,,processing,,2025-05-20 09:00--2025-06-03 09:00
P09,{H},,direct,2025-02-25 09:00,,,processing,, ; 
P10,{H},,postal,2025-06-02 09:00,,,processing,,
"""
BAD_PAUSE_ROWS = f"""\
Q1,{H},,online,2025-03-04 10:00,,,processing,,soon--later
Q2,{H},,online,2025-03-04 10:00,,,processing,,2025-03-03 10:00--2025-03-05 10:00
Q3,{H},,online,2025-03-04 10:00,,,processing,,2025-03-06 10:00--2025-03-05 10:00
Q4,{H},,online,2025-03-04 10:00,,2025-03-10 10:00,completed,,2025-03-05 10:00--2025-03-12 10:00
Q5,{H},,online,2025-03-04 10:00,,2025-03-10 10:00,completed,,2025-03-05 10:00--
Q6,{H},,online,2025-03-04 10:00,,,processing,,2061-01-05 09:00--
Q7,no-such-procedure,,online,2025-03-04 10:00,,,processing,,soon--later
Q8,{H},,online,2025-03-04 10:00,,,processing,,2025-03-05 10:00--2025-03-07 10:00; 2025-03-06 10:00--2025-03-10 10:00
Q9,{H},,fax,2025-03-04 10:00,,,processing,,soon--later
Q10,{H},,online,2025-03-04 10:00,,,processing,,2025-03-05 10:00--2025-03-0x
"""


def _tthc() -> str:
    exe = "tthc.exe" if os.name == "nt" else "tthc"
    beside = Path(sysconfig.get_path("scripts")) / exe
    found = str(beside) if beside.is_file() else shutil.which("tthc")
    if not found:
        pytest.skip("no tthc command: install the tthc wheel")
    return found


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("spark")
    path = d / "cases.csv"
    subprocess.run(
        [_tthc(), "cases", "generate", "--count", "4000", "--seed", "7", "--from", "2024-10-01",
         "--to", "2025-09-30", "--out", str(path)],
        check=True, capture_output=True, cwd=d,
    )
    with path.open("a", encoding="utf-8") as f:
        f.write(BAD_ROWS)
    return path


@pytest.fixture(scope="module")
def cases_with_pauses(cases) -> Path:
    """The same file with a `pauses` column (empty in its rows), and PAUSE_ROWS and
    BAD_PAUSE_ROWS after them."""
    path = cases.with_name("cases-with-pauses.csv")
    with cases.open(encoding="utf-8", newline="") as src, path.open("w", encoding="utf-8", newline="") as out:
        rows = list(csv.reader(src))
        w = csv.writer(out, lineterminator="\n")
        w.writerow([*rows[0], "pauses"])
        w.writerows([*r, ""] for r in rows[1:])
        out.write(PAUSE_ROWS + BAD_PAUSE_ROWS)
    return path


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("tthc report test")
        .config("spark.sql.session.timeZone", "+07:00")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield s
    s.stop()


def _cli(cases: Path, *args: str) -> dict:
    p = subprocess.run(
        [_tthc(), "report", str(cases), *args, "--format", "json"],
        capture_output=True, text=True, cwd=cases.parent,
    )
    assert p.returncode == 1, p.stderr  # the appended rows are rejected
    return json.loads(p.stdout)


def pick(figures: dict) -> dict:
    return {k: figures[k] for k in FIGURES}


def _both(spark, cases: Path, by: str | None, as_of: str | None) -> tuple[dict, dict]:
    """`tthc report --format json` and the Spark job on `cases`, the first half of 2025."""
    args = ["--from", "2025-01-01", "--to", "2025-06-30"]
    if by:
        args += ["--by", by]
    if as_of:
        args += ["--as-of", as_of]
    got = report.report(
        spark,
        [str(cases)],
        datetime(2025, 1, 1).date(),
        datetime(2025, 6, 30).date(),
        datetime.fromisoformat(as_of).replace(tzinfo=VIETNAM) if as_of else None,
        by,
    )
    return _cli(cases, *args), got


@pytest.mark.parametrize(
    "by, as_of",
    [("field", None), ("procedure", None), ("channel", None), ("authority", "2025-05-15 12:00"),
     ("decision", None), (None, "2025-03-31 17:00"), ("month", None), ("month", "2025-05-15 12:00")],
)
def test_the_spark_report_counts_what_tthc_report_counts(spark, cases, by, as_of):
    expected, got = _both(spark, cases, by, as_of)
    assert pick(got["total"]) == pick(expected["total"])
    # The generated file reaches every status the report counts.
    assert all(got["total"][k] > 0 for k in ("resolved_early", "resolved_on_time", "resolved_late",
                                             "returned", "cancelled", "discrepancies"))
    if by:
        assert {g["key"]: pick(g) for g in got["groups"]} == {g["key"]: pick(g) for g in expected["groups"]}
        if by == "month":
            # Each month of the period, to the as-of's (its status taken at the as-of).
            months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
            assert [g["key"] for g in got["groups"]] == months[: 5 if as_of else 6]
            # A case open across months counts in each: the total is not their sum.
            assert sum(g["received_carried_over"] for g in got["groups"]) > got["total"]["received_carried_over"]
        else:
            # One field and one decision in the bundled catalogue; several of the others.
            assert len(got["groups"]) >= (2 if by in ("procedure", "channel", "authority") else 1)
    assert got["rejected"]["by_reason"] == expected["rejected"]["by_reason"]
    assert got["rejected"]["count"] == len(BAD_ROWS.splitlines())


@pytest.mark.parametrize(
    "by, as_of",
    [("month", None), ("month", "2025-05-15 12:00"), ("channel", "2025-03-31 17:00")],
)
def test_pauses_and_cases_by_post_count_as_in_tthc_report(spark, cases_with_pauses, by, as_of):
    expected, got = _both(spark, cases_with_pauses, by, as_of)
    assert pick(got["total"]) == pick(expected["total"])
    assert {g["key"]: pick(g) for g in got["groups"]} == {g["key"]: pick(g) for g in expected["groups"]}
    groups = {g["key"]: g for g in got["groups"]}
    if by == "month" and not as_of:
        # P02 is inside its pause at the end of March, P03 at the end of June; P05 says
        # `paused` but its only pause has ended, so it is counted by its due time.
        without = {g["key"]: g for g in _both(spark, cases_with_pauses.with_name("cases.csv"), by, None)[1]["groups"]}
        assert groups["2025-03"]["paused"] == without["2025-03"]["paused"] + 1
        assert groups["2025-06"]["paused"] == without["2025-06"]["paused"] + 1
        assert groups["2025-04"]["open_overdue"] > without["2025-04"]["open_overdue"]
    # P01, P04, P08, P10 came by post; only those received in the period before the end.
    assert got["total"]["received_postal"] == (4 if not as_of else 1 if as_of.startswith("2025-03") else 3)
    assert got["rejected"]["by_reason"] == expected["rejected"]["by_reason"]
    assert got["rejected"]["count"] == len(BAD_ROWS.splitlines()) + len(BAD_PAUSE_ROWS.splitlines())
    # Each bad pause is refused for what tthc report refuses it for, in its order.
    assert got["rejected"]["by_reason"]["bad_pause"] == 6  # Q1-Q5, Q10
    assert got["rejected"]["by_reason"]["out_of_range"] >= 1  # Q6 (and B8)
