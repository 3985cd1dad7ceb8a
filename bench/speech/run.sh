#!/usr/bin/env bash
# Speech-recognition benchmark: our engine (whisper.cpp 1.7.1 from scripts/whisper-native, through TranscribeCli, with Silero VAD)
# against faster-whisper on the same multilingual base weights, whole job, quiet and loaded, in one run.
# Writes bench/speech/work/last-run.json; docs/benchmarks.md's "Speech recognition" section is written from it.
#
#   bench/speech/run.sh [--rounds N] [--lever-rounds N] [--skip-levers]
#
# Models: scripts/models (base, base-q8_0, base-q5_1, base-q5_0, base-q4_0; vad); BENCH_DEFAULT names ours
# (default base-q8_0, the engine's default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.tools/bench-venv"
PYTHON="${PYTHON:-python3}"
DEFAULT="${BENCH_DEFAULT:-base-q8_0}"

if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p "$ROOT/.tools"
  "$PYTHON" -m venv "$VENV"
fi
# Never delete the venv: it is shared; pip only adds what is missing.
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -r bench/speech/requirements.txt >&2

models="{"
for n in base base-q8_0 base-q5_1 base-q5_0 base-q4_0; do
  p="$(WHISPER_MODEL= WHISPER_MODEL_NAME="$n" scripts/models path)"
  models+="\"$n\": \"$p\","
done
models="${models%,}}"
VAD="$(scripts/models vad)"
CT2="$(WHISPER_MODEL_NAME=base scripts/models ct2-dir)"

# One invocation: build-classpath resolves the workflows module from the reactor only in the same build.
CP_FILE="$ROOT/activities/target/speech-bench.classpath"
./mvnw -B -ntp -q -pl activities -am -Dweb.skip=true compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$CP_FILE" >&2
# Our rows run scripts/whisper-native's whisper.cpp (one row the bundled one), as scripts/run does.
LIBRARY="${WHISPER_LIBRARY:-}"
if [ -z "$LIBRARY" ]; then
  LIBRARY="$(scripts/whisper-native)" || LIBRARY=bundled
fi
CLASSPATH_ARG="$ROOT/activities/target/classes:$ROOT/workflows/target/classes:$(cat "$CP_FILE")"

exec "$VENV/bin/python" bench/speech/bench.py --classpath "$CLASSPATH_ARG" --models "$models" \
  --default "$DEFAULT" --vad "$VAD" --ct2 "$CT2" --library "$LIBRARY" "$@"
