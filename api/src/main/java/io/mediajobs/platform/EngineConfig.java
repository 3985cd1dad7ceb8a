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
import io.mediajobs.speech.WhisperOptions;

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
     * model fails that job with a clear message). Threads 0 = cores / pool size: whisper.cpp's threads busy-wait,
     * so more threads than cores in total make every job several times slower (docs/speech-engine.md).
     * Adaptive audio context is on by default: on the benchmark it doubles speed at equal WER (docs/benchmarks.md).
     */
    @Bean(destroyMethod = "close")
    @Lazy
    WhisperModel whisperModel(@Value("${mediajobs.speech.model}") Path model,
            @Value("${mediajobs.speech.threads:0}") int threads,
            @Value("${mediajobs.speech.pool-size:1}") int poolSize,
            @Value("${mediajobs.speech.adaptive-audio-context:true}") boolean adaptiveAudioContext) {
        int contexts = Math.max(1, poolSize);
        int perContext = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / contexts);
        return new WhisperModel(model, WhisperOptions.defaults().withThreads(perContext).withPoolSize(contexts)
                .withAdaptiveAudioContext(adaptiveAudioContext));
    }

    @Bean
    @Lazy
    TranscriptionEngine transcriptionEngine(WhisperModel model, FfmpegBinaries binaries) {
        return new TranscriptionEngine(model, binaries);
    }
}
