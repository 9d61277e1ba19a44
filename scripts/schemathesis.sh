#!/usr/bin/env bash
# Fuzzes the running API against its own OpenAPI document with schemathesis: no 5xx,
# responses and content types as documented, schema-violating input rejected.
#
#   scripts/schemathesis.sh BASE_URL [SECONDS]        e.g. http://127.0.0.1:18080 120
#
# SCHEMATHESIS names the executable (default: schemathesis on PATH); SCHEMATHESIS_PHASES
# restricts the phases (default: all); SCHEMATHESIS_SEED explores elsewhere (default: the
# fixed seed CI uses, so that a failure there replays here).
#
# Every check runs (schemathesis 4 enables all by default), positive_data_acceptance
# included, configured by tests/schemathesis.toml: which refusals of schema-valid input
# are business rules (404, 422), and why the batch endpoints answer a schema-violating
# case inside a 200. The OpenAPI document says `format: date-time`/`date` and
# `minLength` where the server requires them, so that schema-valid input is accepted.
set -euo pipefail
base=${1:?usage: schemathesis.sh BASE_URL [SECONDS]}
seconds=${2:-120}
st=${SCHEMATHESIS:-schemathesis}
# schemathesis keeps a crash cache in the working directory: keep it out of the repository.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
config="$(cd "$(dirname "$0")/.." && pwd)/tests/schemathesis.toml"
cd "$scratch"
"$st" --config-file "$config" run "$base/openapi.json" \
  --max-time "$seconds" \
  --workers 2 \
  --wait-for-schema 30 \
  --seed "${SCHEMATHESIS_SEED:-20261123}" \
  ${SCHEMATHESIS_PHASES:+--phases "$SCHEMATHESIS_PHASES"}
