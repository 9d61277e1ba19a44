#!/usr/bin/env python3
"""The report the way a statistician would compute it without tthc, in one of four tools,
and the floor: how fast the nine columns can be decoded at all.

    python3 scripts/bench_report_peers.py MODE CASES.parquet REPORT.json --out RESULT.json
        MODE: pandas | duckdb | polars | floor

REPORT.json is `tthc report CASES.parquet --by procedure --format json`: its period and
as_of say which cases to count; RESULT.json gets {seconds, counts: {procedure: {class:
n}}} and, compared with the report's groups, `classified_differently`.

Every peer uses the approximation its tool makes easy (the method of
bench_report_pandas.py): due date = the receipt date rolled forward to a working day plus
N working days (the procedure's time rounded up to whole days, 0 for a same-day one),
over the HOLIDAY and DAY-OFF days of calendars/vn-YYYY.ics; no 15:00 cutoff, no half
days, no restart, no swapped Saturdays. Which cases count and the paused / returned /
cancelled classes follow the report's rules. Timed: from reading the file to the counts.
`floor` only decodes the nine columns (DuckDB, summing a hash of each), the least any
tool must do.
"""
import argparse
import datetime as dt
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_report_pandas import (  # noqa: E402
    CATEGORIES, catalogue_versions, official_days_off, pandas_counts,
)

import numpy as np  # noqa: E402


def tables(versions, holidays, first, last):
    """(N rows: procedure id or code, variant '', valid_from, valid_until, n) and a day
    table: for each date, the working-day index after rolling forward, and the list of
    working days by index."""
    rows = []
    for pid, code, vfrom, vuntil, times in versions:
        for name, n in times.items():
            for key in {pid, code} - {None}:
                rows.append((key, name or "", str(vfrom), str(vuntil), n))
    cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    rolled = np.busday_offset(days, 0, roll="forward", busdaycal=cal)
    work = np.unique(rolled)
    index = np.searchsorted(work, rolled)
    return rows, days, index, work


def duckdb_counts(path, versions, holidays, start, end, first, last):
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect()
    rows, days, index, work = tables(versions, holidays, first, last + dt.timedelta(days=800))
    con.execute("CREATE TABLE n (key VARCHAR, variant VARCHAR, vfrom DATE, vuntil DATE, n INT)")
    con.executemany("INSERT INTO n VALUES (?, ?, ?, ?, ?)", rows)
    import pandas as pd
    con.register("d", pd.DataFrame({"day": days.astype("datetime64[s]"), "idx": index}))
    con.register("w", pd.DataFrame({"idx": np.arange(len(work)), "wday": work.astype("datetime64[s]")}))
    q = f"""
    WITH c AS (
      SELECT procedure, coalesce(variant, '') AS variant, state,
             -- Vietnam wall time; DuckDB's wheel may come without the ICU time zones.
             received_at::TIMESTAMP + INTERVAL 7 HOUR AS rec,
             completed_at::TIMESTAMP + INTERVAL 7 HOUR AS comp
      FROM read_parquet('{path}')
    ), k AS (
      SELECT c.*, n.n, d.idx
      FROM c JOIN d ON d.day = CAST(c.rec AS DATE)
      LEFT JOIN n ON n.key = c.procedure AND n.variant = c.variant
                 AND CAST(c.rec AS DATE) BETWEEN n.vfrom AND n.vuntil
      WHERE c.rec < TIMESTAMP '{end}' AND (c.comp IS NULL OR c.comp >= TIMESTAMP '{start}')
    ), s AS (
      SELECT k.procedure, k.state, k.comp, CAST(w.wday AS DATE) AS due
      FROM k LEFT JOIN w ON w.idx = k.idx + coalesce(k.n, 0)
    )
    SELECT procedure,
      CASE
        WHEN state IN ('returned', 'cancelled') AND comp < TIMESTAMP '{end}' THEN state
        WHEN state = 'paused' THEN 'paused'
        WHEN comp < TIMESTAMP '{end}' AND CAST(comp AS DATE) < due THEN 'early'
        WHEN comp < TIMESTAMP '{end}' AND CAST(comp AS DATE) = due THEN 'on_time'
        WHEN comp < TIMESTAMP '{end}' THEN 'late'
        WHEN due < CAST(TIMESTAMP '{end}' AS DATE) THEN 'overdue'
        ELSE 'not_due' END AS class,
      count(*) AS n
    FROM s GROUP BY ALL
    """
    out = con.execute(q).fetchall()
    seconds = time.perf_counter() - t0
    counts = {}
    for p, c, n in out:
        counts.setdefault(p, {})[c] = n
    return counts, seconds


