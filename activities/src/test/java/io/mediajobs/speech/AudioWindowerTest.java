package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AudioWindowerTest {

    private static final int SR = 16000;

    /** Bursts of tone separated by silences; silent gaps at irregular places. */
    static float[] bursts(double seconds, double[] gapsAt) {
        float[] pcm = new float[(int) (seconds * SR)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.4 * Math.sin(i * 2 * Math.PI * 300 / SR));
        }
        for (double g : gapsAt) {
            for (int i = (int) (g * SR); i < Math.min(pcm.length, (int) ((g + 0.6) * SR)); i++) {
                pcm[i] = 0;
            }
        }
        return pcm;
    }

    static PcmSource source(float[] pcm, int chunk) {
        return new PcmSource() {
            int pos;

            @Override
            public int read(float[] dst, int off, int len) {
                if (pos >= pcm.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), pcm.length - pos);
                System.arraycopy(pcm, pos, dst, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void windowsAreAtMostThirtySecondsContiguousAndCutInsideSilences() throws IOException {
        double[] gaps = {7.3, 18.0, 26.1, 41.5, 50.2, 63.0, 77.7};
        float[] pcm = bursts(95, gaps);
        AudioWindower windower = new AudioWindower(source(pcm, 4093), 30 * SR, 15 * SR);
        List<AudioWindower.Window> windows = new ArrayList<>();
        AudioWindower.Window w;
        while ((w = windower.next()) != null) {
            windows.add(w);
        }
        long expectedStart = 0;
        for (AudioWindower.Window window : windows) {
            assertThat(window.startSample()).isEqualTo(expectedStart);
            assertThat(window.length()).isLessThanOrEqualTo(30 * SR);
            for (int i = 0; i < window.length(); i++) { // the content is the stream's, in order
                if (window.samples()[i] != pcm[(int) (window.startSample() + i)]) {
                    throw new AssertionError("sample mismatch at " + (window.startSample() + i));
                }
            }
            expectedStart += window.length();
        }
        assertThat(expectedStart).isEqualTo(pcm.length);
        for (int i = 0; i < windows.size() - 1; i++) {
            int cut = (int) (windows.get(i).startSample() + windows.get(i).length());
            assertThat(pcm[cut]).as("cut %d at %.2f s is in a silence", i, cut / (double) SR).isZero();
            assertThat(pcm[cut - 1]).isZero();
        }
        // the cut lands in the latest silence that fits: 26.1 s, then 50.2 s, then 77.7 s
        assertThat(windows).hasSize(4);
        assertThat(windows.get(0).length() / (double) SR).isBetween(26.1, 26.7);
    }

    @Test
    void withoutSilenceTheQuietestMomentIsUsedAndNothingIsLost() throws IOException {
        float[] pcm = noise(70, 1);
        AudioWindower windower = new AudioWindower(source(pcm, 100_000), 30 * SR, 15 * SR);
        long total = 0;
        AudioWindower.Window w;
        while ((w = windower.next()) != null) {
            assertThat(w.length()).isBetween(1, 30 * SR);
            total += w.length();
        }
        assertThat(total).isEqualTo(pcm.length);
    }

    @Test
    void pushedBackSamplesStartTheNextWindowAndOnlyTheFinalWindowIsLast() throws IOException {
        float[] pcm = noise(70, 7);
        AudioWindower windower = new AudioWindower(source(pcm, 4093), 30 * SR, 15 * SR);
        List<AudioWindower.Window> windows = new ArrayList<>();
        AudioWindower.Window w;
        while ((w = windower.next()) != null) {
            windows.add(w);
            for (int i = 0; i < w.length(); i++) {
                if (w.samples()[i] != pcm[(int) (w.startSample() + i)]) {
                    throw new AssertionError("sample mismatch at " + (w.startSample() + i));
                }
            }
            if (!w.last()) {
                AudioWindower.Window pushed = w;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> windower.pushBack(pushed, 0))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(windower.canPushBack(pushed, 0)).isFalse();
                assertThat(windower.canPushBack(pushed, w.length() * 2 / 3)).isTrue();
                windower.pushBack(w, w.length() * 2 / 3); // hear the last third again
            }
        }
        for (int i = 1; i < windows.size(); i++) {
            AudioWindower.Window before = windows.get(i - 1);
            assertThat(windows.get(i).startSample()).isEqualTo(before.startSample() + before.length() * 2 / 3);
        }
        AudioWindower.Window last = windows.get(windows.size() - 1);
        assertThat(last.last()).isTrue();
        assertThat(windows.subList(0, windows.size() - 1)).noneMatch(AudioWindower.Window::last);
        assertThat(last.startSample() + last.length()).isEqualTo(pcm.length);
    }

    @Test
    void theFinalWindowCanBePushedBackAndItsRestComesBackAsTheFinalWindow() throws IOException {
        float[] pcm = noise(20, 11);
        AudioWindower windower = new AudioWindower(source(pcm, 4093), 30 * SR, 15 * SR);
        AudioWindower.Window whole = windower.next();
        assertThat(whole.last()).isTrue();
        assertThat(windower.canPushBack(whole, 12 * SR)).isTrue();
        windower.pushBack(whole, 12 * SR); // a recognizer stopped at 12 s: the rest is decoded again
        AudioWindower.Window rest = windower.next();
        assertThat(rest.startSample()).isEqualTo(12L * SR);
        assertThat(rest.length()).isEqualTo(8 * SR);
        assertThat(rest.last()).isTrue();
        assertThat(windower.next()).isNull();
    }

    @Test
    void shortAudioIsOneWindowAndEmptyAudioNone() throws IOException {
        AudioWindower one = new AudioWindower(source(new float[5 * SR], 1000), 30 * SR, 15 * SR);
        assertThat(one.next().length()).isEqualTo(5 * SR);
        assertThat(one.next()).isNull();
        assertThat(new AudioWindower(source(new float[0], 1000), 30 * SR, 15 * SR).next()).isNull();
    }

    @Test
    void voiceActivityDetectorIgnoresSilenceAndLowHiss() {
        assertThat(VoiceActivityDetector.analyse(new float[10 * SR], 10 * SR).hasSpeech()).isFalse();
        float[] hiss = new float[10 * SR];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (float) (r.nextGaussian() * 0.001); // -60 dBFS
        }
        assertThat(VoiceActivityDetector.analyse(hiss, hiss.length).hasSpeech()).isFalse();
        float[] steadyNoise = new float[10 * SR];
        for (int i = 0; i < steadyNoise.length; i++) {
            steadyNoise[i] = (float) (r.nextGaussian() * 0.05); // loud but steady: no speech dynamics
        }
        assertThat(VoiceActivityDetector.analyse(steadyNoise, steadyNoise.length).hasSpeech()).isFalse();
        float[] speechy = bursts(10, new double[] {1, 3, 5, 7});
        VoiceActivityDetector a = VoiceActivityDetector.analyse(speechy, speechy.length);
        assertThat(a.hasSpeech()).isTrue();
        assertThat(a.voicedFraction(1.1, 1.5)).isZero();
        assertThat(a.voicedFraction(2.0, 2.9)).isEqualTo(1.0);
    }

    /** {@code seconds} of Gaussian noise (standard deviation 0.2: loud, no silence anywhere), seeded. */
    private static float[] noise(int seconds, long seed) {
        float[] pcm = new float[seconds * SR];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (r.nextGaussian() * 0.2);
        }
        return pcm;
    }
}
