#!/usr/bin/env python3
"""The on-time report the way an analyst would compute it in pandas, beside `tthc report`.

    python3 scripts/bench_report_pandas.py CASES.parquet REPORT.json
        [--tthc target/release/tthc] [--tthc-seconds S] [--summary FILE.json]

REPORT.json is `tthc report CASES.parquet --by procedure --format json`: its period and
as_of say which cases to count, its groups are compared with the counts computed here.

The analyst's method, the usual one with numpy:
  due date = numpy.busday_offset(receipt date, N, roll='forward', weekmask='1111100',
             holidays=<the HOLIDAY and DAY-OFF days of calendars/vn-YYYY.ics for the
             receipts' years and the year after>), where N is the procedure's time in
             working days (the case's, for a named case such as `verification`), rounded
             up to whole days, 0 for a same-day procedure. Whole days only: no 15:00 cutoff, no half days, no
             restart, and no swapped Saturdays (the WORKING-DAY events are ignored,
             as numpy's weekmask has no way to add a Saturday).
  completed on a date before the due date: early; on it: on time; after it: late.
  open at the end: overdue when the due date is before the day of as_of, else not due.
  Paused, returned and cancelled cases, and which cases count in the period, follow the
  report's rules (reports/cases.sql), so only the due dates differ.
N comes from `tthc list --format json --at DATE` (its `total`, e.g. "3 days,
verification 23 days" or "same day, cutoff 15:00"), asked for the first day of every
month of the file's receipts and the day after each version's end.

Timed: reading the Parquet file and everything after it up to the counts (not the
`tthc list` calls, not the comparison). The number of cases classified differently is
derived from the per-procedure counts (tthc writes no per-case statuses): the sum over
procedures and categories of |tthc - pandas|, halved. It is a lower bound: two opposite
misclassifications within one procedure cancel out.
"""
import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATEGORIES = [
    ("early", "resolved_early"),
    ("on_time", "resolved_on_time"),
    ("late", "resolved_late"),
    ("not_due", "open_not_due"),
    ("overdue", "open_overdue"),
    ("paused", "paused"),
    ("returned", "returned"),
    ("cancelled", "cancelled"),
]


def official_days_off(years):
    """HOLIDAY and DAY-OFF dates of calendars/vn-YEAR.ics (WORKING-DAY events ignored),
    and the files read."""
    days, files = [], []
    for year in years:
        path = os.path.join(ROOT, "calendars", f"vn-{year}.ics")
        if not os.path.exists(path):
            continue
        files.append(os.path.basename(path))
        start, cats = None, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if line == "BEGIN:VEVENT":
                    start, cats = None, None
                elif line.startswith("DTSTART;VALUE=DATE:"):
                    v = line.split(":", 1)[1]
                    start = f"{v[:4]}-{v[4:6]}-{v[6:8]}"
                elif line.startswith("CATEGORIES:"):
                    cats = line.split(":", 1)[1].split(",")
                elif line == "END:VEVENT" and start and cats:
                    if "HOLIDAY" in cats or "DAY-OFF" in cats:
                        days.append(start)
    return sorted(set(days)), files


def working_days(amount):
    """`same day` -> 0, `3 days` / `1 day` / `0,5 days` / `10.5 days` -> whole days, up."""
    amount = amount.strip()
    if amount.startswith("same day"):
        return 0
    m = re.match(r"^([0-9]+(?:[.,][0-9]+)?(?:/[0-9]+)?) days?$", amount)
    if not m:
        return None
    n = m.group(1).replace(",", ".")
    if "/" in n:
        a, b = n.split("/")
        value = float(a) / float(b)
    else:
        value = float(n)
    return int(math.ceil(value))


def parse_total(total):
    """{None: N ordinary, 'verification': N, ...} from a `total` string of `tthc list`."""
    out = {}
    for part in total.split(","):
        part = part.strip()
        if not part or part.startswith("cutoff"):
            continue
        n = working_days(part)
        if n is not None:
            out[None] = n
            continue
        name, _, rest = part.partition(" ")
        n = working_days(rest)
        if n is not None:
            out[name] = n
    return out


