package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the real whisper.cpp model through whisper-jni, and its failure modes. */
class WhisperModelTest {

    @TempDir
    Path dir;

    @Test
    void missingModelFileNamesThePathAndTheFix() {
        Path missing = dir.resolve("nope/ggml-tiny.en.bin");
        assertThatThrownBy(() -> new WhisperModel(missing, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("scripts/models");
    }

    @Test
    void garbageAndTruncatedFilesAreRejectedByName() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.bin"), "this is not a model at all".getBytes());
        assertThatThrownBy(() -> new WhisperModel(garbage, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("legacy ggml");
        Path truncated = dir.resolve("truncated.bin");
        try (InputStream in = Files.newInputStream(TestMedia.model())) {
            Files.write(truncated, in.readNBytes(1 << 20));
        }
        assertThatThrownBy(() -> new WhisperModel(truncated, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(truncated.toString());
        Path gguf = Files.write(dir.resolve("model.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
        assertThatThrownBy(() -> new WhisperModel(gguf, 1, 1))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("GGUF");
    }

    @Test
    void onePoolOfStatesServesConcurrentCallersWithIdenticalResults() throws Exception {
        float[] jfk = readWav16kMono(TestMedia.jfkWav());
        try (WhisperModel model = new WhisperModel(TestMedia.model(), 1, 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<RecognizedSegment>>> runs = pool.invokeAll(List.of(
                        () -> model.recognize(jfk, jfk.length),
                        () -> model.recognize(jfk, jfk.length),
                        () -> model.recognize(jfk, jfk.length))); // third waits for a free state
                List<RecognizedSegment> first = runs.get(0).get();
                for (Future<List<RecognizedSegment>> run : runs) {
                    assertThat(run.get()).isEqualTo(first);
                }
                String text = String.join(" ", first.stream().map(RecognizedSegment::text).toList());
                assertThat(TestMedia.wer(JFK, text)).isLessThanOrEqualTo(0.15);
                assertThat(first.get(0).start()).isLessThan(1.0); // centiseconds converted to seconds
                assertThat(first.get(first.size() - 1).end()).isBetween(9.0, 11.1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A scripted view of 2 CPUs over 2 s in which other processes kept {@code otherCores} busy. */
    static CpuContention contention(double otherCores) {
        return new CpuContentionTest.TwoSeconds((long) (otherCores * 200), 400, 0).contention;
    }

    /**
     * Next to another busy process a 2-thread context decodes on one thread (scripts/whisper-native's build has the
     * switch; whisper-jni's does not and keeps 2) and hears the same words.
     */
    @Test
    void contendedCoresDecodeOnOneThreadAndHearTheSame() throws Exception {
        float[] jfk = readWav16kMono(TestMedia.jfkWav());
        try (WhisperModel model = new WhisperModel(TestMedia.model(), WhisperOptions.defaults().withThreads(2))) {
            assertThat(model.decoderThreads(contention(1.0))).isEqualTo(1);
            assertThat(model.decoderThreads(contention(0.2))).isZero();

            String idle = text(model.recognize(jfk, jfk.length));
            model.contention(contention(1.0));
            String busy = text(model.recognize(jfk, jfk.length));

            assertThat(TestMedia.wer(JFK, busy)).as(busy).isLessThanOrEqualTo(0.15);
            assertThat(CaptionShaper.normalize(busy)).isEqualTo(CaptionShaper.normalize(idle));
        }
    }

    private static String text(List<RecognizedSegment> segments) {
        return String.join(" ", segments.stream().map(RecognizedSegment::text).toList());
    }

    @Test
    void aWindowIsConditionedOnTheTokensOfTheOneBefore() throws Exception {
        float[] jfk = readWav16kMono(TestMedia.jfkWav());
        try (WhisperModel model = new WhisperModel(TestMedia.model(), 1, 1)) {
            SpeechRecognizer.Recognition first = model.recognize(jfk, jfk.length, Decoding.DEFAULT, null);
            assertThat(first.context()).isNotEmpty().hasSizeLessThanOrEqualTo(WhisperModel.MAX_CONTEXT_TOKENS);
            SpeechRecognizer.Recognition second = model.recognize(jfk, jfk.length, Decoding.DEFAULT,
                    first.context());
            String text = String.join(" ", second.segments().stream().map(RecognizedSegment::text).toList());
            assertThat(TestMedia.wer(JFK, text)).as(text).isLessThanOrEqualTo(0.15);
            // the context carries on: the earlier tokens, then this window's, capped at the newest
            int[] next = second.context();
            assertThat(next.length).isGreaterThan(first.context().length)
                    .isLessThanOrEqualTo(WhisperModel.MAX_CONTEXT_TOKENS);
            assertThat(java.util.Arrays.copyOf(next, first.context().length)).isEqualTo(first.context());
        }
    }

    @Test
    void repetitionLoopsCompressWell() {
        byte[] loop = " thank you.".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] speech = (" And so, my fellow Americans, ask not what your country can do for you, ask what you can"
                + " do for your country.").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(WhisperModel.compressionRatio(loop)).isGreaterThan(2.4);
        assertThat(WhisperModel.compressionRatio(speech)).isLessThan(2.4);
        assertThat(WhisperModel.compressionRatio(new byte[0])).isZero();
    }

    @Test
    void closedModelRefusesWork() {
        WhisperModel model = new WhisperModel(TestMedia.model(), 1, 1);
        model.close();
        model.close(); // idempotent
        assertThatThrownBy(() -> model.recognize(new float[16000], 16000))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * whisper.cpp refuses an audio_ctx above the model's n_audio_ctx (error -5): windows of 26.9–27.4 s used to be
     * rounded up to 1536. Every window length, in 1 ms steps up to whisper's 30 s, stays within the model's.
     */
    @Test
    void audioContextNeverExceedsTheModelsForAnyWindowLength() {
        for (int samples = 16; samples <= 30 * 16000; samples += 16) {
            int ctx = WhisperModel.audioContext(samples, 1500);
            assertThat(ctx).as("audio_ctx for %d samples", samples).isBetween(384, 1500);
            assertThat(ctx * WhisperModel.SAMPLES_PER_AUDIO_FRAME).as("covers %d samples", samples)
                    .isGreaterThanOrEqualTo(samples);
        }
        for (double seconds = 26.5; seconds <= 30.0; seconds += 0.005) {
            assertThat(WhisperModel.audioContext((int) Math.round(seconds * 16000), 1500))
                    .as("audio_ctx at %.3f s", seconds).isLessThanOrEqualTo(1500);
        }
        assertThat(WhisperModel.audioContext(27 * 16000, 1500)).isEqualTo(1500); // was 1536
        assertThat(WhisperModel.audioContext(10 * 16000, 1500)).isEqualTo(640);
        assertThat(WhisperModel.audioContext(16000, 1500)).isEqualTo(384);
        assertThat(WhisperModel.audioContext(20 * 16000, 1000)).isEqualTo(1000); // a model with a shorter context
    }

    @Test
    void theModelsAudioContextIsReadFromItsHeader() throws Exception {
        byte[] header = new byte[12];
        try (InputStream in = Files.newInputStream(TestMedia.model())) {
            assertThat(in.readNBytes(header, 0, 12)).isEqualTo(12);
        }
        assertThat(WhisperModel.headerAudioContext(header, 12)).isEqualTo(1500);
        byte[] small = header.clone();
        small[8] = (byte) 0xe8; // 1000 = 0x03e8
        small[9] = 0x03;
        assertThat(WhisperModel.headerAudioContext(small, 12)).isEqualTo(1000);
        assertThat(WhisperModel.headerAudioContext("GGUF and more".getBytes(), 12))
                .isEqualTo(WhisperModel.DEFAULT_AUDIO_CONTEXT);
        assertThat(WhisperModel.headerAudioContext(header, 4)).isEqualTo(WhisperModel.DEFAULT_AUDIO_CONTEXT);
    }

    static final String JFK = "And so my fellow Americans, ask not what your country can do for you,"
            + " ask what you can do for your country.";

    /** Reads a 16 kHz mono 16-bit PCM wav (samples/jfk.wav's format) without FFmpeg. */
    static float[] readWav16kMono(Path wav) throws Exception {
        byte[] b = Files.readAllBytes(wav);
        int pos = 12;
        while (pos + 8 <= b.length) {
            String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = (b[pos + 4] & 0xff) | (b[pos + 5] & 0xff) << 8 | (b[pos + 6] & 0xff) << 16
                    | (b[pos + 7] & 0xff) << 24;
            if (id.equals("data")) {
                int n = Math.min(size, b.length - pos - 8) / 2;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    int lo = b[pos + 8 + 2 * i] & 0xff;
                    int hi = b[pos + 9 + 2 * i];
                    out[i] = (short) (hi << 8 | lo) / 32768f;
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk in " + wav);
    }
}
