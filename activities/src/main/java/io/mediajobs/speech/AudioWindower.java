package io.mediajobs.speech;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a PCM stream into windows of at most {@code maxSamples} (Whisper's 30 s), each cut at the quietest moment
 * between {@code minSamples} and {@code maxSamples}, so words are not split. Holds at most one window in memory.
 */
final class AudioWindower {

    /**
     * One window: {@code samples[0, length)} starting {@code startSample} samples after the stream's start;
     * {@code last} when the stream ends with it.
     */
    record Window(float[] samples, int length, long startSample, boolean last) {
    }

    private static final int FRAME = VoiceActivityDetector.FRAME_SAMPLES;
    /** The cut sits in the middle of the quietest ~300 ms. */
    private static final int SMOOTH_HALF_FRAMES = 15;

    private final PcmSource source;
    private final int maxSamples;
    private final int minSamples;
    private final float[] buffer;
    private int buffered;
    private long bufferStart;
    private boolean eof;

    AudioWindower(PcmSource source, int maxSamples, int minSamples) {
        if (maxSamples < 2 * FRAME || minSamples < 0 || minSamples >= maxSamples) {
            throw new IllegalArgumentException("bad window sizes " + minSamples + ".." + maxSamples);
        }
        this.source = source;
        this.maxSamples = maxSamples;
        this.minSamples = minSamples;
        this.buffer = new float[maxSamples];
    }

    /** The next window, or null when the stream is exhausted. */
    Window next() throws IOException {
        fill();
        if (buffered == 0) {
            return null;
        }
        int cut = eof ? buffered : cutPoint();
        Window window = new Window(Arrays.copyOf(buffer, cut), cut, bufferStart, eof);
        System.arraycopy(buffer, cut, buffer, 0, buffered - cut);
        buffered -= cut;
        bufferStart += cut;
        return window;
    }

    /**
     * Puts the end of the window just returned, from sample {@code from} on, back in front of the stream: the next
     * window starts there (to re-hear speech the cut ran through).
     */
    void pushBack(Window window, int from) {
        int n = window.length() - from;
        if (from <= 0 || n <= 0 || window.startSample() + window.length() != bufferStart
                || buffered + n > buffer.length) {
            throw new IllegalArgumentException("cannot push back samples " + from + ".." + window.length());
        }
        System.arraycopy(buffer, 0, buffer, n, buffered);
        System.arraycopy(window.samples(), from, buffer, 0, n);
        buffered += n;
        bufferStart -= n;
    }

    private void fill() throws IOException {
        while (!eof && buffered < maxSamples) {
            int n = source.read(buffer, buffered, maxSamples - buffered);
            if (n < 0) {
                eof = true;
            } else {
                buffered += n;
            }
        }
    }

    /** Sample index (frame-aligned) of the quietest moment in [minSamples, maxSamples]; latest among near-ties. */
    int cutPoint() {
        int frames = buffered / FRAME;
        double[] prefix = new double[frames + 1];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * FRAME, end = i + FRAME; i < end; i++) {
                sum += (double) buffer[i] * buffer[i];
            }
            prefix[f + 1] = prefix[f] + sum / FRAME;
        }
        int firstFrame = Math.max(1, minSamples / FRAME);
        int lastFrame = frames - 1;
        double[] smooth = new double[frames + 1];
        double min = Double.MAX_VALUE;
        for (int f = firstFrame; f <= lastFrame; f++) {
            int from = Math.max(0, f - SMOOTH_HALF_FRAMES);
            int to = Math.min(frames, f + SMOOTH_HALF_FRAMES);
            smooth[f] = (prefix[to] - prefix[from]) / (to - from);
            min = Math.min(min, smooth[f]);
        }
        double tolerance = min * 1.26 + 1e-10; // within 1 dB, or below -100 dBFS
        for (int f = lastFrame; f >= firstFrame; f--) {
            if (smooth[f] <= tolerance) {
                return f * FRAME;
            }
        }
        return maxSamples;
    }
}
