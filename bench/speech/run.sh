#!/usr/bin/env bash
# Speech-recognition benchmark: our engine (whisper.cpp via whisper-jni, through TranscribeCli) against
# faster-whisper on the same tiny.en weights, speed (x real time, median of runs) and WER, in one run.
# Writes the "Speech recognition" section of docs/benchmarks.md (other sections are kept).
#
#   bench/speech/run.sh [--runs N] [--threads N] [--no-docs] [--quick]
#
# Model: $WHISPER_MODEL, else `scripts/models` if present, else <repo>/data/models/ggml-tiny.en.bin.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.tools/bench-venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$ROOT/.tools"
  "$PYTHON" -m venv "$VENV"
fi
# Never delete the venv: it is shared; pip only adds what is missing.
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -r bench/speech/requirements.txt >&2

if [ -n "${WHISPER_MODEL:-}" ]; then
  MODEL="$WHISPER_MODEL"
elif [ -x scripts/models ]; then
  MODEL="$(scripts/models)"
else
  MODEL="$ROOT/data/models/ggml-tiny.en.bin"
fi
[ -f "$MODEL" ] || { echo "model not found: $MODEL (run scripts/models or set WHISPER_MODEL)" >&2; exit 2; }

./mvnw -q -pl activities compile >&2
CP_FILE="$ROOT/activities/target/speech-bench.classpath"
./mvnw -q -pl activities dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >&2
CLASSPATH_ARG="$ROOT/activities/target/classes:$(cat "$CP_FILE")"

exec "$VENV/bin/python" bench/speech/bench.py --model "$MODEL" --classpath "$CLASSPATH_ARG" "$@"
