package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediajobs.media.UnsupportedMediaException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;

/** The engine with a scripted recognizer and real FFmpeg. */
class TranscriptionEngineTest {

    @TempDir
    static Path dir;
    static Path bursts; // 70 s of 2 s tone / 2 s silence, in a container with a video stream too
    static Path continuous; // ~51 s of espeak-ng speech without pauses

    @BeforeAll
    static void media() throws Exception {
        Path wav = TestMedia.toneBursts(dir, 70);
        bursts = TestMedia.ffmpeg(dir.resolve("bursts.mkv"), "-i", wav.toString(), "-f", "lavfi", "-i",
                "color=c=blue:s=64x48:r=5", "-t", "70", "-c:v", "mpeg4", "-c:a", "aac", "-map", "0:a", "-map",
                "1:v"); // -t, not -shortest: FFmpeg's threads let the endless video run on by up to seconds
        continuous = TestMedia.continuousSpeech(dir, "continuous", WhisperEdgeCasesTest.PARAGRAPH);
    }

    /** Two segments per window, "a<n>" up to just after its middle and "b<n>" from there; records the lengths. */
    static final class TwoPartRecognizer implements SpeechRecognizer {
        final List<Integer> windowLengths = new CopyOnWriteArrayList<>();

        static int split(int length) {
            return length / 2 + 160;
        }

        @Override
        public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding) {
            windowLengths.add(length);
            int n = windowLengths.size();
            double split = split(length) / 16000.0;
            return List.of(new RecognizedSegment(0.1, split - 0.05, "a" + n),
                    new RecognizedSegment(split, length / 16000.0 - 0.1, "b" + n));
        }

