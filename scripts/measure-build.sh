#!/usr/bin/env bash
# The release builds from a clean target (issue 20's figures): the lean `tthc`, then
# `tthc-report` on top of it in the same target (what DataFusion adds), each with its
# time, size and number of crates compiled, and the load average around it (the machine
# is shared: a figure taken under load says so).
#
#   scripts/measure-build.sh [PROFILE]      # default release; `dist` for LTO
#
# Uses its own target folder under /tmp and deletes it afterwards. Never run it in CI:
# the report build alone takes about 15 minutes on two idle cores.
set -u
cd "$(dirname "$0")/.."
profile=${1:-release}
dir=$profile; [ "$profile" = dev ] && dir=debug
export CARGO_TARGET_DIR=${TMPDIR:-/tmp}/tthc-measure-$$ CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never
trap 'rm -rf "$CARGO_TARGET_DIR"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }
measure() {
  local what=$1; shift
  local log="$CARGO_TARGET_DIR.$what.log" start end
  start=$(date +%s)
  "$@" > "$log" 2>&1 || { tail -20 "$log"; exit 1; }
  end=$(date +%s)
  local bin="$CARGO_TARGET_DIR/$dir/$what"
  echo "$what: $((end - start)) s, $(stat -c %s "$bin") bytes, $(grep -c Compiling "$log") crates compiled, load after: $(load)"
  rm -f "$log"
}
echo "commit $(git rev-parse --short HEAD), profile $profile, $(nproc) cores, load before: $(load)"
measure tthc cargo build --locked --profile "$profile" -p tthc-cli --bin tthc
measure tthc-report cargo build --locked --profile "$profile" -p tthc-report --bin tthc-report
