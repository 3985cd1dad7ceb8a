package io.mediajobs.denoise;

import io.mediajobs.wire.WireName;

/** The noise-removal algorithms a job can ask for, by the wire name users type. */
public enum DenoiseAlgorithm implements WireName {
    /**
     * Statistical spectral estimator in plain Java: MMSE log-spectral amplitude gains with a noise spectrum learned
     * from the recording's own non-speech frames (energy VAD), then tracked. Fast; the default (see docs/benchmarks.md).
     */
    MMSE,
    /** FFmpeg {@code afftdn} with a noise profile sampled ({@code sn} command) from the recording's non-speech parts. */
    SPECTRAL,
    /** DeepFilterNet3 (neural, 48 kHz) through its C runtime; needs the model provisioned by scripts/noise-models. */
    NEURAL
}
