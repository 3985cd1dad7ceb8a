package io.mediajobs.denoise;

/** In-place iterative radix-2 complex FFT of a fixed power-of-two size (plain Java, no allocation per call). */
final class Fft {

    private final int n;
    private final int[] bitReverse;
    private final double[] cos;
    private final double[] sin;

    Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReverse = new int[n];
        for (int i = 0; i < n; i++) {
            bitReverse[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
    }

    int size() {
        return n;
    }

    /** Forward transform (sign -1) of re/im in place. */
    void forward(double[] re, double[] im) {
        transform(re, im, -1);
    }

    /** Inverse transform, scaled by 1/n. */
    void inverse(double[] re, double[] im) {
        transform(re, im, 1);
        for (int i = 0; i < n; i++) {
            re[i] /= n;
            im[i] /= n;
        }
    }

    private void transform(double[] re, double[] im, int sign) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** The STFT frame size used at a sample rate: the power of two nearest above 32 ms. */
    static int frameSizeFor(int sampleRate) {
        int target = (int) Math.ceil(sampleRate * 0.032);
        return Integer.highestOneBit(Math.max(target - 1, 1)) << 1;
    }

    /** Periodic square-root Hann window: used for analysis and synthesis, so the pair multiplies to Hann. */
    static double[] sqrtHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.sqrt(0.5 * (1 - Math.cos(2 * Math.PI * i / n)));
        }
        return w;
    }
}
