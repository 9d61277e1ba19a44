"""The Spark report (report.py, Spark local mode) gives `tthc report --format json`'s
figures on the same file: totals, every group for each --by, with and without --as-of,
and the same rejected rows by reason.

The file is `tthc cases generate`'s (receipts in working hours, restarts, returns,
cancellations, pauses, portal due times wrong the ways real systems are) with rows
appended that `tthc report` rejects, one per reason.

    pytest integrations/spark/test_report.py      # needs pyspark, Java 17, the tthc wheel
"""

from __future__ import annotations

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


@pytest.mark.parametrize(
    "by, as_of",
    [("field", None), ("procedure", None), ("channel", None), ("authority", "2025-05-15 12:00"),
     ("decision", None), (None, "2025-03-31 17:00")],
)
def test_the_spark_report_counts_what_tthc_report_counts(spark, cases, by, as_of):
    args = ["--from", "2025-01-01", "--to", "2025-06-30"]
    if by:
        args += ["--by", by]
    if as_of:
        args += ["--as-of", as_of]
    expected = _cli(cases, *args)
    got = report.report(
        spark,
        [str(cases)],
        datetime(2025, 1, 1).date(),
        datetime(2025, 6, 30).date(),
        datetime.fromisoformat(as_of).replace(tzinfo=VIETNAM) if as_of else None,
        by,
    )
    pick = lambda d: {k: d[k] for k in FIGURES}  # noqa: E731
    assert pick(got["total"]) == pick(expected["total"])
    # The generated file reaches every status the report counts.
    assert all(got["total"][k] > 0 for k in ("resolved_early", "resolved_on_time", "resolved_late",
                                             "returned", "cancelled", "discrepancies"))
    if by:
        assert {g["key"]: pick(g) for g in got["groups"]} == {g["key"]: pick(g) for g in expected["groups"]}
        # One field and one decision in the bundled catalogue; several of the others.
        assert len(got["groups"]) >= (2 if by in ("procedure", "channel", "authority") else 1)
    assert got["rejected"]["by_reason"] == expected["rejected"]["by_reason"]
    assert got["rejected"]["count"] == len(BAD_ROWS.splitlines())
