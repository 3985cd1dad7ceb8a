package io.mediajobs.denoise;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The noise-removal algorithms a job can ask for, by the id users type. */
public enum DenoiseAlgorithm {
    /**
     * Statistical spectral estimator in plain Java: MMSE log-spectral amplitude gains with a noise spectrum learned
     * from the recording's own non-speech frames (energy VAD), then tracked. Fast; the default (see docs/benchmarks.md).
     */
    MMSE("mmse"),
    /** FFmpeg {@code afftdn} with a noise profile sampled ({@code sn} command) from the recording's non-speech parts. */
    SPECTRAL("spectral"),
    /** DeepFilterNet3 (neural, 48 kHz) through its C runtime; needs the model provisioned by scripts/noise-models. */
    NEURAL("neural");

    private final String id;

    DenoiseAlgorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<DenoiseAlgorithm> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(DenoiseAlgorithm::id).collect(Collectors.joining(", "));
    }
}
