package io.mediajobs.speech;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one window (at most 30 s) of 16 kHz mono PCM into raw segments. Implementations are thread-safe and meant
 * to live as long as the worker process.
 */
public interface SpeechRecognizer extends AutoCloseable {

    int SAMPLE_RATE = 16_000;

    /**
     * @param samples  16 kHz mono samples in [-1, 1]; only the first {@code length} are used (any length up to
     *                 30 s: a recognizer pads what its model needs)
     * @param decoding language, task and prompt
     * @return segments with times in seconds from the first sample, within [0, length]
     * @throws InterruptedException       if interrupted while waiting for a free context or while decoding
     * @throws RecognitionFailedException if the model rejects this input: the same input fails the same way
     */
    List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding) throws InterruptedException;

    /**
     * {@link #recognize(float[], int, Decoding)} conditioned on the tokens decoded just before this audio (the
     * previous window of the same contiguous stretch), as Whisper's own long-form loop does
     * ({@code condition_on_previous_text} in openai-whisper and faster-whisper).
     *
     * @param context the {@link Recognition#context()} of the window just before, or null/empty to start afresh
     *                (then {@code decoding}'s prompt, if any, is the previous text)
     * @return the segments and the context to pass with the next window; the default implementation ignores
     *         {@code context} and returns an empty one
     */
    default Recognition recognize(float[] samples, int length, Decoding decoding, int[] context)
            throws InterruptedException {
        return new Recognition(recognize(samples, length, decoding), new int[0]);
    }

    /**
     * One window's result.
     *
     * @param segments as {@link #recognize(float[], int, Decoding)} returns them
     * @param context  the recognizer's tokens to condition the next window on (opaque to callers; empty = the next
     *                 window starts afresh, e.g. after a window that looked like a failed decode)
     * @param heardSeconds how far into the window the segments go: the end of the last complete segment when the
     *                 recognizer stopped there (Whisper's seek: the rest, an unfinished segment included, is to be
     *                 decoded again as the start of the next window, with the audio after it); at least the window's
     *                 length (infinity) when the whole window was decoded
     */
    record Recognition(List<RecognizedSegment> segments, int[] context, double heardSeconds) {

        /** A result that covers the whole window. */
        public Recognition(List<RecognizedSegment> segments, int[] context) {
            this(segments, context, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Whether {@link #recognize(float[], int, Decoding, int[])} seeks as Whisper's long-form loop does: it leaves
     * out an unfinished last segment and says where it stopped ({@link Recognition#heardSeconds}), or decodes the
     * whole window when it found the speech complete. Then the caller trusts it at a cut through speech; otherwise
     * the caller hears the last segment of such a window again itself.
     */
    default boolean seeks() {
        return false;
    }

    /** {@link #recognize(float[], int, Decoding)} in the model's default language, transcribing. */
    default List<RecognizedSegment> recognize(float[] samples, int length) throws InterruptedException {
        return recognize(samples, length, Decoding.DEFAULT);
    }

    /**
     * The model's own language-id over (the first 30 s of) the samples; empty if this recognizer cannot tell
     * (an English-only model).
     */
    default Optional<LanguageDetection> detectLanguage(float[] samples, int length) throws InterruptedException {
        return Optional.empty();
    }

    /** ISO 639-1 codes this recognizer can transcribe ({@code en} alone for an English-only model). */
    default Set<String> languages() {
        return Set.of("en");
    }

    /** Whether it can transcribe other languages than English, detect the language and translate. */
    default boolean multilingual() {
        return languages().size() > 1;
    }

    /**
     * The number of tokens {@code text} is as a prompt.
     *
     * @throws UnsupportedOperationException if this recognizer has no tokenizer (then it takes no prompt)
     */
    default int countTokens(String text) {
        throw new UnsupportedOperationException("this recognizer takes no prompt");
    }

    /** A short name of the weights, e.g. "base-q5_1"; null when it has none. */
    default String modelName() {
        return null;
    }

    @Override
    void close();
}
