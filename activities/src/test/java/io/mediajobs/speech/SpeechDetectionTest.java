package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

/**
 * The engine with Silero VAD and the real Whisper model: music, noise and silence give no cues (the recognizer is
 * never even called), speech after a long silence keeps its true start, sentences set apart by silences are heard
 * together with their times mapped back, and windows recognised in parallel come back in order with checkpoints
 * that only move forward.
 */
class SpeechDetectionTest {

    private static WhisperModel whisper;
    private static SileroVad vad;

    @BeforeAll
    static void load() {
        whisper = new WhisperModel(TestMedia.model(), WhisperOptions.defaults().withThreads(1).withPoolSize(2));
        vad = new SileroVad(TestMedia.vadModel());
    }

    @AfterAll
    static void close() {
        vad.close();
        whisper.close();
    }

    /** Counts the windows that reach the model. */
    private static final class Counting implements SpeechRecognizer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding)
                throws InterruptedException {
            calls.incrementAndGet();
            return whisper.recognize(samples, length, decoding);
        }

        @Override
        public java.util.Set<String> languages() {
            return whisper.languages();
        }

        @Override
        public String modelName() {
            return whisper.modelName();
        }

        @Override
        public void close() {
        }
    }

    private static TranscriptionEngine engine(SpeechRecognizer recognizer, int parallel) {
        return new TranscriptionEngine(recognizer, vad, TestMedia.FFMPEG,
                TranscriptionEngine.Options.defaults().withParallelWindows(parallel));
    }

    @Test
    void musicNoiseAndSilenceGiveNoCues(@TempDir Path dir) throws Exception {
        Counting recognizer = new Counting();
        TranscriptionEngine engine = engine(recognizer, 2);
        for (Map.Entry<String, Path> e : TestMedia.nonSpeech(dir, 40).entrySet()) {
            Transcript t = engine.transcribe(e.getValue(), null, null);
            assertThat(t.segments()).as(e.getKey()).isEmpty();
            assertThat(t.windowsTranscribed()).as(e.getKey()).isZero();
        }
        assertThat(recognizer.calls).hasValue(0);
    }

    @Test
    void speechAfterALongSilenceKeepsItsTrueStart(@TempDir Path dir) throws Exception {
        Path silence = TestMedia.silence(dir, 47);
        Path media = dir.resolve("late.wav");
        TestMedia.run(List.of("sox", silence.toString(), "-r", "16000", "-c", "1", dir.resolve("s16.wav").toString()));
        TestMedia.run(List.of("sox", dir.resolve("s16.wav").toString(), TestMedia.jfkWav().toString(),
                media.toString()));
        Transcript t = engine(whisper, 1).transcribe(media, null, null);
        assertThat(t.segments()).isNotEmpty();
        double first = t.segments().get(0).startTime();
        // jfk.wav's first word starts ~0.3 s in
        assertThat(first).as("first cue start").isBetween(47.0, 48.0);
        assertThat(t.plainText().toLowerCase()).contains("fellow americans");
        assertThat(t.windowsTranscribed()).isEqualTo(1);
    }

    @Test
    void sentencesBetweenLongSilencesShareAWindowAndKeepTheirTimes(@TempDir Path dir) throws Exception {
        List<String> sentences = List.of("The city council approved a new budget for public transport.",
                "Officials said the money will pay for more buses.");
        Path speech = TestMedia.speech(dir, "apart", sentences, 8);
        javax.sound.sampled.AudioFormat format;
        double first;
        try (javax.sound.sampled.AudioInputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(
                dir.resolve("apart-0.wav").toFile())) {
            format = in.getFormat();
            first = in.getFrameLength() / format.getFrameRate();
        }
        double secondStart = first + 8;
        Counting recognizer = new Counting();
        Transcript t = engine(recognizer, 2).transcribe(speech, null, null);

        assertThat(recognizer.calls).as("one recognizer call for both, the 8 s of silence left out").hasValue(1);
        List<SubtitleSegment> cues = t.segments();
        SubtitleSegment second = cues.stream().filter(c -> c.text().toLowerCase().contains("officials"))
                .findFirst().orElseThrow();
        assertThat(second.startTime()).as("its true start").isBetween(secondStart - 0.5, secondStart + 0.5);
        assertThat(cues.get(cues.indexOf(second) - 1).endTime()).as("the first sentence's end")
                .isLessThanOrEqualTo(first + 0.5);
        for (SubtitleSegment c : cues) {
            for (io.mediajobs.workflows.subtitles.SubtitleWord w : c.words()) {
                assertThat(w.startTime() >= secondStart - 0.5 || w.endTime() <= first + 0.5)
                        .as("no word in the silence: %s", w).isTrue();
            }
        }
    }

    @Test
    void windowsRecognisedInParallelComeBackInOrder(@TempDir Path dir) throws Exception {
        List<String> sentences = List.of("The city council approved a new budget for public transport.",
                "Officials said the money will pay for more buses.",
                "Several residents asked for better bicycle lanes near the station.",
                "The mayor promised to publish a detailed plan before the end of the year.");
        Path speech = TestMedia.speech(dir, "pauses", sentences, 2.5);
        List<TranscriptionCheckpoint> checkpoints = new ArrayList<>();
        TranscriptionListener listener = new TranscriptionListener() {
            @Override
            public void onProgress(double fraction) {
            }

            @Override
            public void onCheckpoint(TranscriptionCheckpoint checkpoint) {
                checkpoints.add(checkpoint);
            }
        };
        Transcript parallel = engine(whisper, 2).transcribe(speech, null, listener);
        // sentences set apart by pauses share windows (their chunks put together), at most one window each
        assertThat(parallel.windowsTranscribed()).isBetween(1, sentences.size());
        List<SubtitleSegment> cues = parallel.segments();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startTime()).isGreaterThanOrEqualTo(cues.get(i - 1).endTime() - 1e-6);
        }
        for (int i = 1; i < checkpoints.size(); i++) {
            assertThat(checkpoints.get(i).resumeOffsetSeconds())
                    .isGreaterThan(checkpoints.get(i - 1).resumeOffsetSeconds());
            assertThat(checkpoints.get(i).segments()).startsWith(
                    checkpoints.get(i - 1).segments().toArray(SubtitleSegment[]::new));
        }
        String text = parallel.plainText().toLowerCase();
        assertThat(List.of("council", "money", "residents", "mayor")).as(text)
                .allMatch(text::contains)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(text::indexOf));
        Transcript sequential = engine(whisper, 1).transcribe(speech, null, null);
        assertThat(parallel.segments()).isEqualTo(sequential.segments());
    }
}
