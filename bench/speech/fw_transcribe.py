"""faster-whisper side of the speech benchmark: one JSON line per file, like TranscribeCli --format json.

The model is loaded once and warmed up on the first file; "seconds" is the wall time of transcribe() with the
segment generator fully consumed (decode + features + recognition)."""

import argparse
import json
import sys
import time

from faster_whisper import WhisperModel


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="CTranslate2 model directory")
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--beam-size", type=int, default=1)
    ap.add_argument("--compute-type", default="float32")
    ap.add_argument("--warmup", action="store_true")
    ap.add_argument("--vad", action="store_true", help="vad_filter=True (its Silero VAD, default parameters)")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    model = WhisperModel(args.model, device="cpu", compute_type=args.compute_type, cpu_threads=args.threads,
                         num_workers=1)

    def transcribe(path: str):
        segments, info = model.transcribe(path, beam_size=args.beam_size, language="en", vad_filter=args.vad)
        texts = [s.text.strip() for s in segments]
        return [t for t in texts if t], info.duration

    if args.warmup:
        transcribe(args.files[0])
    for path in args.files:
        t0 = time.perf_counter()
        texts, duration = transcribe(path)
        seconds = time.perf_counter() - t0
        print(json.dumps({"file": path, "run": 0, "seconds": seconds, "audioSeconds": duration,
                          "text": " ".join(texts), "segments": len(texts)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
