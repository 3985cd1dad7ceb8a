package io.mediajobs.denoise;

import java.io.IOException;
import java.util.Arrays;

/** Collects per-channel outputs that arrive in lockstep and writes them interleaved. */
final class Interleaver {

    private final float[][] pending;
    private final int[] counts;

    Interleaver(int channels) {
        pending = new float[channels][8192];
        counts = new int[channels];
    }

    void put(int channel, float sample) {
        if (counts[channel] == pending[channel].length) {
            pending[channel] = Arrays.copyOf(pending[channel], pending[channel].length * 2);
        }
        pending[channel][counts[channel]++] = sample;
    }

    void drain(ReductionJob.PcmWriter out) throws IOException {
        int ready = Arrays.stream(counts).min().orElse(0);
        for (int i = 0; i < ready; i++) {
            for (float[] channel : pending) {
                out.write(channel[i]);
            }
        }
        for (int c = 0; c < pending.length; c++) {
            System.arraycopy(pending[c], ready, pending[c], 0, counts[c] - ready);
            counts[c] -= ready;
        }
    }
}
