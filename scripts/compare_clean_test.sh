#!/usr/bin/env bash
# Times the README's test command (`cargo test`) from a clean target directory for two
# git revisions, one after the other, and prints them side by side: wall time, CPU time
# (user + system, which other work on the machine disturbs less) and the number of test
# binaries linked. Used to decide how the integration tests are laid out, and to see
# what a dependency adds to a clean build.
#
#   scripts/compare_clean_test.sh REV_A REV_B [CARGO_ARGS...]
#
# Each revision is checked out into a temporary worktree with its own target directory,
# so nothing in the working copy is touched.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REV_A REV_B [cargo test args...]" >&2; exit 2; }
a=$1 b=$2; shift 2
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
cleanup() {
  for rev in "$a" "$b"; do git -C "$root" worktree remove --force "$work/$rev" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

measure() {
  local rev=$1; shift
  git -C "$root" worktree add -q --detach "$work/$rev" "$rev"
  ln -s "$root/../shared" "$work/shared" 2>/dev/null || true
  local out="$work/$rev.time"
  ( cd "$work/$rev" && CARGO_TARGET_DIR="$work/$rev-target" CARGO_INCREMENTAL=0 \
      /usr/bin/time -f '%e %U %S' -o "$out" cargo test "$@" >"$work/$rev.log" 2>&1 ) || {
    echo "cargo test failed at $rev; see $work/$rev.log" >&2; tail -20 "$work/$rev.log" >&2; exit 1; }
  local bins
  bins=$(grep -c '^     Running ' "$work/$rev.log" || true)
  read -r wall user sys <"$out"
  printf '%s %s %s %s\n' "$rev" "$wall" "$(echo "$user + $sys" | bc)" "$bins"
}

ra=$(measure "$a" "$@")
rb=$(measure "$b" "$@")
printf '%-14s %10s %10s %10s\n' revision 'wall s' 'cpu s' 'binaries'
for r in "$ra" "$rb"; do
  set -- $r
  printf '%-14s %10s %10s %10s\n' "$1" "$2" "$3" "$4"
done
