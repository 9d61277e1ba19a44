#!/usr/bin/env bash
# Benchmark of `tthc report` over a generated Parquet file, beside the same counts
# computed the usual way in pandas + numpy (scripts/bench_report_pandas.py).
#
#   scripts/bench_report.sh [COUNT]        (default 10000000 cases)
#
# Steps: `cargo build --release`; `tthc cases generate --count COUNT --seed 42` (receipts
# 2024-01-01..2025-12-31) into $DIR/cases.parquet; `tthc report` over 2025 by procedure
# as JSON, timed with /usr/bin/time -v (wall time and maximum resident set size;
# targets: < 10 s and < 2 GB for 10 million cases); then the pandas script over the same
# file, which prints its own time and the two sets of counts side by side.
#
# DIR is a new temporary folder, or $BENCH_DIR when set (kept, so the Python venv and
# the generated file can be reused: an existing cases.parquet with the same COUNT is not
# generated again). Needs /usr/bin/time (apt-get install time) and python3; pandas,
# pyarrow and numpy are installed into $DIR/venv when python3 lacks them.
# Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000000}
[[ $count =~ ^[0-9]+$ ]] || { echo "usage: $0 [COUNT]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then
  dir=$BENCH_DIR; mkdir -p "$dir"
else
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
fi
tthc=target/release/tthc

echo "== cargo build --release"
cargo build --release

# `/usr/bin/time -v` output → "WALL_SECONDS MAX_RSS_KB".
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %d\n", wall, rss }' "$1"
}

echo "== tthc cases generate --count $count --seed 42"
if [ -f "$dir/cases.parquet" ] && [ "$(cat "$dir/cases.count" 2>/dev/null)" = "$count" ]; then
  echo "(reusing $dir/cases.parquet)"
  gen_wall=- gen_rss=-
else
  rm -f "$dir/cases.count"
  /usr/bin/time -v -o "$dir/generate.time" \
    "$tthc" cases generate --count "$count" --seed 42 --out "$dir/cases.parquet" --force
  read -r gen_wall gen_rss < <(measure "$dir/generate.time")
  echo "$count" > "$dir/cases.count"
fi
size=$(du -h "$dir/cases.parquet" | cut -f1)

echo "== tthc report (2025, by procedure, JSON)"
status=0
/usr/bin/time -v -o "$dir/report.time" \
  "$tthc" report "$dir/cases.parquet" --from 2025-01-01 --to 2025-12-31 \
  --by procedure --format json --out "$dir/report.json" --force || status=$?
read -r rep_wall rep_rss < <(measure "$dir/report.time")
if [ "$status" -ne 0 ]; then
  echo "tthc report exited with status $status (1: some rows were rejected; see above)" >&2
  [ "$status" -eq 1 ] || exit "$status"
fi

echo "== pandas"
py=python3
if ! python3 -c 'import pandas, pyarrow, numpy' 2>/dev/null; then
  if [ ! -x "$dir/venv/bin/python" ]; then
    echo "(installing pandas, pyarrow and numpy into $dir/venv)"
    python3 -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet pandas pyarrow numpy
  fi
  py=$dir/venv/bin/python
fi
/usr/bin/time -v -o "$dir/pandas.time" \
  "$py" scripts/bench_report_pandas.py "$dir/cases.parquet" "$dir/report.json" \
  --tthc "$tthc" --tthc-seconds "$rep_wall" --summary "$dir/pandas.json"
read -r pd_proc_wall pd_rss < <(measure "$dir/pandas.time")
read -r pd_wall pd_diff < <("$py" -c 'import json, sys; s = json.load(open(sys.argv[1])); print("%.2f %d" % (s["seconds"], s["classified_differently"]))' "$dir/pandas.json")

gb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.2f GB", k / 1048576 }'; }
secs() { if [ "$1" = "-" ]; then echo "-"; else echo "$1 s"; fi; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "-" && v + 0 < t + 0) ? "ok" : "MISSED" }'; }
echo
echo "== summary: $count cases, $size Parquet ($dir/cases.parquet)"
printf '%-34s %10s %10s\n' "" "wall" "max RSS"
printf '%-34s %10s %10s\n' "tthc cases generate" "$(secs "$gen_wall")" "$(gb "$gen_rss")"
printf '%-34s %10s %10s   targets for 10 million cases < 10 s: %s, < 2 GB: %s\n' "tthc report (whole process)" "$(secs "$rep_wall")" "$(gb "$rep_rss")" \
  "$(verdict "$rep_wall" 10)" "$(verdict "$rep_rss" 2097152)"
printf '%-34s %10s %10s\n' "pandas (read + due dates + counts)" "$(secs "$pd_wall")" "-"
printf '%-34s %10s %10s\n' "pandas script (whole process)" "$(secs "$pd_proc_wall")" "$(gb "$pd_rss")"
awk -v t="$rep_wall" -v p="$pd_wall" 'BEGIN { if (t > 0) printf "speed ratio: tthc report took %.2fx the time of the pandas computation (%.2f s vs %.2f s)\n", t / p, t, p }'
echo "cases classified differently by the pandas method: $pd_diff (from per-procedure counts; a lower bound)"