def polars_counts(path, versions, holidays, start, end, first, last):
    import polars as pl
    t0 = time.perf_counter()
    rows, days, index, work = tables(versions, holidays, first, last + dt.timedelta(days=800))
    n = pl.DataFrame(rows, schema=["key", "variant", "vfrom", "vuntil", "n"], orient="row").with_columns(
        pl.col("vfrom").str.to_date(), pl.col("vuntil").str.to_date())
    d = pl.DataFrame({"day": days, "idx": index.astype(np.int64)})
    w = pl.DataFrame({"idx": np.arange(len(work), dtype=np.int64), "due": work})
    endt, startt = pl.lit(end), pl.lit(start)
    c = (
        pl.scan_parquet(path)
        .select(
            "procedure", pl.col("variant").fill_null(""), "state",
            pl.col("received_at").dt.convert_time_zone("+07:00").dt.replace_time_zone(None).alias("rec"),
            pl.col("completed_at").dt.convert_time_zone("+07:00").dt.replace_time_zone(None).alias("comp"),
        )
        .filter((pl.col("rec") < endt) & (pl.col("comp").is_null() | (pl.col("comp") >= startt)))
        .with_columns(pl.col("rec").dt.date().alias("day"))
        .join(d.lazy(), on="day", how="left")
        .join(n.lazy(), left_on=["procedure", "variant"], right_on=["key", "variant"], how="left")
        .filter(pl.col("n").is_null() | ((pl.col("day") >= pl.col("vfrom")) & (pl.col("day") <= pl.col("vuntil"))))
        .with_columns((pl.col("idx") + pl.col("n").fill_null(0)).alias("idx"))
        .join(w.lazy(), on="idx", how="left")
        .with_columns(
            pl.when(pl.col("state").is_in(["returned", "cancelled"]) & (pl.col("comp") < endt)).then(pl.col("state"))
            .when(pl.col("state") == "paused").then(pl.lit("paused"))
            .when((pl.col("comp") < endt) & (pl.col("comp").dt.date() < pl.col("due"))).then(pl.lit("early"))
            .when((pl.col("comp") < endt) & (pl.col("comp").dt.date() == pl.col("due"))).then(pl.lit("on_time"))
            .when(pl.col("comp") < endt).then(pl.lit("late"))
            .when(pl.col("due") < pl.lit(end.date())).then(pl.lit("overdue"))
            .otherwise(pl.lit("not_due")).alias("class"))
        .group_by("procedure", "class").len()
        .collect()
    )
    seconds = time.perf_counter() - t0
    counts = {}
    for p, cl, k in c.iter_rows():
        counts.setdefault(p, {})[cl] = k
    return counts, seconds


def floor(path):
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect()
    cols = ["case_id", "procedure", "variant", "channel", "received_at", "restarted_at",
            "completed_at", "state", "portal_due_at"]
    con.execute("SELECT " + ", ".join(f"sum(hash({c}))" for c in cols) +
                f" FROM read_parquet('{path}')").fetchall()
    return {}, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["pandas", "duckdb", "polars", "floor"])
    ap.add_argument("cases")
    ap.add_argument("report")
    ap.add_argument("--tthc", default="target/release/tthc")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    report = json.load(open(a.report, encoding="utf-8"))
    start = dt.datetime.combine(dt.date.fromisoformat(report["period"]["from"]), dt.time())
    end = dt.datetime.combine(dt.date.fromisoformat(report["period"]["to"]), dt.time()) + dt.timedelta(days=1)
    first, last = dt.date(2024, 1, 1), dt.date.fromisoformat(report["period"]["to"])
    versions = catalogue_versions(a.tthc, first, last)
    code_to_id = {code: pid for pid, code, *_ in versions if code}
    holidays, _ = official_days_off(range(first.year, last.year + 3))
    if a.mode == "floor":
        counts, seconds = floor(a.cases)
    elif a.mode == "pandas":
        ids, arr, seconds, _, _ = pandas_counts(a.cases, versions, holidays, start, end)
        counts = {p: {c: int(arr[i, j]) for j, (c, _) in enumerate(CATEGORIES)} for i, p in enumerate(ids)}
    elif a.mode == "duckdb":
        counts, seconds = duckdb_counts(a.cases, versions, holidays, start, end, first, last)
    else:
        counts, seconds = polars_counts(a.cases, versions, holidays, start, end, first, last)
    merged = {}
    for p, cl in counts.items():
        into = merged.setdefault(code_to_id.get(p, p), {})
        for c, n in cl.items():
            into[c] = into.get(c, 0) + n
    differently = None
    if a.mode != "floor":
        tthc = {g["key"]: g for g in report["groups"]}
        diff = 0
        for p in set(tthc) | set(merged):
            for c, field in CATEGORIES:
                diff += abs(tthc.get(p, {}).get(field, 0) - merged.get(p, {}).get(c, 0))
        differently = diff // 2
    json.dump({"seconds": seconds, "classified_differently": differently, "counts": merged},
              open(a.out, "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
