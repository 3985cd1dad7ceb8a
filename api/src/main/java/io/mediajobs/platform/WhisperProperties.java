package io.mediajobs.platform;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whisper speech recognition ({@code mediajobs.speech.*}; defaults in application.yml).
 *
 * @param model                ggml weights file ({@code WHISPER_MODEL}); only read on the first subtitle job
 * @param threads              whisper.cpp threads per context ({@code WHISPER_THREADS}); 0 = cores / pool size
 * @param poolSize             contexts, i.e. windows recognised at once, across jobs and within one
 *                             ({@code WHISPER_POOL_SIZE}); 0 = one single-thread context per core
 * @param adaptiveAudioContext encode only the audio a window has ({@code WHISPER_ADAPTIVE_AUDIO_CONTEXT})
 * @param vadModel             Silero VAD's {@code silero_vad.onnx} ({@code WHISPER_VAD_MODEL}; default: the
 *                             {@code scripts/models vad} cache); a missing file falls back to the energy detector
 */
@ConfigurationProperties("mediajobs.speech")
@Validated
public record WhisperProperties(
        @NotNull(message = "must be set (WHISPER_MODEL): the ggml weights file") Path model,
        @PositiveOrZero(message = "must be 0 (cores / pool size) or more (WHISPER_THREADS)") int threads,
        @PositiveOrZero(message = "must be 0 (one context per core) or more (WHISPER_POOL_SIZE): the windows"
                + " recognised at once")
        int poolSize,
        boolean adaptiveAudioContext,
        Path vadModel) {

    /**
     * Contexts (windows recognised at once) on a machine with {@code cores} cores: {@code poolSize}, else one per
     * core: whisper.cpp 1.7.1's threads spin-wait, so N single-thread contexts on N windows beat one N-thread
     * context, by far on a busy machine (docs/benchmarks.md).
     */
    public int contexts(int cores) {
        return poolSize > 0 ? poolSize : Math.max(1, cores);
    }

    /** whisper.cpp threads per context on a machine with {@code cores} cores: {@code threads}, else cores / contexts. */
    public int threadsPerContext(int cores) {
        return threads > 0 ? threads : Math.max(1, cores / contexts(cores));
    }
}
