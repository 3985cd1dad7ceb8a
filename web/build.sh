#!/usr/bin/env bash
# Builds the web app into OUT_DIR (argument 1; default web/dist): type-checks it, bundles it with esbuild and writes
# index.html naming the content-hashed assets. The Maven build calls it (api module, generate-resources) with
# target/classes/static, so the jar serves the app at "/". Needs only Python when no node >= 18 is on the PATH
# (scripts/node). Skips work that is up to date: npm ci when package-lock.json is unchanged, the bundle when no
# source is newer than it.
set -euo pipefail
WEB="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$WEB")"
TOOLS_ONLY=false
if [ "${1:-}" = "--tools-only" ]; then TOOLS_ONLY=true; shift; fi # just npm ci (the browser test's playwright-core)
OUT="${1:-$WEB/dist}"
CACHE="${MEDIAJOBS_CACHE:-$HOME/.cache/media-jobs}"

NODE_DIR="$("$ROOT/scripts/node")" || { echo "[web] error: no Node.js for the web build (see above)" >&2; exit 1; }
export PATH="$NODE_DIR:$PATH"
cd "$WEB"

stamp="node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "[web] installing the locked build tools (npm ci, cache $CACHE/npm)" >&2
  npm ci --no-audit --no-fund --ignore-scripts --prefer-offline --cache "$CACHE/npm" --loglevel=error >&2
  cp package-lock.json "$stamp"
fi
$TOOLS_ONLY && exit 0

if [ -f "$OUT/index.html" ] && [ -z "$(find src index.html build.mjs tsconfig.json package-lock.json \
    "$ROOT/clients/typescript/src" -newer "$OUT/index.html" -print -quit)" ]; then
  echo "[web] up to date: $OUT" >&2
  exit 0
fi
node_modules/.bin/tsc -p tsconfig.json --noEmit
node build.mjs "$OUT"
