package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silero VAD on the real model: speech is found where it is, and nothing in music, noise or silence. */
class SileroVadTest {

    private static SileroVad vad;

    @BeforeAll
    static void load() {
        vad = new SileroVad(TestMedia.vadModel());
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    @Test
    void spansFollowSileroHysteresisMinimaAndPadding() {
        float[] probs = new float[100];
        // speech from chunk 11 (chunk 10 is 0.4: below the 0.5 that starts speech) to 39: dips to 0.4, between
        // 0.35 and 0.5, do not end it; a 2-chunk dip below 0.35
        // (64 ms < 100 ms min silence) does not end it either; it ends at chunk 40 after 4 chunks of silence
        for (int i = 10; i < 40; i++) {
            probs[i] = i % 5 == 0 ? 0.4f : 0.9f;
        }
        probs[25] = 0.1f;
        probs[26] = 0.1f;
        // a blip of 4 chunks (128 ms <= 250 ms min speech) is dropped
        for (int i = 60; i < 64; i++) {
            probs[i] = 0.8f;
        }
        // speech running to the end is closed at the audio's length
        for (int i = 90; i < 100; i++) {
            probs[i] = 0.7f;
        }
        List<int[]> spans = SileroVad.speechSpans(probs, 100 * 512 - 100);
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0)).containsExactly(11 * 512 - 480, 40 * 512 + 480);
        assertThat(spans.get(1)).containsExactly(90 * 512 - 480, 100 * 512 - 100);
    }

    @Test
    void findsTheSpeechInARealRecording() throws IOException {
        float[] jfk = readWav16k(TestMedia.jfkWav());
        List<int[]> spans = SileroVad.speechSpans(vad.probabilities(jfk, jfk.length), jfk.length);
        long speech = spans.stream().mapToLong(s -> s[1] - s[0]).sum();
        assertThat(spans).isNotEmpty();
        assertThat(speech / 16_000.0).as("seconds of speech in jfk.wav (11 s)").isBetween(6.0, 11.0);
        assertThat(spans.get(0)[0] / 16_000.0).as("first word starts").isLessThan(1.0);
    }

    @Test
    void findsNoSpeechInMusicNoiseOrSilence(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, Path> e : TestMedia.nonSpeech(dir, 12).entrySet()) {
            float[] audio = readWav16k(e.getValue());
            List<int[]> spans = SileroVad.speechSpans(vad.probabilities(audio, audio.length), audio.length);
            assertThat(spans).as(e.getKey()).isEmpty();
        }
    }

    /** 16-bit mono 16 kHz PCM of a canonical wav (44-byte header), as floats in [-1, 1]. */
    static float[] readWav16k(Path wav) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(wav)) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x61746164) { // "data"
                int n = Math.min(size, bytes.length - pos - 8) / 2;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk in " + wav);
    }
}
