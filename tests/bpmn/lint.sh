#!/usr/bin/env bash
# Lint every .bpmn file in a folder with bpmnlint's recommended rules.
#
#   tests/bpmn/lint.sh DIR
#
# Installs bpmnlint into a temporary folder (needs node and npm) unless BPMNLINT_DIR
# names a folder where `npm install bpmnlint` was already run. Exit status is bpmnlint's:
# 0 when every file is clean.
set -euo pipefail
dir=${1:?usage: lint.sh DIR}
shopt -s nullglob
files=("$dir"/*.bpmn)
if [ ${#files[@]} -eq 0 ]; then
  echo "no .bpmn files in $dir" >&2
  exit 2
fi
files=("$(cd "$dir" && pwd)"/*.bpmn)
work=${BPMNLINT_DIR:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund bpmnlint >/dev/null)
fi
printf '{\n  "extends": "bpmnlint:recommended"\n}\n' > "$work/.bpmnlintrc"
cd "$work"
npx --no-install bpmnlint "${files[@]}"
echo "bpmnlint: ${#files[@]} files clean"
