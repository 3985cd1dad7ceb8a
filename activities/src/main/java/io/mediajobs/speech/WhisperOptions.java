package io.mediajobs.speech;

/**
 * How whisper.cpp decodes.
 *
 * @param threads      CPU threads per transcription (whisper.cpp {@code n_threads}); default: available cores.
 *                     Keep {@code threads * poolSize <= cores}: whisper.cpp 1.7.1's threads spin-wait on each
 *                     other, and on an oversubscribed CPU a window gets several times slower, not just shared
 * @param poolSize     contexts (whisper states) kept ready: the worker's activity concurrency; default 1
 * @param strategy     greedy (whisper.cpp's default, best-of-N only on temperature fallback) or beam search
 * @param beamSize     beams for {@link Strategy#BEAM_SEARCH}; candidates for greedy fallback sampling
 * @param language     spoken language code, or "auto" on multilingual models; English-only models ignore it
 * @param adaptiveAudioContext encode only as much of the 30 s context as the window needs (whisper.cpp
 *                     {@code audio_ctx}); faster on short windows, slightly less accurate
 * @param loadAwareThreads decode a window on one thread while other processes keep the cores these options
 *                     assume busy ({@link CpuContention}); the encoder keeps {@code threads}. Needs
 *                     scripts/whisper-native's build; default on
 */
public record WhisperOptions(int threads, int poolSize, Strategy strategy, int beamSize, String language,
                             boolean adaptiveAudioContext, boolean loadAwareThreads) {

    public enum Strategy { GREEDY, BEAM_SEARCH }

    public WhisperOptions {
        if (threads < 1 || poolSize < 1 || beamSize < 1) {
            throw new IllegalArgumentException("threads, poolSize and beamSize must be positive");
        }
        if (strategy == null) {
            strategy = Strategy.GREEDY;
        }
        if (language == null || language.isBlank()) {
            language = "en";
        }
    }

    public static WhisperOptions defaults() {
        return new WhisperOptions(Runtime.getRuntime().availableProcessors(), 1, Strategy.GREEDY, 5, "en", false, true);
    }

    public WhisperOptions withThreads(int n) {
        return new WhisperOptions(n, poolSize, strategy, beamSize, language, adaptiveAudioContext, loadAwareThreads);
    }

    public WhisperOptions withPoolSize(int n) {
        return new WhisperOptions(threads, n, strategy, beamSize, language, adaptiveAudioContext, loadAwareThreads);
    }

    public WhisperOptions withStrategy(Strategy s, int beams) {
        return new WhisperOptions(threads, poolSize, s, beams, language, adaptiveAudioContext, loadAwareThreads);
    }

    public WhisperOptions withAdaptiveAudioContext(boolean on) {
        return new WhisperOptions(threads, poolSize, strategy, beamSize, language, on, loadAwareThreads);
    }

    public WhisperOptions withLoadAwareThreads(boolean on) {
        return new WhisperOptions(threads, poolSize, strategy, beamSize, language, adaptiveAudioContext, on);
    }
}
