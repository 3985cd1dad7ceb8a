package io.mediajobs.speech;

import java.util.Arrays;

/**
 * Voice activity over one window: which 10 ms frames are speech. A window without voiced frames is never sent to the
 * model (Whisper hallucinates on silence and music), and a segment whose time span is almost entirely unvoiced is
 * dropped.
 *
 * <p>The frames come from {@link SileroVad}'s speech spans ({@link #fromSpans}) when its model is configured; else
 * from this class's energy detector ({@link #analyse}), the fallback, which cannot tell music or applause from
 * speech (docs/benchmarks.md measures both). A frame is voiced by energy when its RMS level is above both an absolute floor
 * ({@value #ABSOLUTE_FLOOR_DB} dBFS) and the window's noise floor (10th percentile) plus {@value #ABOVE_NOISE_DB} dB,
 * so steady hum or hiss does not count either.
 */
final class VoiceActivityDetector {

    static final int FRAME_SAMPLES = 160; // 10 ms at 16 kHz
    static final double ABSOLUTE_FLOOR_DB = -50;
    static final double ABOVE_NOISE_DB = 10;
    /** At least this many voiced frames (0.15 s) for a window to count as containing speech. */
    static final int MIN_VOICED_FRAMES = 15;

    private final boolean[] voiced;
    private final int[] voicedPrefix;

    private VoiceActivityDetector(boolean[] voiced) {
        this.voiced = voiced;
        this.voicedPrefix = new int[voiced.length + 1];
        for (int i = 0; i < voiced.length; i++) {
            voicedPrefix[i + 1] = voicedPrefix[i] + (voiced[i] ? 1 : 0);
        }
    }

    /** Frames of {@code length} samples none of which is speech. */
    static VoiceActivityDetector silent(int length) {
        return new VoiceActivityDetector(new boolean[frames(length)]);
    }

    /**
     * Frames of {@code length} samples, voiced where they overlap one of {@code spans}.
     *
     * @param spans {@code [start, end)} sample pairs (as {@link SileroVad#speechSpans}); clipped to the length
     */
    static VoiceActivityDetector fromSpans(java.util.List<int[]> spans, int length) {
        boolean[] voiced = new boolean[frames(length)];
        for (int[] span : spans) {
            int from = Math.max(0, span[0]) / FRAME_SAMPLES;
            int to = Math.min(voiced.length, (Math.min(span[1], length) + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
            for (int f = from; f < to; f++) {
                voiced[f] = true;
            }
        }
        return new VoiceActivityDetector(voiced);
    }

    /**
     * Detectors of consecutive parts placed at {@code starts} (samples, ascending) in audio of {@code length}
     * samples; frames no part covers are unvoiced (a part's frames land on the nearest 10 ms frame).
     */
    static VoiceActivityDetector placed(java.util.List<VoiceActivityDetector> parts, int[] starts, int length) {
        boolean[] voiced = new boolean[frames(length)];
        for (int i = 0; i < parts.size(); i++) {
            boolean[] part = parts.get(i).voiced;
            int at = Math.round(starts[i] / (float) FRAME_SAMPLES);
            for (int f = 0; f < part.length && at + f < voiced.length; f++) {
                voiced[at + f] |= part[f];
            }
        }
        return new VoiceActivityDetector(voiced);
    }

    private static int frames(int length) {
        return Math.max(0, (length + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
    }

    /** The energy detector (the fallback when no Silero VAD model is configured). */
    static VoiceActivityDetector analyse(float[] samples, int length) {
        int frames = Math.max(0, (length + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
        double[] levels = new double[frames];
        for (int f = 0; f < frames; f++) {
            int from = f * FRAME_SAMPLES;
            int to = Math.min(length, from + FRAME_SAMPLES);
            levels[f] = levelDb(samples, from, to);
        }
        double threshold = ABSOLUTE_FLOOR_DB;
        if (frames > 0) {
            double[] sorted = levels.clone();
            Arrays.sort(sorted);
            threshold = Math.max(threshold, sorted[(int) (frames * 0.10)] + ABOVE_NOISE_DB);
        }
        boolean[] voiced = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            voiced[f] = levels[f] > threshold;
        }
        return new VoiceActivityDetector(voiced);
    }

    /** RMS level in dBFS of samples [from, to); -120 for digital silence. */
    static double levelDb(float[] samples, int from, int to) {
        if (to <= from) {
            return -120;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        double ms = sum / (to - from);
        return ms <= 1e-12 ? -120 : 10 * Math.log10(ms);
    }

    boolean hasSpeech() {
        return voicedPrefix[voiced.length] >= MIN_VOICED_FRAMES;
    }

    /** Fraction of 10 ms frames in [startSeconds, endSeconds) (window-relative) that are voiced. */
    double voicedFraction(double startSeconds, double endSeconds) {
        int from = clampFrame((int) Math.floor(startSeconds * 100));
        int to = clampFrame((int) Math.ceil(endSeconds * 100));
        if (to <= from) {
            return 0;
        }
        return (voicedPrefix[to] - voicedPrefix[from]) / (double) (to - from);
    }

    /** Window-relative [first, last] voiced time within [startSeconds, endSeconds], or null if none. */
    double[] voicedSpan(double startSeconds, double endSeconds) {
        int from = clampFrame((int) Math.floor(startSeconds * 100));
        int to = clampFrame((int) Math.ceil(endSeconds * 100));
        int first = -1;
        int last = -1;
        for (int f = from; f < to; f++) {
            if (voiced[f]) {
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        return first < 0 ? null : new double[] {first / 100.0, (last + 1) / 100.0};
    }

    private int clampFrame(int f) {
        return Math.max(0, Math.min(voiced.length, f));
    }
}
