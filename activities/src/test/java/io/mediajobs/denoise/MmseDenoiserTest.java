package io.mediajobs.denoise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MmseDenoiserTest {

    @Test
    void withNoNoiseTheSignalPassesUnchangedAndAligned() {
        int n = Fft.frameSizeFor(16000);
        MmseDenoiser d = new MmseDenoiser(n, new double[n / 2 + 1], MmseDenoiser.Tuning.of(Strength.MEDIUM));
        float[] in = new float[16000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        List<Float> out = new ArrayList<>();
        for (float s : in) {
            d.accept(s, out::add);
        }
        d.flush(in.length, out.size(), out::add);
        assertThat(out).hasSize(in.length);
        for (int i = 0; i < in.length; i++) {
            assertThat((double) out.get(i)).isCloseTo(in[i], Offset.offset(1e-3));
        }
    }

    @Test
    void expintMatchesKnownValues() {
        assertThat(MmseDenoiser.expint(0.1)).isCloseTo(1.8229, Offset.offset(1e-3));
        assertThat(MmseDenoiser.expint(1.0)).isCloseTo(0.21938, Offset.offset(1e-3));
        assertThat(MmseDenoiser.expint(5.0)).isCloseTo(0.001148, Offset.offset(1e-4));
    }

    @Test
    void afftdnLatencyFormulaMatchesMeasurements() {
        assertThat(AfftdnNoiseReducer.latencySamples(16000)).isEqualTo(400);
        assertThat(AfftdnNoiseReducer.latencySamples(44100)).isEqualTo(1102);
        assertThat(AfftdnNoiseReducer.latencySamples(11025)).isEqualTo(274);
        assertThat(AfftdnNoiseReducer.latencySamples(48000)).isEqualTo(1200);
    }
}
