#!/usr/bin/env python3
"""Compare whole-working-day offsets: numpy.busday_offset against tthc's index.

Runs the Rust side (`cargo run --release --example busday_offset`), which prints
ns/offset, a checksum and the weekday days off of 2024–2026, then runs
numpy.busday_offset single-threaded over the same 10 million (date, offset) pairs
with the same days off, checks both give the same dates and prints the comparison.

Usage: pip install numpy && python3 scripts/bench_vs_numpy.py
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rust_side() -> dict:
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "busday_offset"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def numpy_side(n: int, holidays: list[str]) -> tuple[float, int]:
    # Same arithmetic as benches/common/mod.rs::offsets.
    i = np.arange(n, dtype=np.uint64)
    dates = np.datetime64("2024-01-01", "D") + (i * np.uint64(7919) % np.uint64(1004)).astype("int64")
    offsets = (i * np.uint64(104729) % np.uint64(60)).astype("int64")
    cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    best = float("inf")
    result = None
    for _ in range(3):
        start = time.perf_counter()
        result = np.busday_offset(dates, offsets, roll="forward", busdaycal=cal)
        best = min(best, (time.perf_counter() - start) * 1e9 / n)
    return best, int(result.astype("int64").sum())


def main() -> int:
    rust = rust_side()
    np_ns, np_sum = numpy_side(rust["n"], rust["holidays"])
    agree = np_sum == rust["checksum"]
    print(f"offsets: {rust['n']:,} over 2024-01-01..2026-09-30, 0-59 working days, "
          f"{len(rust['holidays'])} weekday days off")
    print(f"numpy.busday_offset : {np_ns:8.2f} ns/offset  (numpy {np.__version__})")
    print(f"tthc index (Rust)   : {rust['ns_per_offset']:8.2f} ns/offset")
    print(f"speed-up            : {np_ns / rust['ns_per_offset']:8.1f}x")
    print(f"same results        : {'yes' if agree else 'NO'} (checksum {rust['checksum']} vs {np_sum})")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
