package io.mediajobs.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.denoise.ProcessTimeoutPolicy;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.WhisperModel;
import io.mediajobs.speech.WhisperOptions;

/**
 * The real engines the activities run: FFmpeg-based noise removal and Whisper (whisper.cpp, see WhisperModel). Only where workers
 * run: an API-only instance ({@code START_WORKERS=false}) loads no engine and needs no model.
 */
@Configuration
@ConditionalOnProperty(name = "spring.temporal.start-workers", havingValue = "true", matchIfMissing = true)
class EngineConfig {

    @Bean
    NoiseRemovalEngine noiseRemovalEngine(FfmpegBinaries binaries, DenoiseProperties noise) {
        return new NoiseRemovalEngine(binaries, ProcessTimeoutPolicy.generous(), noise.neuralModelDirOrNull());
    }

    /**
     * Loaded once per worker process, on the first subtitle job (so the API starts without weights and a missing
     * model fails that job with a clear message). Threads 0 = cores / pool size: whisper.cpp's threads busy-wait,
     * so more threads than cores in total make every job several times slower (docs/speech-engine.md).
     * Adaptive audio context is on by default: on the benchmark it doubles speed at equal WER (docs/benchmarks.md).
     */
    @Bean(destroyMethod = "close")
    @Lazy
    WhisperModel whisperModel(WhisperProperties speech) {
        int contexts = speech.poolSize();
        int perContext = speech.threadsPerContext(Runtime.getRuntime().availableProcessors());
        return new WhisperModel(speech.model(), WhisperOptions.defaults().withThreads(perContext)
                .withPoolSize(contexts).withAdaptiveAudioContext(speech.adaptiveAudioContext()));
    }

    @Bean
    @Lazy
    TranscriptionEngine transcriptionEngine(WhisperModel model, FfmpegBinaries binaries) {
        return new TranscriptionEngine(model, binaries);
    }
}
