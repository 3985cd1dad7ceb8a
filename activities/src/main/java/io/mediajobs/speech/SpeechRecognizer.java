package io.mediajobs.speech;

import java.util.List;

/**
 * Turns one window (at most 30 s) of 16 kHz mono PCM into raw segments. Implementations are thread-safe and meant
 * to live as long as the worker process.
 */
public interface SpeechRecognizer extends AutoCloseable {

    int SAMPLE_RATE = 16_000;

    /**
     * @param samples 16 kHz mono samples in [-1, 1]; only the first {@code length} are used (any length up to
     *                30 s: a recognizer pads what its model needs)
     * @return segments with times in seconds from the first sample, within [0, length]
     * @throws InterruptedException       if interrupted while waiting for a free context
     * @throws RecognitionFailedException if the model rejects this input: the same input fails the same way
     */
    List<RecognizedSegment> recognize(float[] samples, int length) throws InterruptedException;

    @Override
    void close();
}
