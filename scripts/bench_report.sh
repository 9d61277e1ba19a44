#!/usr/bin/env bash
# `tthc report` beside the tools a statistician would use instead, in one run:
#
#   scripts/bench_report.sh [COUNT]        (default 10000000 cases)
#
# Builds the release binary, generates COUNT cases (Parquet, seed 42, receipts
# 2024-01-01..2025-12-31; reused when $BENCH_DIR already has them), then times, each
# under /usr/bin/time (wall, CPU = user + system, peak memory):
#   tthc     `tthc report` over 2025 by procedure, JSON: exact (the engine's due times)
#   pandas   read + numpy.busday_offset (whole days: wrong at cutoffs, half days,
#            restarts, swapped Saturdays) + counts
#   duckdb   the same approximation in SQL (a working-day table joined)
#   polars   the same approximation, lazy
#   floor    DuckDB decoding the nine columns and nothing else
# and prints the table with each one's ratio to tthc and to the floor, and how many
# cases each peer classifies differently from tthc (from per-procedure counts: a lower
# bound, opposite errors within a procedure cancel). The peers' Python packages go into
# a venv under target/ (kept); nothing here is part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000000}
[[ $count =~ ^[0-9]+$ ]] || { echo "usage: $0 [COUNT]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
dir=${BENCH_DIR:-target/bench-report}
mkdir -p "$dir"
tthc=target/release/tthc

echo "== cargo build --release -p tthc-cli -p tthc-report (tthc report runs the tthc-report beside tthc)"
cargo build --release -p tthc-cli -p tthc-report

venv=target/bench-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb, polars, pandas, pyarrow, numpy' 2>/dev/null; then
  echo "== installing duckdb, polars, pandas, pyarrow, numpy into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb polars pandas pyarrow numpy
fi
py=$venv/bin/python

cases=$dir/cases-$count.parquet
if [ ! -f "$cases" ]; then
  echo "== tthc cases generate --count $count --seed 42"
  "$tthc" cases generate --count "$count" --seed 42 --out "$cases" --force
fi

# `/usr/bin/time -f` → "WALL CPU MAXRSS_KB".
timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$@"
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$out.time" > "$out.measure"
}

echo "== tthc report (2025, by procedure, JSON)"
status=0
timed "$dir/tthc" "$tthc" report "$cases" --from 2025-01-01 --to 2025-12-31 \
  --by procedure --format json --out "$dir/report.json" --force || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 1 ] || exit "$status"

for peer in pandas duckdb polars floor; do
  echo "== $peer"
  timed "$dir/$peer" "$py" scripts/bench_report_peers.py "$peer" "$cases" "$dir/report.json" \
    --tthc "$tthc" --out "$dir/$peer.json"
done

echo
echo "== $count cases ($(du -h "$cases" | cut -f1) Parquet), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
def m(name):
    wall, cpu, rss = open(f"{d}/{name}.measure").read().split()
    return float(wall), float(cpu), int(rss) / 1048576
rows = [("tthc report (exact)", "tthc"), ("pandas + busday_offset", "pandas"),
        ("DuckDB SQL, same approximation", "duckdb"), ("Polars, same approximation", "polars"),
        ("floor: DuckDB decoding 9 columns", "floor")]
t = m("tthc")
f = m("floor")
print(f"{'':34} {'wall':>8} {'CPU':>8} {'peak mem':>9} {'wall/tthc':>10} {'wall/floor':>11} {'classified differently':>23}")
for label, name in rows:
    wall, cpu, rss = m(name)
    diff = "" if name in ("tthc", "floor") else f"{json.load(open(f'{d}/{name}.json'))['classified_differently']:,}"
    print(f"{label:34} {wall:7.2f}s {cpu:7.2f}s {rss:7.2f}GB {wall / t[0]:9.2f}x {wall / f[0]:10.2f}x {diff:>23}")
PY
