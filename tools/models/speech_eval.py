"""What the speech checks share: the reference recording, word-level edit distance, logging.

Imported by tools/models/verify_conversion.py (converted ggml model against the
original weights) and bench/speech/bench.py (speed and WER benchmark), which
both put this directory on sys.path first.  Standard library only, so it
imports in any venv.  Each script keeps its own text normalisation: they differ on purpose
(verify keeps apostrophes inside words, the benchmark drops them), and changing
either would change the numbers it reports.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]

# 11 s of real speech, 16 kHz mono, public domain (see samples/README.md).
JFK_WAV = ROOT / "samples" / "jfk.wav"
JFK_TEXT = ("And so my fellow Americans, ask not what your country can do for you, "
            "ask what you can do for your country.")


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Levenshtein distance between two word lists (substitutions, insertions, deletions)."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j - 1] + (r != h), prev[j] + 1, cur[j - 1] + 1)
        prev = cur
    return prev[-1]


def make_log(tag: str) -> Callable[[str], None]:
    """log(msg) printing "[tag] msg" to stderr, flushed: progress goes to stderr, results to stdout."""
    def log(msg: str) -> None:
        print(f"[{tag}] {msg}", file=sys.stderr, flush=True)
    return log
