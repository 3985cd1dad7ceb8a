package io.mediajobs.denoise;

/**
 * Streaming single-channel speech enhancer: STFT (square-root Hann, 75 % overlap), Ephraim-Malah MMSE log-spectral
 * amplitude gains with decision-directed a-priori SNR, and a noise spectrum that starts from the recording's own
 * non-speech frames ({@link NoiseProfiler}) and keeps following the noise in frames that look like noise.
 *
 * <p>Output is sample-aligned with the input and exactly as long: the STFT latency is compensated by discarding the
 * first {@code n - hop} output samples and flushing with zeros at the end.
 */
final class MmseDenoiser {

    /** Gain floor, a-priori SNR floor and noise over-estimation per strength. */
    record Tuning(double gainFloor, double xiMin, double overestimate) {
        static Tuning of(Strength strength) {
            return switch (strength) {
                case LOW -> new Tuning(db(-12), db(-20), 1.0);
                case MEDIUM -> new Tuning(db(-20), db(-25), 1.0);
                case HIGH -> new Tuning(db(-30), db(-25), 1.4);
            };
        }

        private static double db(double db) {
            return Math.pow(10, db / 20);
        }
    }

    private static final double ALPHA = 0.98;
    private static final double NOISE_SMOOTHING = 0.95;
    private static final double NOISE_LIKE_SNR = 1.6;
    private static final double MIN_NOISE = 1e-12;

    private final int n;
    private final int hop;
    private final int bins;
    private final Fft fft;
    private final double[] window;
    private final double[] noise;
    private final double[] prevCleanPower;
    private final Tuning tuning;
    private final double[] frame;
    private final double[] overlap;
    private final double[] re;
    private final double[] im;
    private final double synthesisScale;
    private int filled;
    private long toDiscard;
    private boolean first = true;

    MmseDenoiser(int frameSize, double[] initialNoisePower, Tuning tuning) {
        this.n = frameSize;
        this.hop = n / 4;
        this.bins = n / 2 + 1;
        this.fft = new Fft(n);
        this.window = Fft.sqrtHann(n);
        this.noise = new double[bins];
        for (int k = 0; k < bins; k++) {
            noise[k] = Math.max(initialNoisePower[k] * tuning.overestimate(), MIN_NOISE);
        }
        this.prevCleanPower = new double[bins];
        this.tuning = tuning;
        this.frame = new double[n];
        this.overlap = new double[n];
        this.re = new double[n];
        this.im = new double[n];
        // sqrt-Hann analysis x synthesis = Hann; four Hann windows at hop n/4 sum to 2
        this.synthesisScale = 0.5;
        this.filled = n - hop; // implicit leading zeros
        this.toDiscard = n - hop;
    }

    interface Sink {
        void put(float sample);
    }

    void accept(float sample, Sink sink) {
        frame[filled++] = sample;
        if (filled == n) {
            processFrame(sink);
            System.arraycopy(frame, hop, frame, 0, n - hop);
            filled = n - hop;
        }
    }

    /** Pushes zeros until every real input sample has come out; call once at end of input. */
    void flush(long inputSamples, long emittedSoFar, Sink sink) {
        long[] emitted = {emittedSoFar};
        Sink counting = s -> {
            if (emitted[0] < inputSamples) {
                sink.put(s);
                emitted[0]++;
            }
        };
        while (emitted[0] < inputSamples) {
            accept(0f, counting);
        }
    }

    private void processFrame(Sink sink) {
        for (int i = 0; i < n; i++) {
            re[i] = frame[i] * window[i];
            im[i] = 0;
        }
        fft.forward(re, im);
        double snrSum = 0;
        for (int k = 0; k < bins; k++) {
            double power = re[k] * re[k] + im[k] * im[k];
            snrSum += power / noise[k];
        }
        boolean noiseLike = snrSum / bins < NOISE_LIKE_SNR;
        for (int k = 0; k < bins; k++) {
            double power = re[k] * re[k] + im[k] * im[k];
            if (noiseLike) {
                noise[k] = Math.max(NOISE_SMOOTHING * noise[k] + (1 - NOISE_SMOOTHING) * power, MIN_NOISE);
            }
            double gamma = Math.min(power / noise[k], 1e6);
            double ml = Math.max(gamma - 1, 0);
            double xi = first ? ml : ALPHA * prevCleanPower[k] / noise[k] + (1 - ALPHA) * ml;
            xi = Math.max(xi, tuning.xiMin());
            double v = xi / (1 + xi) * gamma;
            double gain = xi / (1 + xi) * Math.exp(0.5 * expint(v));
            gain = Math.max(Math.min(gain, 1.0), tuning.gainFloor());
            prevCleanPower[k] = gain * gain * power;
            re[k] *= gain;
            im[k] *= gain;
            if (k > 0 && k < n / 2) {
                re[n - k] = re[k];
                im[n - k] = -im[k];
            }
        }
        first = false;
        fft.inverse(re, im);
        for (int i = 0; i < n; i++) {
            overlap[i] += re[i] * window[i] * synthesisScale;
        }
        for (int i = 0; i < hop; i++) {
            if (toDiscard > 0) {
                toDiscard--;
            } else {
                sink.put((float) overlap[i]);
            }
        }
        System.arraycopy(overlap, hop, overlap, 0, n - hop);
        java.util.Arrays.fill(overlap, n - hop, n, 0);
    }

    /** Exponential integral E1(x) for x > 0 (Abramowitz and Stegun 5.1.53 and 5.1.56). */
    static double expint(double x) {
        if (x <= 0) {
            return 30; // exp(15): large gain cap, clipped to 1 by the caller
        }
        if (x <= 1) {
            return -Math.log(x) - 0.57721566 + x * (0.99999193 + x * (-0.24991055 + x * (0.05519968
                    + x * (-0.00976004 + x * 0.00107857))));
        }
        if (x > 50) {
            return 0;
        }
        return Math.exp(-x) / x * (x * x + 2.334733 * x + 0.250621) / (x * x + 3.330657 * x + 1.681534);
    }
}
