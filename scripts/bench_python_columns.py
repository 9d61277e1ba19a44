#!/usr/bin/env python3
"""Cases per second of tthc.columns.compute against a per-row Python loop over the
single-case API (Catalogue.status), on the same generated cases; one thread.

    python scripts/bench_python_columns.py [--cases 1000000] [--loop 20000] [--repeat 3]
        [--report-bin PATH/tthc-report]

Needs the tthc wheel (a release build: python/build-wheel.sh --profile release, or
maturin build --release) and pyarrow. The cases are drawn from the bundled catalogue:
receipts from 10/04/2024 to 31/05/2025 at any minute, half of them completed 0-20 days later, the others
looked at on 30/06/2025; about one in ten names a procedure by its national code.
The per-row loop is timed on its first --loop rows (a million calls take minutes) and
its answers are checked against the columns' on those rows. With --report-bin, the same
cases are written as a CSV case export and `tthc-report report` is timed on them too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.compute as pc

import tthc

VIETNAM = timezone(timedelta(hours=7))
AT = "2025-06-30 17:00"


def generate(cat: tthc.Catalogue, n: int, seed: int) -> pa.Table:
    keys = []
    for p in cat.procedures(at="2025-01-01"):
        if any(v.get("variants") for v in cat.procedure(p["id"])["versions"]):
            continue  # a named case would be needed: kept out so every row is answerable
        keys.append(p["id"])
        if p.get("code"):
            keys.append(p["code"])
    keys_arr = pa.array(keys)
    rnd = lambda s: pc.random(n, initializer=seed + s)  # noqa: E731
    pick = pc.cast(pc.floor(pc.multiply(rnd(1), len(keys))), pa.int32())
    # Decision 1086 is in force from 09/04/2024; its district items until 30/06/2025.
    start = int(datetime(2024, 4, 10, tzinfo=VIETNAM).timestamp())
    span = int(datetime(2025, 6, 1, tzinfo=VIETNAM).timestamp()) - start
    received = pc.add(pc.cast(pc.floor(pc.multiply(rnd(2), span // 60)), pa.int64()), start // 60)
    received = pc.multiply(received, 60)
    took = pc.cast(pc.floor(pc.multiply(rnd(3), 20 * 86_400)), pa.int64())
    done = pc.if_else(pc.less(rnd(4), 0.5), pc.add(received, took), pa.nulls(n, pa.int64()))
    ts = pa.timestamp("s", "+07:00")
    return pa.table(
        {
            "procedure": pc.take(keys_arr, pick),
            "received_at": received.cast(ts),
            "completed_at": done.cast(ts),
        }
    )


def best(f, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--loop", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--report-bin", help="a tthc-report program to time on the same cases")
    a = ap.parse_args()

    cat = tthc.Catalogue.bundled()
    cases = generate(cat, a.cases, a.seed)
    fmt = "%Y-%m-%d %H:%M:%S"
    text = cases.set_column(1, "received_at", pc.strftime(cases["received_at"], fmt))
    text = text.set_column(2, "completed_at", pc.strftime(cases["completed_at"], fmt))

    rows = []
    t_ts, out = best(lambda: tthc.columns.compute(cases, at=AT, catalogue=cat), a.repeat)
    rows.append(("tthc.columns.compute, timestamp columns", a.cases, t_ts))
    t_tx, out_tx = best(lambda: tthc.columns.compute(text, at=AT, catalogue=cat), a.repeat)
    rows.append(("tthc.columns.compute, text columns", a.cases, t_tx))
    assert out.column("reason").null_count == a.cases, "every generated case is answerable"
    assert out.column("due_at").equals(out_tx.column("due_at"))

    m = min(a.loop, a.cases)
    procs = text["procedure"].to_pylist()[:m]
    recv = text["received_at"].to_pylist()[:m]
    done = text["completed_at"].to_pylist()[:m]

    def loop():
        answers = []
        for p, r, d in zip(procs, recv, done):
            st = cat.status(p, r, completed_at=d) if d else cat.status(p, r, at=AT)
            answers.append((st["due_at"], st["status"], st["working_minutes"]))
        return answers

    t_loop, answers = best(loop, 1)
    rows.append(("per-row loop of Catalogue.status", m, t_loop))
    expected = list(
        zip(
            (t.isoformat() for t in out.column("due_at").to_pylist()[:m]),
            out.column("status").to_pylist()[:m],
            out.column("working_minutes").to_pylist()[:m],
        )
    )
    mismatches = sum(x != y for x, y in zip(answers, expected))

    if a.report_bin:
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "cases.csv")
            n = text.num_rows
            export = pa.table(
                {
                    "case_id": pa.array([f"C{i:08d}" for i in range(n)]),
                    "procedure": text["procedure"],
                    "variant": pa.nulls(n, pa.string()),
                    "channel": pa.array(["direct"] * n),
                    "received_at": text["received_at"],
                    "restarted_at": pa.nulls(n, pa.string()),
                    "completed_at": text["completed_at"],
                    "state": pc.if_else(pc.is_valid(text["completed_at"]), "completed", "processing"),
                    "portal_due_at": pa.nulls(n, pa.string()),
                }
            )
            import pyarrow.csv as csv

            csv.write_csv(export, path)
            cmd = [a.report_bin, "report", path, "--from", "2024-01-01", "--to", "2025-12-31",
                   "--threads", "1", "--format", "json"]
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rows.append((f"tthc-report report (CSV, 1 thread): {os.path.basename(a.report_bin)}", n, time.perf_counter() - t0))

    print(f"tthc {tthc.__version__}: {a.cases:,} generated cases (seed {a.seed}), one thread, best of {a.repeat}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print()
    print(f"{'method':<52} {'cases':>11} {'seconds':>9} {'cases/s':>12} {'ns/case':>9}")
    for name, n, t in rows:
        print(f"{name:<52} {n:>11,} {t:>9.3f} {n / t:>12,.0f} {t / n * 1e9:>9.0f}")
    loop_rate = m / t_loop
    print()
    print(f"columns (timestamps) vs per-row loop: {a.cases / t_ts / loop_rate:,.0f}x")
    print(f"per-row answers differing from the columns' on the first {m:,} rows: {mismatches}")


if __name__ == "__main__":
    main()
