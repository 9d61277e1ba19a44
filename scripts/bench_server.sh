#!/usr/bin/env bash
# Load benchmark of `tthc serve` over loopback with wrk: requests/s and latency
# percentiles for GET /healthz and POST /v1/deadlines at 64 connections, and the latency
# of a 1,000-case POST /v1/deadlines/batch. Prints one comparison at the end.
#
#   scripts/bench_server.sh [SECONDS]     (needs wrk: apt-get install wrk)
#
# Targets: deadlines throughput >= 50% of healthz, deadlines p99 < 5 ms at 64
# connections, 1,000-case batch < 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cargo build --quiet --release
work=$(mktemp -d)
port=18$((RANDOM % 900 + 100))
target/release/tthc serve --addr "127.0.0.1:$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
base="http://127.0.0.1:$port"

case_json='{"procedure":"cap-giay-xac-nhan-tinh-trang-hon-nhan","received_at":"2025-01-24T10:00:00+07:00","variant":"verification"}'
cat > "$work/deadline.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$case_json'
LUA
python3 - "$case_json" > "$work/batch.json" <<'PY'
import json, sys
case = json.loads(sys.argv[1])
days = ["2025-01-%02dT%02d:%02d:00+07:00" % (2 + i % 28, 7 + i % 10, (i * 7) % 60) for i in range(1000)]
print(json.dumps({"cases": [dict(case, received_at=d, variant=None if i % 2 else "verification") for i, d in enumerate(days)]}))
PY
cat > "$work/batch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/batch.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
# Every run must have answered 200: wrk reports non-2xx responses separately.
check_ok() { if grep -q "Non-2xx" "$1"; then echo "non-2xx answers in $1:" >&2; cat "$1" >&2; exit 1; fi; }

curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$work/batch.json" "$base/v1/deadlines/batch"
wrk -t2 -c64 -d"${seconds}s" --latency "$base/healthz" > "$work/healthz.txt"; check_ok "$work/healthz.txt"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/deadline.lua" "$base/v1/deadlines" > "$work/deadlines.txt"; check_ok "$work/deadlines.txt"
wrk -t1 -c1 -d"${seconds}s" --latency -s "$work/batch.lua" "$base/v1/deadlines/batch" > "$work/batch.txt"; check_ok "$work/batch.txt"

python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
def parse(name):
    text = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    return rps, pct(50), pct(99)
h, d, b = parse("healthz"), parse("deadlines"), parse("batch")
print(f"{'endpoint':<34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
print(f"{'GET /healthz (64 conns)':<34}{h[0]:>10.0f}{h[1]:>10.3f}{h[2]:>10.3f}")
print(f"{'POST /v1/deadlines (64 conns)':<34}{d[0]:>10.0f}{d[1]:>10.3f}{d[2]:>10.3f}")
print(f"{'POST batch of 1000 (1 conn)':<34}{b[0]:>10.1f}{b[1]:>10.3f}{b[2]:>10.3f}")
ratio = d[0] / h[0]
ok = lambda c: "ok" if c else "MISSED"
print(f"deadlines/healthz throughput: {ratio:.0%} (target >= 50%: {ok(ratio >= 0.5)})")
print(f"deadlines p99: {d[2]:.3f} ms (target < 5 ms: {ok(d[2] < 5)})")
print(f"1000-case batch p99: {b[2]:.3f} ms (target < 20 ms: {ok(b[2] < 20)})")
PY
