package io.mediajobs.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.denoise.ProcessTimeoutPolicy;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.speech.SileroVad;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.WhisperModel;
import io.mediajobs.speech.WhisperOptions;

/**
 * The real engines the activities run: FFmpeg-based noise removal and Whisper (whisper.cpp, see WhisperModel).
 * Only where workers run: an API-only instance ({@code START_WORKERS=false}) loads no engine and needs no model.
 */
@Configuration
@ConditionalOnProperty(name = "spring.temporal.start-workers", havingValue = "true", matchIfMissing = true)
class EngineConfig {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConfig.class);

    @Bean
    NoiseRemovalEngine noiseRemovalEngine(FfmpegBinaries binaries, DenoiseProperties noise) {
        return new NoiseRemovalEngine(binaries, ProcessTimeoutPolicy.generous(), noise.neuralModelDirOrNull());
    }

    /**
     * Loaded once per worker process, on the first subtitle job (so the API starts without weights and a missing
     * model fails that job with a clear message). Defaults: one context on up to 4 cores, at most 4 threads per
     * context beyond ({@link WhisperProperties#contexts}); more threads than cores in total make every job several times slower,
     * as whisper.cpp's threads wait for each other at every step (docs/speech-engine.md).
     * Adaptive audio context is on by default: on the benchmark it doubles speed at equal WER (docs/benchmarks.md).
     */
    @Bean(destroyMethod = "close")
    @Lazy
    WhisperModel whisperModel(WhisperProperties speech) {
        int cores = Runtime.getRuntime().availableProcessors();
        int contexts = speech.contexts(cores);
        int perContext = speech.threadsPerContext(cores);
        WhisperModel model = new WhisperModel(speech.model(), WhisperOptions.defaults().withThreads(perContext)
                .withPoolSize(contexts).withAdaptiveAudioContext(speech.adaptiveAudioContext())
                .withLoadAwareThreads(speech.loadAwareThreads()));
        LOG.info("Whisper model {} loaded: {} context(s) x {} thread(s), whisper.cpp library {}", model.modelName(),
                contexts, perContext, model.library());
        return model;
    }

    /**
     * With Silero VAD when its model file is there (windows cut at pauses, music and noise skipped), else the energy
     * detector with a warning. The VAD session lives as long as the process. A job runs as {@code pool-size} lanes
     * side by side, each on its own context.
     */
    @Bean
    @Lazy
    TranscriptionEngine transcriptionEngine(WhisperModel model, FfmpegBinaries binaries, WhisperProperties speech) {
        SileroVad vad = null;
        Path vadModel = speech.vadModel();
        if (vadModel != null && Files.isRegularFile(vadModel)) {
            vad = new SileroVad(vadModel);
        } else {
            LOG.warn("Silero VAD model {} not found (WHISPER_VAD_MODEL; scripts/models vad provisions it): speech is"
                    + " detected by energy, so music and noise may come back as cues", vadModel);
        }
        int contexts = speech.contexts(Runtime.getRuntime().availableProcessors());
        return new TranscriptionEngine(model, vad, binaries,
                TranscriptionEngine.Options.defaults().withParallelWindows(contexts));
    }

}
