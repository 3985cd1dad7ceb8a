#!/usr/bin/env bash
# Regenerates src/generated/api.ts, the API's types, from the server's OpenAPI document with openapi-typescript.
#
#   clients/typescript/generate.sh [--check] [DOCUMENT]
#
# DOCUMENT is a file or a URL. Default: api/target/openapi.json, which OpenApiIT writes from the live document
# (./scripts/test; or only that test: ./scripts/test -pl api -am -Dit.test=OpenApiIT -Dtest=none
# -Dsurefire.failIfNoSpecifiedTests=false). A running dev server works too: http://localhost:8080/v3/api-docs.
# --check writes nothing: it fails with a diff when the committed file differs from what the document gives
# (scripts/test runs it, so a change of the API without regenerating fails CI).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi
document="${1:-$here/../../api/target/openapi.json}"
if [[ "$document" != http://* && "$document" != https://* ]]; then
  if [ ! -f "$document" ]; then
    echo "clients/typescript/generate.sh: no OpenAPI document at $document (run OpenApiIT first, see above)" >&2
    exit 2
  fi
  document="$(realpath "$document")"
fi
cd "$here"
[ -x node_modules/.bin/openapi-typescript ] || npm ci --no-audit --no-fund >&2
target=src/generated/api.ts
if ! $check; then
  node_modules/.bin/openapi-typescript "$document" --output "$target" >&2
  exit 0
fi
fresh="$(mktemp --suffix=.ts)"
trap 'rm -f "$fresh"' EXIT
node_modules/.bin/openapi-typescript "$document" --output "$fresh" >&2
if ! diff -u "$target" "$fresh" >&2; then
  echo "clients/typescript/src/generated/api.ts is stale: run clients/typescript/generate.sh and commit it" >&2
  exit 1
fi
echo "clients/typescript/src/generated/api.ts matches the API's OpenAPI document" >&2
