#!/usr/bin/env bash
# cargo deny over the dependency graph (deny.toml): licences, bans (duplicate versions,
# wildcard requirements) and sources always; advisories when an advisory database is on
# the machine.
#
# The advisory database (RustSec's advisory-db) is a git repository fetched from GitHub,
# which this project's machines and CI cannot reach, and crates.io carries no snapshot of
# it (its `rustsec-advisory-db` is an empty placeholder). So cargo-deny runs --offline,
# and advisories are checked against a clone already in its db-path
# ($CARGO_HOME/advisory-dbs/advisory-db-<hash>; ADVISORY_DB=<a clone> links one there),
# and skipped with a note when there is none. Where GitHub is reachable,
# `cargo deny fetch` makes that clone.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.20.2
if ! cargo deny --version 2>/dev/null | grep -qF "$version"; then
  echo "installing cargo-deny $version from crates.io"
  cargo install --locked --quiet "cargo-deny@$version"
fi
cargo deny --version
cargo deny --offline check bans licenses sources

dbs=${CARGO_HOME:-$HOME/.cargo}/advisory-dbs
if [ -n "${ADVISORY_DB:-}" ]; then
  mkdir -p "$dbs"
  # cargo-deny names the folder after the database's URL; find the name it expects.
  name=$(cargo deny --offline check advisories 2>&1 | grep -o 'advisory-db-[0-9a-f]*' | head -n 1 || true)
  [ -n "$name" ] && [ ! -e "$dbs/$name" ] && ln -s "$(realpath "$ADVISORY_DB")" "$dbs/$name"
fi
if compgen -G "$dbs/advisory-db-*" > /dev/null; then
  echo "advisories: checked offline against $(git -C "$(ls -d "$dbs"/advisory-db-* | head -n 1)" log -1 --format='the advisory-db of %cs (%h)' 2>/dev/null || echo 'the local advisory-db')"
  cargo deny --offline check advisories
else
  echo "NOTE: no advisory database in $dbs (GitHub cannot be reached from here): advisories were not checked"
fi
