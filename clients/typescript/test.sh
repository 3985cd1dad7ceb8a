#!/usr/bin/env bash
# Installs the locked dev dependencies (TypeScript, Node types) and runs the client's unit tests with Node's test
# runner on the compiled output. Called by the project's test command; runnable on its own from any directory.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "clients/typescript: node (>= 18) is required" >&2; exit 1; }
npm ci --no-audit --no-fund
npm test