def catalogue_versions(tthc, first, last):
    """Every version in force on some day of first..last: (id, code, from, until, times)."""
    asked, todo, versions = set(), [], {}
    d = first.replace(day=1)
    while d <= last:
        todo.append(max(d, first))
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    while todo:
        at = todo.pop()
        if at in asked or at > last:
            continue
        asked.add(at)
        out = subprocess.run([tthc, "list", "--format", "json", "--at", at.isoformat()],
                             check=True, capture_output=True, text=True).stdout
        for p in json.loads(out)["procedures"]:
            key = (p["id"], p["valid_from"])
            if key not in versions:
                versions[key] = p
                if p["valid_until"]:
                    todo.append(dt.date.fromisoformat(p["valid_until"]) + dt.timedelta(days=1))
    return [
        (p["id"], p["code"], np.datetime64(p["valid_from"], "D"),
         np.datetime64(p["valid_until"] or "9999-12-31", "D"), parse_total(p["total"]))
        for p in versions.values()
    ]


def pandas_counts(path, versions, holidays, start, end):
    """Per-procedure category counts, the analyst's way.

    Returns (ids, counts[len(ids), len(CATEGORIES)], seconds, cases without a time,
    cases counted)."""
    t0 = time.perf_counter()
    df = pd.read_parquet(path, columns=["procedure", "variant", "received_at",
                                        "completed_at", "state"])
    # Procedure keys as categories; a national code means its procedure.
    code_to_id = {code: pid for pid, code, *_ in versions if code}
    proc = df["procedure"].astype("category")
    cats = [code_to_id.get(c, c) for c in proc.cat.categories]
    ids = sorted(set(cats))
    id_index = {p: i for i, p in enumerate(ids)}
    pidx = np.array([id_index[c] for c in cats], dtype=np.int64)[proc.cat.codes.to_numpy()]
    variant = df["variant"].fillna("").astype("category")
    vcodes = variant.cat.codes.to_numpy()
    vcats = {v: i for i, v in enumerate(variant.cat.categories)}

    received = df["received_at"].dt.tz_localize(None)   # Vietnam wall time
    completed = df["completed_at"].dt.tz_localize(None)
    recv_day = received.to_numpy().astype("datetime64[D]")

    # N per (procedure, case), from the version in force on the receipt date.
    n_days = np.full(len(df), -1, dtype=np.int64)
    for pid, _code, vfrom, vuntil, times in versions:
        if pid not in id_index:
            continue
        in_version = (pidx == id_index[pid]) & (recv_day >= vfrom) & (recv_day <= vuntil)
        for name, n in times.items():
            key = "" if name is None else name
            if key in vcats:
                n_days[in_version & (vcodes == vcats[key])] = n
    unknown = int((n_days < 0).sum())
    n_days[n_days < 0] = 0

    cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    due_day = np.busday_offset(recv_day, n_days, roll="forward", busdaycal=cal)

    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    counted = ((received < end_ts) & (completed.isna() | (completed >= start_ts))).to_numpy()
    done = (completed < end_ts).to_numpy()   # False for NaT
    state = df["state"].to_numpy()
    comp_day = completed.to_numpy().astype("datetime64[D]")
    end_day = np.datetime64(end.date(), "D")
    names = [c for c, _ in CATEGORIES]
    status = np.select(
        [
            (state == "returned") & done,
            (state == "cancelled") & done,
            state == "paused",
            done & (comp_day < due_day),
            done & (comp_day == due_day),
            done & (comp_day > due_day),
            due_day < end_day,
        ],
        [names.index(c) for c in
         ["returned", "cancelled", "paused", "early", "on_time", "late", "overdue"]],
        default=names.index("not_due"),
    )
    k = len(names)
    counts = np.bincount(pidx[counted] * k + status[counted],
                         minlength=len(ids) * k).reshape(len(ids), k)
    seconds = time.perf_counter() - t0
    return ids, counts, seconds, unknown, int(counted.sum())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases")
    ap.add_argument("report")
    ap.add_argument("--tthc", default=os.path.join(ROOT, "target", "release", "tthc"))
    ap.add_argument("--tthc-seconds", type=float, default=None,
                    help="wall time of the tthc report run, for the speed ratio")
    ap.add_argument("--summary", default=None,
                    help="also write {seconds, classified_differently, counted} to this JSON file")
    a = ap.parse_args()

    report = json.load(open(a.report, encoding="utf-8"))
    if report.get("by") != "procedure":
        sys.exit("the report must be made with --by procedure")
    period_from = dt.date.fromisoformat(report["period"]["from"])
    as_of = dt.datetime.fromisoformat(report["as_of"])
    # Wall times in Vietnam, as the columns are after tz_localize(None).
    start = dt.datetime.combine(period_from, dt.time())
    end = as_of.replace(tzinfo=None)

    # The receipts' first and last days, to ask the catalogue for every version in force.
    rows = pq.read_metadata(a.cases).num_rows
    col = pq.read_table(a.cases, columns=["received_at"]).column(0)
    secs = pc.min_max(col.cast(pyarrow.timestamp("s", col.type.tz)).cast(pyarrow.int64()))
    vietnam = dt.timezone(dt.timedelta(hours=7))
    first, last = (dt.datetime.fromtimestamp(secs[k].as_py(), vietnam).date()
                   for k in ("min", "max"))
    versions = catalogue_versions(a.tthc, first, last)
    # The receipts' years and the next (due dates run past the last receipt).
    holidays, ics = official_days_off(range(first.year, max(last.year, as_of.year) + 2))

    ids, counts, seconds, unknown, counted = pandas_counts(a.cases, versions, holidays,
                                                           start, end)
    row_of = {p: i for i, p in enumerate(ids)}

    tthc = {g["key"]: g for g in report["groups"]}
    procs = sorted(set(tthc) | set(ids), key=lambda k: (k is None, k or ""))
    diff_total = 0
    totals = {c: [0, 0] for c, _ in CATEGORIES}
    for p in procs:
        for j, (c, field) in enumerate(CATEGORIES):
            t = tthc.get(p, {}).get(field, 0)
            q = int(counts[row_of[p], j]) if p in row_of else 0
            totals[c][0] += t
            totals[c][1] += q
            diff_total += abs(t - q)

    print(f"cases in file          : {rows:,} (receipts {first} to {last})")
    print(f"period                 : {report['period']['from']} to {report['period']['to']}, "
          f"open cases as of {report['as_of']}; counted by pandas: {counted:,}")
    print(f"holidays (numpy)       : {len(holidays)} HOLIDAY/DAY-OFF days of "
          f"{', '.join(ics)}; no swapped Saturdays")
    if unknown:
        print(f"cases without a time   : {unknown:,} (procedure or case not found; counted with N=0)")
    print()
    print(f"{'category':<10} {'tthc':>12} {'pandas':>12} {'difference':>12}")
    for c, _ in CATEGORIES:
        t, q = totals[c]
        print(f"{c:<10} {t:>12,} {q:>12,} {q - t:>+12,}")
    t_sum = sum(v[0] for v in totals.values())
    q_sum = sum(v[1] for v in totals.values())
    print(f"{'total':<10} {t_sum:>12,} {q_sum:>12,} {q_sum - t_sum:>+12,}")
    print()
    differently = diff_total // 2
    share = differently / t_sum * 100 if t_sum else 0.0
    print(f"classified differently : {differently:,} cases ({share:.2f}% of those counted) - "
          f"sum of |tthc - pandas| over {len(procs)} procedures x {len(CATEGORIES)} "
          f"categories, halved; a lower bound (opposite errors within a procedure cancel)")
    print(f"pandas wall time       : {seconds:.2f} s (read Parquet + due dates + counts; "
          f"pandas {pd.__version__}, numpy {np.__version__}, pyarrow {pyarrow.__version__})")
    if a.tthc_seconds:
        print(f"tthc report wall time  : {a.tthc_seconds:.2f} s (whole process, incl. loading "
              f"the catalogue, checking every row, discrepancies)")
        print(f"speed ratio            : tthc is {seconds / a.tthc_seconds:.2f}x the speed of pandas "
              f"(pandas time / tthc time)")
    if a.summary:
        with open(a.summary, "w", encoding="utf-8") as f:
            json.dump({"seconds": seconds, "classified_differently": differently,
                       "counted": t_sum}, f)


if __name__ == "__main__":
    main()
