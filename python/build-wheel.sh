#!/usr/bin/env bash
# Builds the `tthc` wheel: the `tthc` and `tthc-report` programs in its scripts folder,
# and the `tthc` Python package with its extension module (maturin).
#
#   python/build-wheel.sh --out DIR [--tthc PATH] [--tthc-report PATH] [--profile P] [-- MATURIN-ARGS…]
#   python/build-wheel.sh --stage-only --tthc PATH --tthc-report PATH
#
# --tthc / --tthc-report take programs already built (CI reuses the builds it has);
# without them they are built here with `cargo build --profile P` (default `dist`, as the
# release ships). The extension is built by `maturin build --profile P`. Extra arguments
# after `--` go to maturin (e.g. `--target aarch64-apple-darwin`, `--compatibility …`).
# --stage-only puts the programs in place and stops: the release workflow then builds
# the extension with maturin-action (in a manylinux container on Linux).
set -euo pipefail
cd "$(dirname "$0")/.."

out= tthc= report= profile=dist stage_only= maturin_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --tthc) tthc=$2; shift 2 ;;
    --tthc-report) report=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --stage-only) stage_only=1; shift ;;
    --) shift; maturin_args=("$@"); break ;;
    *) echo "build-wheel.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || [ -n "$stage_only" ] || { echo "build-wheel.sh: --out DIR is required" >&2; exit 2; }

exe=
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*|Windows_NT) exe=.exe ;; esac
if [ -z "$tthc" ] || [ -z "$report" ]; then
  python=$(command -v python3 || command -v python)
  target_dir=$(cargo metadata --format-version 1 --no-deps | "$python" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  # cargo's profile folder: `dev` builds into debug/, every other profile into its name.
  profile_dir=$profile; [ "$profile" = dev ] && profile_dir=debug
  cargo build --locked --profile "$profile" -p tthc-cli --bin tthc -p tthc-report --bin tthc-report
  : "${tthc:=$target_dir/$profile_dir/tthc$exe}"
  : "${report:=$target_dir/$profile_dir/tthc-report$exe}"
fi

# The wheel's data folder (pyproject.toml: [tool.maturin] data); its scripts/ are
# installed on PATH. Staged afresh so that no program of an earlier build is shipped.
data=target/wheel-data
rm -rf "$data"
mkdir -p "$data/scripts"
cp "$tthc" "$data/scripts/tthc$exe"
cp "$report" "$data/scripts/tthc-report$exe"
chmod 755 "$data/scripts/"*
[ -n "$stage_only" ] && exit 0

maturin_profile=(--profile "$profile")
[ "$profile" = release ] && maturin_profile=(--release)
maturin build --locked "${maturin_profile[@]}" --out "$out" "${maturin_args[@]}"
