package io.mediajobs.denoise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Energy VAD plus noise-spectrum learning in one streaming pass over interleaved float PCM.
 *
 * <p>Each frame's power spectrum is added to a bucket keyed by the frame's level (1 dB buckets), so after the pass
 * the mean spectrum of the quietest frames - the recording's own non-speech parts - is available without keeping
 * the audio. The quietest {@link #NOISE_PERCENTILE} of frames (plus a small margin) are taken as noise; runs of them
 * become the noise segments that the afftdn algorithm samples its profile from.
 */
final class NoiseProfiler {

    /** Share of frames taken as the noise reference. Speech recordings have far more than 15 % pauses. */
    static final double NOISE_PERCENTILE = 0.15;
    private static final double MARGIN_DB = 1.0;
    private static final double SEGMENT_MARGIN_DB = 3.0;
    private static final int MIN_DB = -200;
    private static final int MAX_DB = 60;

    private final int channels;
    private final int sampleRate;
    private final int n;
    private final int hop;
    private final Fft fft;
    private final double[] window;
    private final double[][] frame;
    private final double[] re;
    private final double[] im;
    private final double[][][] bucketPower = new double[MAX_DB - MIN_DB + 1][][];
    private final long[] bucketFrames = new long[MAX_DB - MIN_DB + 1];
    private final double[] bucketSquares = new double[MAX_DB - MIN_DB + 1];
    private float[] levels = new float[1024];
    private int frames;
    private int filled;

    NoiseProfiler(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.n = Fft.frameSizeFor(sampleRate);
        this.hop = n / 2;
        this.fft = new Fft(n);
        this.window = Fft.sqrtHann(n);
        this.frame = new double[channels][n];
        this.re = new double[n];
        this.im = new double[n];
    }

    /** Feeds {@code count} interleaved frames (count * channels floats). */
    void accept(float[] interleaved, int count) {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                frame[c][filled] = interleaved[i * channels + c];
            }
            if (++filled == n) {
                analyseFrame();
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(frame[c], hop, frame[c], 0, n - hop);
                }
                filled = n - hop;
            }
        }
    }

    private void analyseFrame() {
        int bins = n / 2 + 1;
        double[][] power = new double[channels][bins];
        double total = 0;
        double squares = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                re[i] = frame[c][i] * window[i];
                im[i] = 0;
                squares += frame[c][i] * frame[c][i];
            }
            fft.forward(re, im);
            for (int k = 0; k < bins; k++) {
                double p = re[k] * re[k] + im[k] * im[k];
                power[c][k] = p;
                total += p;
            }
        }
        double meanSquare = squares / (n * (double) channels);
        double db = 10 * Math.log10(meanSquare + 1e-20);
        int bucket = (int) Math.max(0, Math.min(MAX_DB - MIN_DB, Math.floor(db) - MIN_DB));
        if (bucketPower[bucket] == null) {
            bucketPower[bucket] = new double[channels][bins];
        }
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < bins; k++) {
                bucketPower[bucket][c][k] += power[c][k];
            }
        }
        bucketFrames[bucket]++;
        bucketSquares[bucket] += meanSquare;
        if (frames == levels.length) {
            levels = Arrays.copyOf(levels, frames * 2);
        }
        levels[frames++] = (float) db;
    }

    NoiseProfile finish() {
        int bins = n / 2 + 1;
        double[][] noise = new double[channels][bins];
        if (frames == 0) {
            return new NoiseProfile(n, noise, 0, List.of(), 0);
        }
        float[] sorted = Arrays.copyOf(levels, frames);
        Arrays.sort(sorted);
        double threshold = sorted[(int) Math.min(frames - 1, Math.floor(frames * NOISE_PERCENTILE))] + MARGIN_DB;
        int lastBucket = (int) Math.max(0, Math.min(MAX_DB - MIN_DB, Math.floor(threshold) - MIN_DB));
        long count = 0;
        double squares = 0;
        for (int b = 0; b <= lastBucket; b++) {
            if (bucketPower[b] == null) {
                continue;
            }
            count += bucketFrames[b];
            squares += bucketSquares[b];
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < bins; k++) {
                    noise[c][k] += bucketPower[b][c][k];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < bins; k++) {
                noise[c][k] /= Math.max(count, 1);
            }
        }
        double rms = count == 0 ? 0 : Math.sqrt(squares / count);
        if (rms < 1e-7) {
            rms = 0;
        }
        return new NoiseProfile(n, noise, rms, segments(threshold + SEGMENT_MARGIN_DB),
                count / (double) frames);
    }

    /** Runs of quiet frames, as time ranges (frame centres), longest first. */
    private List<NoiseProfile.Segment> segments(double threshold) {
        List<NoiseProfile.Segment> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= frames; i++) {
            boolean quiet = i < frames && levels[i] <= threshold;
            if (quiet && start < 0) {
                start = i;
            } else if (!quiet && start >= 0) {
                // frame i covers samples [i*hop, i*hop+n); keep only samples inside quiet frames
                double from = (start * (double) hop) / sampleRate;
                double to = ((i - 1) * (double) hop + n) / sampleRate;
                if (to - from >= 0.2) {
                    runs.add(new NoiseProfile.Segment(from, to));
                }
                start = -1;
            }
        }
        runs.sort(Comparator.comparingDouble(NoiseProfile.Segment::length).reversed());
        return runs;
    }
}
