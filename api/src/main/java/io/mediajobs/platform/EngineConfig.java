package io.mediajobs.platform;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.denoise.ProcessTimeoutPolicy;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.WhisperModel;

/** The real engines the activities run: FFmpeg-based noise removal and Whisper via whisper-jni. */
@Configuration
class EngineConfig {

    @Bean
    NoiseRemovalEngine noiseRemovalEngine(FfmpegBinaries binaries,
            @Value("${mediajobs.noise.neural-model-dir:}") String neuralModelDir) {
        return new NoiseRemovalEngine(binaries, ProcessTimeoutPolicy.generous(),
                neuralModelDir.isBlank() ? null : Path.of(neuralModelDir));
    }

    /**
     * Loaded once per worker process, on the first subtitle job (so the API starts without weights and a missing
     * model fails that job with a clear message). Threads 0 = all cores.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    WhisperModel whisperModel(@Value("${mediajobs.speech.model}") Path model,
            @Value("${mediajobs.speech.threads:0}") int threads,
            @Value("${mediajobs.speech.pool-size:2}") int poolSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new WhisperModel(model, threads > 0 ? threads : cores, Math.max(1, poolSize));
    }

    @Bean
    @Lazy
    TranscriptionEngine transcriptionEngine(WhisperModel model, FfmpegBinaries binaries) {
        return new TranscriptionEngine(model, binaries);
    }
}
