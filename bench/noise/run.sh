#!/usr/bin/env bash
# Noise-removal benchmark. Sets up .tools/bench-venv (shared with the speech benchmark: only installs, never
# deletes), provisions the neural model, builds the engine and runs bench.py. Prints the "Noise removal" section;
# with --write-docs it also replaces that section in docs/benchmarks.md (other sections are left alone).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.tools/bench-venv"
SECTION="$ROOT/.tools/bench-out/noise/section.md"
RENDER_ONLY=0
for a in "$@"; do [[ "$a" == "--render-only" ]] && RENDER_ONLY=1; done
if [[ $RENDER_ONLY == 0 ]]; then
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet -r bench/noise/requirements.txt
"$VENV/bin/pip" install --quiet pesq==0.0.4 || echo "bench: pesq did not install; PESQ will be n/a" >&2
command -v espeak-ng >/dev/null || { echo "bench: needs espeak-ng (apt-get install espeak-ng)" >&2; exit 1; }

MODELS="$(scripts/noise-models)"
./mvnw -q -pl activities -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
CP="$ROOT/activities/target/classes:$(cat activities/target/cp.txt)"
FFMPEG="$(java -cp "$CP" io.mediajobs.denoise.DenoiseCli --print-ffmpeg)"
fi

WRITE_DOCS=0
ARGS=()
for a in "$@"; do
  if [[ "$a" == "--write-docs" ]]; then WRITE_DOCS=1; else ARGS+=("$a"); fi
done
mkdir -p "$(dirname "$SECTION")"
if [[ $RENDER_ONLY == 1 ]]; then
  # re-render the section from the last run's results.json (no measuring)
  "$VENV"/bin/python bench/noise/bench.py --markdown "$SECTION" "${ARGS[@]+"${ARGS[@]}"}"
else
  "$VENV"/bin/python bench/noise/bench.py --java "java -Xss4m -cp $CP io.mediajobs.denoise.DenoiseCli" \
    --models "$MODELS" --ffmpeg "$FFMPEG" --markdown "$SECTION" "${ARGS[@]+"${ARGS[@]}"}"
fi

if [[ $WRITE_DOCS == 1 ]]; then
  "$VENV/bin/python" - "$ROOT/docs/benchmarks.md" "$SECTION" <<'PY'
import re, sys
from pathlib import Path
doc, section = Path(sys.argv[1]), Path(sys.argv[2]).read_text().rstrip() + "\n"
start, end = "<!-- noise-removal:start -->", "<!-- noise-removal:end -->"
block = f"{start}\n{section}{end}\n"
text = doc.read_text() if doc.exists() else "# Benchmarks\n\n"
if start in text and end in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end) + "\n?", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + block
doc.parent.mkdir(parents=True, exist_ok=True)
doc.write_text(text)
print(f"updated {doc}", file=sys.stderr)
PY
fi
