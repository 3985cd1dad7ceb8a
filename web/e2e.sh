#!/usr/bin/env bash
# The web app's browser test (web/test/e2e.mjs) in Debian's Chromium, driven by playwright-core. Needs the built jar
# (api/target/media-jobs.jar), TEMPORAL_ADDRESS, espeak-ng and /usr/bin/chromium; scripts/test provides them all.
set -euo pipefail
WEB="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$WEB")"
NODE_DIR="$("$ROOT/scripts/node")" || { echo "[web] error: no Node.js for the browser test" >&2; exit 1; }
export PATH="$NODE_DIR:$PATH"
"$WEB/build.sh" --tools-only
exec node "$WEB/test/e2e.mjs"
