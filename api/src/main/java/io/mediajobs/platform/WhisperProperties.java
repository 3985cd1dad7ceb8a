package io.mediajobs.platform;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whisper speech recognition ({@code mediajobs.speech.*}; defaults in application.yml).
 *
 * @param model                ggml weights file ({@code WHISPER_MODEL}); only read on the first subtitle job
 * @param threads              whisper.cpp threads per context ({@code WHISPER_THREADS}); 0 = cores / pool size, or
 *                             cores shared by ceil(cores / 4) contexts when the pool size is 0 too
 * @param poolSize             contexts, i.e. windows recognised at once, across jobs and within one (a job's lanes)
 *                             ({@code WHISPER_POOL_SIZE}); 0 = cores / threads (one context on up to 4 cores)
 * @param adaptiveAudioContext encode only the audio a window has ({@code WHISPER_ADAPTIVE_AUDIO_CONTEXT})
 * @param loadAwareThreads     decode on one thread while other processes keep the cores busy
 *                             ({@code WHISPER_LOAD_AWARE_THREADS}; needs scripts/whisper-native's build)
 * @param vadModel             Silero VAD's {@code silero_vad.onnx} ({@code WHISPER_VAD_MODEL}; default: the
 *                             {@code scripts/models vad} cache); a missing file falls back to the energy detector
 */
@ConfigurationProperties("mediajobs.speech")
@Validated
public record WhisperProperties(
        @NotNull(message = "must be set (WHISPER_MODEL): the ggml weights file") Path model,
        @PositiveOrZero(message = "must be 0 (cores / pool size) or more (WHISPER_THREADS)") int threads,
        @PositiveOrZero(message = "must be 0 (cores / threads) or more (WHISPER_POOL_SIZE): the windows"
                + " recognised at once")
        int poolSize,
        boolean adaptiveAudioContext,
        @DefaultValue("true") boolean loadAwareThreads,
        Path vadModel) {

    /** Threads of the one default context at most: whisper.cpp's own default, {@code min(4, cores)}. */
    static final int DEFAULT_MAX_THREADS = 4;

    /**
     * Contexts (windows recognised at once) on a machine with {@code cores} cores: {@code poolSize}, else as many
     * as the cores hold at {@link #threadsPerContext} threads each (one on up to 4 cores). One multi-thread context
     * decodes a job's windows in order, each conditioned on all before it, which is 2 points of WER better than
     * side-by-side single-thread lanes on the long benchmark set and as fast idle; lanes (more contexts) slow down
     * less next to other busy processes (docs/benchmarks.md).
     */
    public int contexts(int cores) {
        return poolSize > 0 ? poolSize : Math.max(1, cores / threadsPerContext(cores));
    }

    /**
     * whisper.cpp threads per context on a machine with {@code cores} cores: {@code threads}, else cores / pool size
     * when the pool size is set, else the cores shared evenly by {@code ceil(cores / 4)} contexts (2 cores: 2; 6: 3; 8: 4).
     */
    public int threadsPerContext(int cores) {
        if (threads > 0) {
            return threads;
        }
        if (poolSize > 0) {
            return Math.max(1, cores / poolSize);
        }
        // as few contexts as keep each at most 4 threads, sharing the cores evenly (6 cores: 2 x 3, not 1 x 4)
        int contexts = Math.max(1, (cores + DEFAULT_MAX_THREADS - 1) / DEFAULT_MAX_THREADS);
        return Math.max(1, cores / contexts);
    }
}
