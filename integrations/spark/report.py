"""`tthc report` on Spark: the same counts, for case exports one machine cannot hold.

    spark-submit integrations/spark/report.py CASES... --from 2025-01-01 --to 2025-06-30 \\
        [--as-of DATETIME] [--by field|procedure|authority|decision|channel] [--out FILE]

Each executor checks its rows as `tthc report` does (the same reject codes, in the same
order: docs/report.md, "Bad rows") and computes each case's due time and its status at
the end of the period with the tthc column functions (`tthc.columns`, the core's bulk
engine, through `mapInArrow`: Arrow batches in and out, no per-row Python). Spark then
counts with counts.sql beside this file, the Spark SQL form of reports/cases.sql and
reports/counts.sql. The result is the JSON of `tthc report --format json` for the
figures it shares with it (totals and groups; see docs/spark.md for what is left out).

The executors need the `tthc` wheel (`pip install tthc`, or `--py-files`/an archived
environment: docs/spark.md). Only the 'all' period is counted (`--by month` is not).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

COUNTS = [
    "received_carried_over",
    "received_new",
    "received_direct",
    "received_online",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "open_not_due",
    "open_overdue",
    "paused",
    "returned",
    "cancelled",
    "discrepancies",
]
CHANNELS = ("direct", "online")
STATES = ("processing", "paused", "completed", "returned", "cancelled")
TIMES = ("received_at", "restarted_at", "completed_at", "portal_due_at")
BY = {
    "field": "field",
    "procedure": "procedure",
    "authority": "authority",
    "decision": "decision",
    "channel": "channel",
}
VIETNAM = timezone(timedelta(hours=7))


def checked_batches(batches: Iterator, *, end: datetime, cut: datetime, calendar: str) -> Iterator:
    """`mapInArrow`'s function: each batch of raw case rows becomes the checked rows with
    the law's due time, the status at `end` (the end of the period, or --as-of), and
    `reject`, the code of `tthc report`'s first objection to the row (null: good)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    import tthc

    cat = tthc.bundled()
    first, last = cat.horizon(calendar)
    lo = pa.scalar(datetime(first, 1, 1, tzinfo=VIETNAM), pa.timestamp("s", "+07:00"))
    hi = pa.scalar(datetime(last + 1, 1, 1, tzinfo=VIETNAM), pa.timestamp("s", "+07:00"))
    # Times are whole seconds here: what happened before `cut` happened by `end`.
    cut_s = pa.scalar(cut, pa.timestamp("s", "+07:00"))

    for batch in batches:
        n = batch.num_rows
        reject = pa.nulls(n, pa.string())

        def objection(condition, code):
            nonlocal reject
            condition = pc.fill_null(condition, False)
            reject = pc.if_else(pc.and_(pc.is_null(reject), condition), pa.scalar(code), reject)

        def text(name):
            col = batch.column(name).cast(pa.string())
            col = pc.utf8_trim_whitespace(col)
            return pc.if_else(pc.equal(col, ""), pa.nulls(n, pa.string()), col)

        case_id, procedure, variant = text("case_id"), text("procedure"), text("variant")
        channel = pc.utf8_lower(text("channel"))
        state = pc.utf8_lower(text("state"))
        objection(pc.is_null(case_id), "missing_value")
        objection(pc.is_null(procedure), "missing_value")
        objection(pc.is_null(channel), "missing_value")
        objection(pc.invert(pc.is_in(channel, pa.array(CHANNELS))), "bad_channel")
        objection(pc.is_null(state), "missing_value")
        objection(pc.invert(pc.is_in(state, pa.array(STATES))), "bad_state")
        times = {}
        for name in TIMES:
            raw = batch.column(name)
            if pa.types.is_string(raw.type) or pa.types.is_large_string(raw.type):
                raw = text(name)
            read = tthc.columns.moments(raw, calendar=calendar, catalogue=cat)
            # The report counts in whole seconds.
            at = read.column("at").combine_chunks().cast(pa.timestamp("s", "+07:00"), safe=False)
            if name == "received_at":
                objection(pc.is_null(raw), "missing_value")
            reason = read.column("reason").combine_chunks()
            # A moment beyond what a timestamp holds is outside the calendar's years too:
            # the engine's one code for both, out_of_range.
            reject = pc.if_else(pc.and_(pc.is_null(reject), pc.is_valid(reason)), reason, reject)
            objection(pc.or_(pc.less(at, lo), pc.greater_equal(at, hi)), "out_of_range")
            times[name] = at
        received, restarted, completed = times["received_at"], times["restarted_at"], times["completed_at"]
        objection(pc.less(restarted, received), "restart_before_receipt")
        objection(pc.less(completed, received), "completed_before_receipt")
        objection(pc.less(completed, restarted), "completed_before_restart")
        closed = pc.is_in(state, pa.array(["completed", "returned", "cancelled"]))
        objection(pc.and_(closed, pc.is_null(completed)), "state_needs_completed_at")
        objection(pc.and_(pc.invert(closed), pc.is_valid(completed)), "open_with_completed_at")

        # The law: due time and the status at the end of the period (or the as-of, which
        # is inclusive). What happens after it has not happened yet there: a later
        # completion leaves the case open, and a later restart does not move its due time.
        good = pc.is_null(reject)
        done_by_end = pc.if_else(pc.less(completed, cut_s), completed, pa.nulls(n, completed.type))
        restarted_by_end = pc.if_else(pc.less(restarted, cut_s), restarted, pa.nulls(n, restarted.type))

        def law_with(restart):
            return tthc.columns.compute(
                pa.table(
                    {
                        "procedure": pc.if_else(good, procedure, pa.nulls(n, pa.string())),
                        "variant": variant,
                        "received_at": received,
                        "restarted_at": restart,
                        "completed_at": done_by_end,
                    }
                ),
                at=end,
                due_soon_minutes=-1,  # the report has no "due soon"
                calendar=calendar,
                catalogue=cat,
            )

        # The status as things stood at the end; the due time the record gives, restart
        # included, for the discrepancy (a fact of the record, not of the period).
        law = law_with(restarted_by_end)
        # Only a restart after the end differs, and that leaves a null where there was a time.
        record = law if restarted_by_end.null_count == restarted.null_count else law_with(restarted)
        why = pc.coalesce(record.column("reason").combine_chunks(), law.column("reason").combine_chunks())
        # A case received after the end has no status there; it is not counted, not bad.
        bad_law = pc.and_(good, pc.and_(pc.is_valid(why), pc.not_equal(why, "before_receipt")))
        reject = pc.if_else(bad_law, why, reject)

        def spark_time(a):
            # Spark reads instants as microseconds in UTC.
            return a.cast(pa.timestamp("us", "UTC"))

        yield pa.record_batch(
            {
                "case_id": case_id,
                "procedure": law.column("procedure_id").combine_chunks(),
                "version": law.column("version").combine_chunks(),
                "channel": channel,
                "state": state,
                "received_at": spark_time(received),
                "completed_at": spark_time(completed),
                "portal_due_at": spark_time(times["portal_due_at"]),
                "due_at": spark_time(
                    record.column("due_at").combine_chunks().cast(pa.timestamp("s", "+07:00"), safe=False)
                ),
                "status_at_end": law.column("status").combine_chunks(),
                "reject": reject,
            }
        )


