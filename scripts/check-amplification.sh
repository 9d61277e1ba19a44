#!/usr/bin/env bash
# Issue 25, item 1: what a hostile text costs `POST /v1/check` and `tthc check`.
#
# For each input of the issue (1 MiB of DEL characters on one line; 1 MiB of `#DEL`
# lines; 64 KiB of DEL characters), prints per line:
#   - the server: HTTP status, response bytes, seconds to the answer, seconds the server
#     stayed busy after the request was sent (work that runs on after a timeout shows
#     here), and its peak RSS (a fresh server per input, so VmHWM is that input's);
#   - the CLI: exit status, bytes printed, seconds and peak RSS of `tthc check FILE
#     --format json` and `--format human` (exit status 124: stopped after CLI_TIMEOUT
#     seconds, default 300).
#
# Usage: scripts/check-amplification.sh [path/to/tthc]   (default: target/debug/tthc)
#        PARTS="cli" scripts/check-amplification.sh ...     (only the CLI; or "server")
# Build first (`cargo build`, or `cargo build --release` and pass target/release/tthc).
# Loopback only; every request is bounded by curl's --max-time.
#
# Measured 2026-12-06 on the 2-core machine (under other builds' load), release builds
# (`cargo build --release -p tthc-cli --no-default-features`) of 720bd60 (before) and of
# the fix (after); CLI_TIMEOUT=60 for the before run:
#   input                 where      before                          after
#   1 MiB of DEL          server     503 at 10 s, busy 179 s, 1026 MB  200, 0.08 s, 34 KB, 19 MB
#                         cli json   stopped at 60 s, 1019 MB          0.20 s, 37 KB, 15 MB
#                         cli human  stopped at 60 s, 2349 MB          1.38 s, 48 KB, 14 MB
#   1 MiB of #DEL lines   server     200, 3.8 s, 122 MB body, 409 MB   200, 0.39 s, 35 KB, 25 MB
#                         cli json   3.9 s, 136 MB printed, 420 MB     0.53 s, 39 KB, 18 MB
#                         cli human  stopped at 60 s, 353 MB           0.52 s, 27 KB, 18 MB
#   64 KiB of DEL         server     200, 1.5 s, 22 MB body, 99 MB     200, 0.02 s, 34 KB, 15 MB
#                         cli json   1.45 s, 24 MB printed, 84 MB      0.02 s, 37 KB, 10 MB
#                         cli human  stopped at 60 s, 1515 MB          0.08 s, 49 KB, 10 MB
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tthc}
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build first" >&2; exit 2; }
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work" <<'EOF'
import json, os, sys
work = sys.argv[1]
inputs = {
    "del-1MiB": "\x7f" * (1 << 20),
    "hash-del-lines-1MiB": "#\x7f\n" * ((1 << 20) // 3),
    "del-64KiB": "\x7f" * (64 << 10),
}
for name, text in inputs.items():
    # Each in a folder of its own: `tthc check` checks a file with the catalogue around it.
    os.makedirs(os.path.join(work, name))
    with open(os.path.join(work, name, name + ".tthc"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(work, name + ".json"), "w", encoding="utf-8") as f:
        json.dump({"text": text, "file": name + ".tthc"}, f, ensure_ascii=False)
EOF

# utime + stime of a process, in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

printf '%-22s %-6s %6s %12s %9s %9s %10s\n' input where status bytes seconds busy_s peak_RSS
parts=${PARTS:-server cli}
for name in del-1MiB hash-del-lines-1MiB del-64KiB; do
  if [[ $parts == *server* ]]; then
  port=$((20000 + RANDOM % 20000))
  "$bin" serve --addr "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 200); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  start=$(date +%s.%N)
  out=$(curl -sS -o "$work/body" -w '%{http_code} %{size_download} %{time_total}' \
    --max-time 120 -H 'content-type: application/json' \
    --data-binary "@$work/$name.json" "http://127.0.0.1:$port/v1/check" || echo "000 0 120")
  # Busy until its CPU time stops growing for a full second (at most 180 s).
  last=$(cpu "$server"); idle=0
  while [ "$idle" -lt 10 ]; do
    sleep 0.1
    now=$(cpu "$server")
    if [ "$now" = "$last" ]; then idle=$((idle + 1)); else idle=0; last=$now; fi
    if [ "$(echo "$(date +%s.%N) - $start > 180" | bc)" = 1 ]; then break; fi
  done
  busy=$(echo "$(date +%s.%N) - $start - 1" | bc)
  hwm=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")
  read -r status bytes secs <<< "$out"
  printf '%-22s %-6s %6s %12s %9.2f %9.2f %10s\n' "$name" server "$status" "$bytes" "$secs" "$busy" "$hwm"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  fi
  [[ $parts == *cli* ]] || continue
  for format in json human; do
    args=(--format "$format")
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time" timeout "${CLI_TIMEOUT:-300}" "$bin" check "$work/$name/$name.tthc" "${args[@]}" > "$work/out" 2>/dev/null
    code=$?
    set -e
    # time(1) says "Command exited with non-zero status N" first when it did.
    read -r secs kb < <(tail -n 1 "$work/time") || { secs=0; kb=0; }
    printf '%-22s %-6s %6s %12s %9.2f %9s %7.0f MB\n' "$name" "cli-$format" "$code" "$(wc -c < "$work/out")" "$secs" - "$(echo "$kb / 1024" | bc -l)"
  done
done