        @Override
        public void close() {
        }
    }

    /** Returns one segment over the whole window; records what it was given. */
    static final class ScriptedRecognizer implements SpeechRecognizer {
        final List<Integer> windowLengths = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile long sleepMillis;
        volatile CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding)
                throws InterruptedException {
            int n = calls.incrementAndGet();
            windowLengths.add(length);
            started.countDown();
            try {
                if (sleepMillis > 0) {
                    Thread.sleep(sleepMillis);
                }
            } finally {
                finished.incrementAndGet();
            }
            return List.of(new RecognizedSegment(0.1, length / 16000.0 - 0.1, " window of " + length + " samples "));
        }

        @Override
        public void close() {
        }
    }

    static final class Recorder implements TranscriptionListener {
        final List<Double> progress = new CopyOnWriteArrayList<>();
        final List<Long> progressNanos = new CopyOnWriteArrayList<>();
        final List<TranscriptionCheckpoint> checkpoints = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(double fraction) {
            progress.add(fraction);
            progressNanos.add(System.nanoTime());
        }

        @Override
        public void onCheckpoint(TranscriptionCheckpoint checkpoint) {
            checkpoints.add(checkpoint);
        }
    }

    static TranscriptionEngine engine(SpeechRecognizer recognizer, Duration progressInterval) {
        return new TranscriptionEngine(recognizer, TestMedia.FFMPEG, new TranscriptionEngine.Options(30, 15,
                progressInterval, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10)));
    }

    @Test
    void decodesTheAudioTrackOfAVideoInWindowsWithACheckpointAfterEach() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        Recorder recorder = new Recorder();
        Transcript t = engine(recognizer, Duration.ofSeconds(1)).transcribe(bursts, null, recorder);

        assertThat(recognizer.calls.get()).isEqualTo(3); // 70 s in windows of <= 30 s cut in the gaps
        assertThat(recognizer.windowLengths).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(30 * 16000));
        int total = recognizer.windowLengths.stream().mapToInt(Integer::intValue).sum();
        assertThat(total / 16000.0).isCloseTo(70.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(recorder.checkpoints).hasSize(3);
        double previous = 0;
        for (TranscriptionCheckpoint c : recorder.checkpoints) {
            assertThat(c.resumeOffsetSeconds()).isGreaterThan(previous);
            previous = c.resumeOffsetSeconds();
        }
        assertThat(recorder.checkpoints.get(2).segments()).hasSize(t.segments().size());
        assertThat(recorder.progress).isSorted();
        assertThat(recorder.progress.get(recorder.progress.size() - 1)).isEqualTo(1.0);
        assertThat(t.windowsTranscribed()).isEqualTo(3);
        assertThat(t.segments()).extracting(SubtitleSegment::text).containsExactlyElementsOf(
                recognizer.windowLengths.stream().map(n -> "window of " + n + " samples").toList());
        CaptionShaperTest.assertCaptionRules(t.segments());
    }

    @Test
    void resumeFromACheckpointSkipsTheFinishedWindows() {
        Recorder first = new Recorder();
        engine(new ScriptedRecognizer(), Duration.ofSeconds(1)).transcribe(bursts, null, first);
        TranscriptionCheckpoint afterFirstWindow = first.checkpoints.get(0);
        assertThat(afterFirstWindow.segments()).extracting(SubtitleSegment::text).hasSize(1);

        ScriptedRecognizer resumed = new ScriptedRecognizer();
        Recorder recorder = new Recorder();
        Transcript t = engine(resumed, Duration.ofSeconds(1)).transcribe(bursts, afterFirstWindow, recorder);

        assertThat(resumed.calls.get()).isEqualTo(2);
        int total = resumed.windowLengths.stream().mapToInt(Integer::intValue).sum();
        assertThat(total / 16000.0).isCloseTo(70.0 - afterFirstWindow.resumeOffsetSeconds(),
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(recorder.progress.get(0)).isCloseTo(
                afterFirstWindow.resumeOffsetSeconds() / t.mediaDurationSeconds(),
                org.assertj.core.data.Offset.offset(1e-9)); // starts where the first attempt stopped
        // the resumed cues are kept first, the rest follows, in media time
        assertThat(t.segments().get(0)).isEqualTo(afterFirstWindow.segments().get(0));
        assertThat(t.segments()).hasSize(3);
        assertThat(t.segments().get(1).startTime()).isGreaterThanOrEqualTo(afterFirstWindow.resumeOffsetSeconds());
        CaptionShaperTest.assertCaptionRules(t.segments());
    }

    @Test
    void resumingAtTheEndDoesNoWork() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        TranscriptionCheckpoint done = new TranscriptionCheckpoint(70.0,
                List.of(new SubtitleSegment(1, 2, "kept")));
        Transcript t = engine(recognizer, Duration.ofSeconds(1)).transcribe(bursts, done, null);
        assertThat(recognizer.calls.get()).isZero();
        assertThat(t.segments()).extracting(SubtitleSegment::text).containsExactly("kept");
    }

    @Test
    void silenceNeverReachesTheRecognizer() throws Exception {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        Transcript t = engine(recognizer, Duration.ofSeconds(1))
                .transcribe(TestMedia.silence(dir, 45), null, new Recorder());
        assertThat(recognizer.calls.get()).isZero();
        assertThat(t.segments()).isEmpty();
        assertThat(t.windowsSkipped()).isEqualTo(2);
    }

    @Test
    void progressMovesWhileALongWindowIsRecognized() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        recognizer.sleepMillis = 2500;
        Recorder recorder = new Recorder();
        engine(recognizer, Duration.ofMillis(500)).transcribe(bursts, null, recorder);
        assertThat(recorder.progress).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < recorder.progressNanos.size(); i++) {
            long gap = recorder.progressNanos.get(i) - recorder.progressNanos.get(i - 1);
            assertThat(gap).as("gap between progress reports").isLessThan(TimeUnit.MILLISECONDS.toNanos(2000));
        }
        assertThat(recorder.progress.size()).isGreaterThan(3 * 4);
    }

    @Test
    void aThrowingListenerCancelsAtOnceAndStopsFfmpeg() throws Exception {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        recognizer.sleepMillis = 3000;
        RuntimeException cancel = new RuntimeException("activity cancelled");
        TranscriptionListener listener = new TranscriptionListener() {
            @Override
            public void onProgress(double fraction) {
                if (recognizer.calls.get() > 0) {
                    throw cancel;
                }
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> engine(recognizer, Duration.ofMillis(200)).transcribe(bursts, null, listener))
                .isSameAs(cancel);
        assertThat((System.nanoTime() - t0) / 1e6).as("ms until cancelled").isLessThan(2500);
        assertNoFfmpegRunning();
        assertThat(recognizer.calls.get()).isEqualTo(1);
    }

    @Test
    void interruptionStopsTranscriptionAndKeepsTheFlag() throws Exception {
        ScriptedRecognizer recognizer = new ScriptedRecognizer();
        recognizer.sleepMillis = 5000;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                engine(recognizer, Duration.ofMillis(200)).transcribe(bursts, null, null);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        assertThat(recognizer.started.await(30, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        worker.join(3000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(TranscriptionInterruptedException.class);
        assertThat(flag.get()).isTrue();
        assertNoFfmpegRunning();
    }

    @Test
    void mediaWithoutAudioIsRejectedClearly() throws Exception {
        Path video = TestMedia.ffmpeg(dir.resolve("video-only.mp4"), "-f", "lavfi", "-i",
                "color=c=black:s=64x48:r=5:d=2", "-c:v", "mpeg4");
        assertThatThrownBy(() -> engine(new ScriptedRecognizer(), Duration.ofSeconds(1)).transcribe(video, null, null))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("no audio");
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.mp3"), "not audio at all");
        assertThatThrownBy(() -> engine(new ScriptedRecognizer(), Duration.ofSeconds(1)).transcribe(junk, null, null))
                .isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void aCutThroughSpeechIsHeardAgainFromTheLastSegmentsStart() {
        TwoPartRecognizer recognizer = new TwoPartRecognizer();
        Recorder recorder = new Recorder();
        Transcript t = engine(recognizer, Duration.ofSeconds(1)).transcribe(continuous, null, recorder);

        List<Integer> lengths = recognizer.windowLengths;
        // each window resumes where the previous one's "b" began
        double expectedOffset = assertResumeOffsets(recorder, lengths, lengths.size() - 1,
                i -> TwoPartRecognizer.split(lengths.get(i)));
        double lastEnd = expectedOffset + lengths.get(lengths.size() - 1) / 16000.0;
        assertThat(lastEnd).isCloseTo(t.mediaDurationSeconds(), org.assertj.core.data.Offset.offset(0.05));
        List<String> expected = new java.util.ArrayList<>();
        for (int n = 1; n <= lengths.size(); n++) {
            expected.add("a" + n);
        }
        expected.add("b" + lengths.size()); // only the last window's second half is kept: nothing follows it
        assertThat(t.segments()).extracting(SubtitleSegment::text).containsExactlyElementsOf(expected);
        CaptionShaperTest.assertCaptionRules(t.segments());
    }

    /**
     * Stops as whisper.cpp's first pass does when it would seek on: it decodes a window of more than 4 s up to
     * {@link TwoPartRecognizer#split} ("a") and says it heard that much; a shorter one whole ("c"). Its context is
     * the numbers of the windows it decoded.
     */
    static final class OnePassRecognizer implements SpeechRecognizer {
        final List<Integer> windowLengths = new CopyOnWriteArrayList<>();
        final List<int[]> contexts = new CopyOnWriteArrayList<>();

        @Override
        public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding) {
            throw new AssertionError("the engine conditions every window");
        }

        @Override
        public Recognition recognize(float[] samples, int length, Decoding decoding, int[] context) {
            windowLengths.add(length);
            int n = windowLengths.size();
            int[] given = context == null ? new int[0] : context.clone();
            contexts.add(given);
            int[] next = java.util.Arrays.copyOf(given, given.length + 1);
            next[given.length] = n;
            if (length <= 4 * 16000) {
                return new Recognition(List.of(new RecognizedSegment(0.1, length / 16000.0 - 0.1, "c" + n)), next);
            }
            double split = TwoPartRecognizer.split(length) / 16000.0;
            return new Recognition(List.of(new RecognizedSegment(0.1, split - 0.05, "a" + n)), next, split);
        }

        @Override
        public boolean seeks() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /**
     * At least 3 windows, one checkpoint each, and checkpoint i resumes at the sum of the first i + 1 windows'
     * {@code advance} (samples); returns the offset (seconds) after the first {@code count} windows.
     */
    private static double assertResumeOffsets(Recorder recorder, List<Integer> lengths, int count,
                                              java.util.function.IntUnaryOperator advance) {
        assertThat(lengths.size()).isGreaterThanOrEqualTo(3);
        assertThat(recorder.checkpoints).hasSize(lengths.size());
        double offset = 0;
        for (int i = 0; i < count; i++) {
            offset += advance.applyAsInt(i) / 16000.0;
            assertThat(recorder.checkpoints.get(i).resumeOffsetSeconds())
                    .isCloseTo(offset, org.assertj.core.data.Offset.offset(0.001));
        }
        return offset;
    }

    @Test
    void theNextWindowStartsWhereTheRecognizerStoppedAndIsConditionedOnAllItDecoded() {
        OnePassRecognizer recognizer = new OnePassRecognizer();
        Recorder recorder = new Recorder();
        Transcript t = engine(recognizer, Duration.ofSeconds(1)).transcribe(bursts, null, recorder);

        List<Integer> lengths = recognizer.windowLengths;
        // each window resumes where the one before stopped: all of a short window, the first part of a long one
        double offset = assertResumeOffsets(recorder, lengths, lengths.size(),
                i -> lengths.get(i) <= 4 * 16000 ? lengths.get(i) : TwoPartRecognizer.split(lengths.get(i)));
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            assertThat(recognizer.contexts.get(i)).hasSize(i); // every window before, not only the last one
            expected.add((lengths.get(i) <= 4 * 16000 ? "c" : "a") + (i + 1));
        }
        assertThat(offset).isCloseTo(t.mediaDurationSeconds(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(t.segments()).extracting(SubtitleSegment::text).containsExactlyElementsOf(expected);
    }

    @Test
    void aCutInAPauseIsNotHeardAgain() {
        TwoPartRecognizer recognizer = new TwoPartRecognizer();
        Transcript t = engine(recognizer, Duration.ofSeconds(1)).transcribe(bursts, null, null);

        int total = recognizer.windowLengths.stream().mapToInt(Integer::intValue).sum();
        assertThat(total / 16000.0).isCloseTo(70.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(t.segments()).extracting(SubtitleSegment::text)
                .containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
    }

    @Test
    void aRecognizerErrorFailsNamingTheStretchOfMediaForUsers() throws Exception {
        ScriptedRecognizer working = new ScriptedRecognizer();
        RecognitionFailedException refused = new RecognitionFailedException(
                "whisper.cpp failed to transcribe 27.10 s of audio (error code -5)", null);
        SpeechRecognizer failingSecond = new SpeechRecognizer() {
            @Override
            public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding)
                    throws InterruptedException {
                if (working.calls.get() == 1) {
                    throw refused;
                }
                return working.recognize(samples, length);
            }

            @Override
            public void close() {
            }
        };
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> engine(failingSecond, Duration.ofSeconds(1)).transcribe(bursts, null, recorder))
                .isInstanceOf(RecognitionFailedException.class)
                .hasCause(refused)
                .hasMessageMatching("Speech recognition failed on the audio from 0:2\\d\\.\\d to 0:[45]\\d\\.\\d;"
                        + " the speech engine rejects this part of the media, so retrying will not help");
        assertThat(recorder.checkpoints).hasSize(1);
        assertNoFfmpegRunning();
    }

    @Test
    void mediaPositionsAreWrittenAsOnAClock() {
        assertThat(TranscriptionEngine.clock(0)).isEqualTo("0:00.0");
        assertThat(TranscriptionEngine.clock(27.08)).isEqualTo("0:27.1");
        assertThat(TranscriptionEngine.clock(83.46)).isEqualTo("1:23.5");
        assertThat(TranscriptionEngine.clock(3723.4)).isEqualTo("1:02:03.4");
    }

    @Test
    void checkpointsSurviveTemporalsJsonConverter() {
        TranscriptionCheckpoint checkpoint = new TranscriptionCheckpoint(29.98,
                List.of(new SubtitleSegment(0.5, 2.25, "Hello\nthere")));
        Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(checkpoint).orElseThrow();
        String json = payload.getData().toStringUtf8();
        assertThat(json).contains("\"resumeOffsetSeconds\":29.98", "\"startTime\":0.5", "\"endTime\":2.25",
                "\"text\":\"Hello\\nthere\"");
        TranscriptionCheckpoint back = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload,
                TranscriptionCheckpoint.class, TranscriptionCheckpoint.class);
        assertThat(back).isEqualTo(checkpoint);
    }

    static void assertNoFfmpegRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<ProcessHandle> ffmpegs = ProcessHandle.current().descendants()
                    .filter(p -> p.isAlive() && p.info().command().map(c -> c.contains("ffmpeg")).orElse(false))
                    .toList();
            if (ffmpegs.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("ffmpeg still running: " + ffmpegs);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Numbers its windows in call order and conditions each on the numbers before it: the context it is given
     * is recorded, and the one it returns is that context plus its own number.
     */
    static final class ContextRecognizer implements SpeechRecognizer {
        final List<int[]> contexts = new CopyOnWriteArrayList<>();
        final List<Integer> windowLengths = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding) {
            throw new AssertionError("the engine conditions every window");
        }

        @Override
        public Recognition recognize(float[] samples, int length, Decoding decoding, int[] context) {
            int n = calls.incrementAndGet();
            int[] given = context == null ? new int[0] : context.clone();
            contexts.add(given);
            windowLengths.add(length);
            int[] next = java.util.Arrays.copyOf(given, given.length + 1);
            next[given.length] = n;
            return new Recognition(List.of(new RecognizedSegment(0.1, length / 16000.0 - 0.1, " w" + n)), next);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void lanesConditionTheirWindowsInOrderAndAreMergedInMediaOrder() {
        ContextRecognizer recognizer = new ContextRecognizer();
        Recorder recorder = new Recorder();
        TranscriptionEngine engine = new TranscriptionEngine(recognizer, TestMedia.FFMPEG,
                new TranscriptionEngine.Options(30, 15, Duration.ofMillis(200), Duration.ofSeconds(30),
                        Duration.ofSeconds(60), Duration.ofMinutes(10), 2));
        Transcript t = engine.transcribe(bursts, null, recorder);

        // 70 s in two lanes: every sample heard exactly once, none lost or doubled at the hand-over
        int total = recognizer.windowLengths.stream().mapToInt(Integer::intValue).sum();
        assertThat(total / 16000.0).isCloseTo(70.0, org.assertj.core.data.Offset.offset(0.1));
        // a lane's first window starts afresh; every other window is conditioned on the one before in its lane
        assertThat(recognizer.contexts.stream().filter(c -> c.length == 0).count()).isEqualTo(2);
        for (int[] c : recognizer.contexts) {
            for (int i = 1; i < c.length; i++) {
                assertThat(c[i]).as("a lane's windows are decoded one after the other").isGreaterThan(c[i - 1]);
            }
        }
        List<SubtitleSegment> cues = t.segments();
        assertThat(cues).hasSize(recognizer.calls.get());
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startTime()).isGreaterThanOrEqualTo(cues.get(i - 1).endTime());
        }
        double previous = 0;
        for (int i = 0; i < recorder.checkpoints.size(); i++) {
            TranscriptionCheckpoint c = recorder.checkpoints.get(i);
            assertThat(c.resumeOffsetSeconds()).isGreaterThan(previous);
            previous = c.resumeOffsetSeconds();
            if (i > 0) {
                assertThat(c.segments()).startsWith(
                        recorder.checkpoints.get(i - 1).segments().toArray(SubtitleSegment[]::new));
            }
        }
        assertThat(previous).isCloseTo(70.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(recorder.progress).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void aJobResumedFromALaneCheckpointNeitherLosesNorRepeatsAudio() {
        TranscriptionEngine.Options two = new TranscriptionEngine.Options(30, 15, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10), 2);
        List<TranscriptionCheckpoint> checkpoints = new CopyOnWriteArrayList<>();
        RuntimeException crash = new RuntimeException("worker lost");
        assertThatThrownBy(() -> new TranscriptionEngine(new ContextRecognizer(), TestMedia.FFMPEG, two)
                .transcribe(bursts, null, new TranscriptionListener() {
                    @Override
                    public void onCheckpoint(TranscriptionCheckpoint checkpoint) {
                        checkpoints.add(checkpoint);
                        throw crash;
                    }
                })).isSameAs(crash);
        TranscriptionCheckpoint last = checkpoints.get(0);

        ContextRecognizer resumedRecognizer = new ContextRecognizer();
        Transcript resumed = new TranscriptionEngine(resumedRecognizer, TestMedia.FFMPEG, two)
                .transcribe(bursts, last, null);
        int total = resumedRecognizer.windowLengths.stream().mapToInt(Integer::intValue).sum();
        assertThat(total / 16000.0 + last.resumeOffsetSeconds()).isCloseTo(70.0,
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(resumed.segments().subList(0, last.segments().size())).isEqualTo(last.segments());
        List<SubtitleSegment> cues = resumed.segments();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startTime()).isGreaterThanOrEqualTo(cues.get(i - 1).endTime());
        }
    }
}
