package io.mediajobs.speech;

import java.util.List;

/**
 * Turns one window (at most 30 s) of 16 kHz mono PCM into raw segments. Implementations are thread-safe and meant
 * to live as long as the worker process.
 */
public interface SpeechRecognizer extends AutoCloseable {

    int SAMPLE_RATE = 16_000;

    /**
     * @param samples 16 kHz mono samples in [-1, 1]; only the first {@code length} are used
     * @throws InterruptedException if interrupted while waiting for a free context
     */
    List<RecognizedSegment> recognize(float[] samples, int length) throws InterruptedException;

    @Override
    void close();
}