CHECKED_SCHEMA = (
    "case_id string, procedure string, version int, channel string, state string, "
    "received_at timestamp, completed_at timestamp, portal_due_at timestamp, "
    "due_at timestamp, status_at_end string, reject string"
)


def read_cases(spark, files: list[str]):
    frames = []
    for f in files:
        if f.endswith(".parquet"):
            df = spark.read.parquet(f)
        else:
            df = spark.read.option("header", True).option("encoding", "UTF-8").csv(f)
        # Headers as the report reads them: trimmed, lower case, no byte-order mark.
        for c in df.columns:
            df = df.withColumnRenamed(c, c.lstrip("\ufeff").strip().lower())
        wanted = ["case_id", "procedure", "variant", "channel", "state", *TIMES]
        missing = [c for c in wanted if c not in df.columns]
        if missing:
            raise SystemExit(f"{f}: missing columns {', '.join(missing)}")
        frames.append(df.select(*wanted))
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


def report(spark, files: list[str], start: date, to: date, as_of: datetime | None, by: str | None, calendar: str = "vn") -> dict:
    """The report's figures: `total`, `groups` (with --by), `rejected`."""
    import tthc

    period_start = datetime.combine(start, time(0), VIETNAM)
    period_end = datetime.combine(to + timedelta(days=1), time(0), VIETNAM)
    end = as_of.astimezone(VIETNAM) if as_of else period_end
    if not period_start <= end <= period_end:
        raise SystemExit(f"--as-of {end.isoformat()} is outside the period {start} to {to}")
    # The as-of is inclusive, as in tthc report: what happened at that very second counts.
    # The period's end is its next midnight, exclusive.
    cut = end + timedelta(seconds=1) if as_of else end

    # The executors unpickle checked_batches by module name: ship this file to them.
    spark.sparkContext.addPyFile(__file__)
    raw = read_cases(spark, files)
    checked = raw.mapInArrow(
        lambda batches: checked_batches(batches, end=end, cut=cut, calendar=calendar), CHECKED_SCHEMA
    )
    checked.cache()
    checked.createOrReplaceTempView("cases")
    versions = tthc.bundled().versions()
    spark.createDataFrame(
        [{k: v.get(k) for k in ("version", "procedure", "name", "field", "authority", "decision")} for v in versions],
        "version int, procedure string, name string, field string, authority string, decision string",
    ).createOrReplaceTempView("tthc_versions")

    sql = (Path(__file__).with_name("counts.sql")).read_text(encoding="utf-8")
    # Without --by only the total is kept; the grouping column is then any one.
    key = BY[by] if by else "channel"
    rows = spark.sql(
        sql.replace("${by}", key),
        args={"start_at": period_start, "end_at": cut},
    ).collect()

    def figures(r) -> dict:
        d = {c: int(r[c]) for c in COUNTS}
        resolved = d["resolved_early"] + d["resolved_on_time"] + d["resolved_late"]
        d["on_time_rate"] = round((d["resolved_early"] + d["resolved_on_time"]) / resolved, 4) if resolved else None
        d["late_rate"] = round(d["resolved_late"] / resolved, 4) if resolved else None
        return d

    total = next((figures(r) for r in rows if r["is_total"]), figures({c: 0 for c in COUNTS}))
    groups = sorted(
        ({"key": r["key"], **figures(r)} for r in rows if not r["is_total"] and by),
        key=lambda g: (g["key"] is None, g["key"] or ""),
    )
    rejected = {
        r["reject"]: int(r["n"])
        for r in spark.sql("SELECT reject, count(*) AS n FROM cases WHERE reject IS NOT NULL GROUP BY reject").collect()
    }
    checked.unpersist()
    return {
        "period": {"from": start.isoformat(), "to": to.isoformat()},
        "as_of": end.isoformat(),
        "by": by,
        "groups": groups,
        "total": total,
        "rejected": {"count": sum(rejected.values()), "by_reason": rejected},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", metavar="CASES")
    ap.add_argument("--from", dest="start", required=True, type=date.fromisoformat)
    ap.add_argument("--to", required=True, type=date.fromisoformat)
    ap.add_argument("--as-of", type=lambda s: datetime.fromisoformat(s) if "+" in s or s.endswith("Z") else datetime.fromisoformat(s).replace(tzinfo=VIETNAM))
    ap.add_argument("--by", choices=sorted(BY))
    ap.add_argument("--calendar", default="vn")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    # Local mode: the executors are this interpreter, with tthc installed. On a cluster,
    # spark-submit's --conf spark.pyspark.python (docs/spark.md) says otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.appName("tthc report")
        # Dates and times as Vietnam reads them, as the report counts them.
        .config("spark.sql.session.timeZone", "+07:00")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    try:
        result = report(spark, a.files, a.start, a.to, a.as_of, a.by, a.calendar)
    finally:
        spark.stop()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if a.out:
        a.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 1 if result["rejected"]["count"] else 0


if __name__ == "__main__":
    sys.exit(main())
