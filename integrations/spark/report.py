"""`tthc report` on Spark: the same counts, for case exports one machine cannot hold.

    spark-submit integrations/spark/report.py CASES... --from 2025-01-01 --to 2025-06-30 \\
        [--as-of DATETIME] [--by field|procedure|authority|decision|channel|month] [--out FILE]

Each executor checks its rows as `tthc report` does (the same reject codes, in the same
order: docs/report.md, "Bad rows") and computes each case's due time and its status at
the end of the period with the tthc column functions (`tthc.columns`, the core's bulk
engine, through `mapInArrow`: Arrow batches in and out; only a `pauses` cell, the
exception in an export, is split in Python). Spark then counts with counts.sql beside
this file, the Spark SQL form of reports/cases.sql and reports/counts.sql. The result is the JSON of `tthc report --format json` for the
figures it shares with it (totals and groups; see docs/spark.md for what is left out).

The executors need the `tthc` wheel (`pip install tthc`, or `--py-files`/an archived
environment: docs/spark.md). `--by month` counts each month of the period as a period
of its own, as `tthc report --by month` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

COUNTS = [
    "received_carried_over",
    "received_new",
    "received_direct",
    "received_online",
    "received_postal",
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
CHANNELS = ("direct", "online", "postal")
STATES = ("processing", "paused", "completed", "returned", "cancelled")
TIMES = ("received_at", "restarted_at", "completed_at", "portal_due_at")
BY = {
    "field": "field",
    "procedure": "procedure",
    "authority": "authority",
    "decision": "decision",
    "channel": "channel",
    "month": None,  # not a column: each month is a period (see periods())
}
VIETNAM = timezone(timedelta(hours=7))


def read_pauses(cells, received, completed, hi, calendar: str, cat) -> tuple[list, list]:
    """The `pauses` column read and checked as `tthc report` does (docs/report.md: pauses
    separated by `;`, each `FROM--TO`, or `FROM/TO` at the first slash that leaves a
    readable time on its left; `TO` empty for a pause still running).

    Returns, for each row, its pauses as (from, to) epoch seconds (`to` None while it
    runs; an empty list for none) and the code of the first objection to them:
    `bad_pause` (unreadable, starting before the receipt, ending before it starts, running
    past the completion) or `out_of_range` (past the calendar's years), else None.
    Per row in Python: a cell with pauses is the exception in an export."""
    import pyarrow as pa

    import tthc

    n = len(cells)
    pauses: list = [[] for _ in range(n)]
    problem: list = [None] * n
    texts = cells.to_pylist()
    rows = [i for i, c in enumerate(texts) if c is not None]
    if not rows:
        return pauses, problem

    def read(values: list[str]) -> list:
        """Epoch seconds of each text, None where it does not read."""
        if not values:
            return []
        m = tthc.columns.moments(pa.array(values, pa.string()), calendar=calendar, catalogue=cat)
        at = m.column("at").combine_chunks()
        ok = m.column("reason").combine_chunks().is_null().to_pylist()
        secs = at.cast(pa.timestamp("s", "+07:00"), safe=False).cast(pa.int64()).to_pylist()
        return [s if good and v.strip() else None for s, good, v in zip(secs, ok, values)]

    parts = {i: [p.strip() for p in texts[i].split(";") if p.strip()] for i in rows}
    # `FROM/TO`: the slash that leaves a readable time on its left.
    candidates = [
        (i, j, k)
        for i in rows
        for j, part in enumerate(parts[i])
        if "--" not in part
        for k, ch in enumerate(part)
        if ch == "/"
    ]
    readable = read([parts[i][j][:k].strip() for i, j, k in candidates])
    cut: dict = {}
    for (i, j, k), t in zip(candidates, readable):
        if t is not None:
            cut.setdefault((i, j), k)
    pairs = []
    for i in rows:
        for j, part in enumerate(parts[i]):
            if "--" in part:
                a, b = part.split("--", 1)
            elif (i, j) in cut:
                a, b = part[: cut[(i, j)]], part[cut[(i, j)] + 1 :]
            else:
                a, b = part, ""
            pairs.append((i, a.strip(), b.strip()))
    froms = read([a for _, a, _ in pairs])
    tos = read([b for _, _, b in pairs if b])
    tos_iter = iter(tos)
    read_pairs: dict = {i: [] for i in rows}
    for (i, _, b), f in zip(pairs, froms):
        t = next(tos_iter) if b else None
        unreadable = f is None or (b and t is None)
        read_pairs[i].append(None if unreadable else (f, t))

    recv = received.cast(pa.int64()).to_pylist()
    done = completed.cast(pa.int64()).to_pylist()
    horizon_end = int(hi.value)
    for i in rows:
        if any(p is None for p in read_pairs[i]):
            problem[i] = "bad_pause"
            continue
        for f, t in read_pairs[i]:
            if (
                recv[i] is not None and f < recv[i]
                or t is not None and t < f
                or done[i] is not None and (t is None or t > done[i])
            ):
                problem[i] = "bad_pause"
                break
            if f >= horizon_end or t is not None and t >= horizon_end:
                problem[i] = "out_of_range"
                break
        else:
            pauses[i] = read_pairs[i]
    return pauses, problem


class Period(NamedTuple):
    """A period counted: `all`, or a month of it (`2025-03`)."""

    label: str
    #: Its first instant.
    start: datetime
    #: The instant after its last: what happened before it happened in the period.
    cut: datetime
    #: The instant the status is taken at (the as-of itself, which is inclusive, or `cut`).
    at: datetime


def periods(period_start: datetime, end: datetime, cut: datetime, months: bool) -> list[Period]:
    """The whole period, then (with `months`) each month of it, cut at its ends as
    `tthc report` cuts them: the first from the period's start, the last to its end or
    the as-of, whose status is taken at the as-of."""
    out = [Period("all", period_start, cut, end)]
    if months:
        day = period_start.replace(day=1)
        while day < cut:
            following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
            start, stop = max(day, period_start), min(following, cut)
            if start < stop:
                out.append(Period(day.strftime("%Y-%m"), start, stop, end if stop == cut else stop))
            day = following
    return out


def checked_batches(batches: Iterator, *, periods: list[Period], calendar: str) -> Iterator:
    """`mapInArrow`'s function: each batch of raw case rows becomes, for each period, the
    checked rows with the law's due time, the status at the period's end, and `reject`,
    the code of `tthc report`'s first objection to the row (null: good; the same in
    every period, as it is found on the whole one, `periods[0]`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    import tthc

    cat = tthc.bundled()
    first, last = cat.horizon(calendar)
    lo = pa.scalar(datetime(first, 1, 1, tzinfo=VIETNAM), pa.timestamp("s", "+07:00"))
    hi = pa.scalar(datetime(last + 1, 1, 1, tzinfo=VIETNAM), pa.timestamp("s", "+07:00"))
    stamp = pa.timestamp("s", "+07:00")
    pause_type = pa.list_(pa.struct([("from", stamp), ("to", stamp)]))

    def seconds(t: datetime):
        return pa.scalar(t, stamp)

    for batch in batches:
        n = batch.num_rows
        reject = pa.nulls(n, pa.string())

        def objection(condition, code):
            """`code` (a text, or a column of them) for the rows where `condition` holds
            and no earlier objection does."""
            nonlocal reject
            condition = pc.fill_null(condition, False)
            code = pa.scalar(code) if isinstance(code, str) else code
            reject = pc.if_else(pc.and_(pc.is_null(reject), condition), code, reject)

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
        pauses, pause_problem = read_pauses(text("pauses"), received, completed, hi, calendar, cat)
        with_pauses = [i for i, p in enumerate(pauses) if p]
        has_pauses = pa.array([bool(p) for p in pauses]) if with_pauses else pa.array([False] * n)

        def pauses_before(limit: int | None):
            """The pauses column for the engine: those that started before `limit`."""
            if not with_pauses:
                return pa.nulls(n, pause_type)
            return pa.array(
                [
                    [{"from": f, "to": t} for f, t in p if limit is None or f < limit] if p else None
                    for p in pauses
                ],
                pa.list_(pa.struct([("from", pa.int64()), ("to", pa.int64())])),
            ).cast(pause_type)

        # The law: due time and the status at the end of a period (or the as-of, which
        # is inclusive). What happens after it has not happened yet there: a later
        # completion leaves the case open, and a later restart does not move its due time.
        good = pc.is_null(reject)

        def before(times, period):
            return pc.if_else(pc.less(times, seconds(period.cut)), times, pa.nulls(n, times.type))

        def law_with(restart, period, everything=False):
            return tthc.columns.compute(
                pa.table(
                    {
                        "procedure": pc.if_else(good, procedure, pa.nulls(n, pa.string())),
                        "variant": variant,
                        "received_at": received,
                        "restarted_at": restart,
                        "pauses": pauses_before(None if everything else int(period.cut.timestamp())),
                        "completed_at": before(completed, period),
                    }
                ),
                at=period.at,
                due_soon_minutes=-1,  # the report has no "due soon"
                calendar=calendar,
                catalogue=cat,
            )

        # The status as things stood at the end of the whole period; the due time the
        # record gives, restart included, for the discrepancy (a fact of the record, not
        # of the period) and for whether the row is good.
        whole = periods[0]
        restarted_by_end = before(restarted, whole)
        law = law_with(restarted_by_end, whole)
        # The record's due time differs only where a restart or a pause came after the
        # end: only then is the engine run again.
        cut_s = int(whole.cut.timestamp())
        later = restarted_by_end.null_count != restarted.null_count or any(
            f >= cut_s for i in with_pauses for f, _ in pauses[i]
        )
        record = law_with(restarted, whole, everything=True) if later else law
        # tthc report's order: the procedure and case resolve, then the pauses are
        # checked, then the engine counts.
        field = law.column("reason_field").combine_chunks()
        objection(pc.is_in(field, pa.array(["procedure", "variant"])), law.column("reason").combine_chunks())
        for code in ("bad_pause", "out_of_range"):
            objection(pc.equal(pa.array(pause_problem, pa.string()), code), code)
        good = pc.is_null(reject)
        why = pc.coalesce(record.column("reason").combine_chunks(), law.column("reason").combine_chunks())
        # A case received after the end has no status there; it is not counted, not bad.
        # A pause still running leaves no due time, and the case is paused: not bad either.
        bad_law = pc.and_(good, pc.and_(pc.is_valid(why), pc.invert(pc.is_in(why, pa.array(["before_receipt", "pause_open"])))))
        reject = pc.if_else(bad_law, why, reject)

        def spark_time(a):
            # Spark reads instants as microseconds in UTC.
            return a.cast(pa.timestamp("us", "UTC"))

        due_at = spark_time(record.column("due_at").combine_chunks().cast(pa.timestamp("s", "+07:00"), safe=False))
        for period in periods:
            status = law if period is whole else law_with(before(restarted, period), period)
            # Paused at the end: inside a pause then, not yet completed; a case with no
            # pauses in the file is paused when its state says so (in every period).
            end_s = int(period.cut.timestamp())
            done = pc.fill_null(pc.less(completed, seconds(period.cut)), False)
            within = (
                pa.array([any(f < end_s and (t is None or t >= end_s) for f, t in p) for p in pauses])
                if with_pauses
                else has_pauses
            )
            paused = pc.if_else(
                has_pauses,
                pc.and_(pc.invert(done), within),
                pc.fill_null(pc.equal(state, "paused"), False),
            )

            def constant(t: datetime):
                return spark_time(pa.array([t] * n, pa.timestamp("s", "+07:00")))

            yield pa.record_batch(
                {
                    "period": pa.array([period.label] * n, pa.string()),
                    "period_start": constant(period.start),
                    "period_cut": constant(period.cut),
                    "case_id": case_id,
                    "procedure": law.column("procedure_id").combine_chunks(),
                    "version": law.column("version").combine_chunks(),
                    "channel": channel,
                    "state": state,
                    "received_at": spark_time(received),
                    "completed_at": spark_time(completed),
                    "portal_due_at": spark_time(times["portal_due_at"]),
                    "due_at": due_at,
                    "status_at_end": status.column("status").combine_chunks(),
                    "paused_at_end": paused,
                    "reject": reject,
                }
            )


CHECKED_SCHEMA = (
    "period string, period_start timestamp, period_cut timestamp, case_id string, procedure string, version int, channel string, state string, "
    "received_at timestamp, completed_at timestamp, portal_due_at timestamp, "
    "due_at timestamp, status_at_end string, paused_at_end boolean, reject string"
)


def read_cases(spark, files: list[str]):
    from pyspark.sql import functions as F

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
        # `pauses` is optional, and text as tthc report reads it (docs/report.md).
        if "pauses" not in df.columns:
            df = df.withColumn("pauses", F.lit(None).cast("string"))
        elif dict(df.dtypes)["pauses"] != "string":
            raise SystemExit(
                f"{f}: the pauses column is {dict(df.dtypes)['pauses']}; write it as text, "
                "`FROM--TO; FROM--TO` (docs/report.md)"
            )
        frames.append(df.select(*wanted, "pauses"))
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
    counted = periods(period_start, end, cut, months=by == "month")
    checked = raw.mapInArrow(
        lambda batches: checked_batches(batches, periods=counted, calendar=calendar), CHECKED_SCHEMA
    )
    checked.cache()
    checked.createOrReplaceTempView("cases")
    versions = tthc.bundled().versions()
    spark.createDataFrame(
        [{k: v.get(k) for k in ("version", "procedure", "name", "field", "authority", "decision")} for v in versions],
        "version int, procedure string, name string, field string, authority string, decision string",
    ).createOrReplaceTempView("tthc_versions")

    sql = (Path(__file__).with_name("counts.sql")).read_text(encoding="utf-8")
    # Without a column to group by only the totals are kept; the grouping column is then
    # any one. With --by month the groups are the months' totals.
    key = BY[by] if by and BY[by] else "channel"
    rows = spark.sql(sql.replace("${by}", key)).collect()

    def figures(r) -> dict:
        d = {c: int(r[c]) for c in COUNTS}
        resolved = d["resolved_early"] + d["resolved_on_time"] + d["resolved_late"]
        d["on_time_rate"] = round((d["resolved_early"] + d["resolved_on_time"]) / resolved, 4) if resolved else None
        d["late_rate"] = round(d["resolved_late"] / resolved, 4) if resolved else None
        return d

    zeros = figures({c: 0 for c in COUNTS})
    totals = {r["period"]: figures(r) for r in rows if r["is_total"]}
    total = totals.get("all", zeros)
    if by == "month":
        # A month in which no case was counted is shown with zeros, as tthc report does.
        groups = [{"key": p.label, **totals.get(p.label, zeros)} for p in counted[1:]]
    else:
        groups = sorted(
            ({"key": r["key"], **figures(r)} for r in rows if not r["is_total"] and r["period"] == "all" and by),
            key=lambda g: (g["key"] is None, g["key"] or ""),
        )
    rejected = {
        r["reject"]: int(r["n"])
        for r in spark.sql(
            "SELECT reject, count(*) AS n FROM cases WHERE period = 'all' AND reject IS NOT NULL GROUP BY reject"
        ).collect()
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
