package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine with the real tiny.en model on espeak-ng speech, the JFK recording, and silence. */
class WhisperTranscriptionTest {

    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Please call the office before noon tomorrow.",
            "The weather today is sunny with a light breeze.",
            "She opened the window and looked at the garden.",
            "We will meet at the library after the lecture.",
            "He bought fresh bread and milk at the market.",
            "The train leaves the station every morning.",
            "Learning a new language takes time and patience.",
            "They walked along the river until the sun went down.");

    @TempDir
    static Path dir;
    static WhisperModel model;
    static TranscriptionEngine engine;
    static Path speech;

    @BeforeAll
    static void load() throws Exception {
        model = new WhisperModel(TestMedia.model(), WhisperOptions.defaults());
        engine = new TranscriptionEngine(model, TestMedia.FFMPEG);
        speech = TestMedia.speech(dir, "sentences", SENTENCES, 1.2);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void syntheticSpeechIsTranscribedAccuratelyAsCaptions() {
        TranscriptionEngineTest.Recorder recorder = new TranscriptionEngineTest.Recorder();
        Transcript t = engine.transcribe(speech, null, recorder);

        String reference = String.join(" ", SENTENCES);
        double wer = TestMedia.wer(reference, t.plainText());
        assertThat(wer).as("WER of '%s'", t.plainText()).isLessThanOrEqualTo(0.15);
        assertThat(t.plainText().toLowerCase()).contains("fox", "office", "weather", "garden", "library", "milk",
                "station", "language", "river");
        assertThat(t.windowsTranscribed()).isGreaterThanOrEqualTo(2); // ~40 s: more than one window
        assertThat(recorder.checkpoints).hasSize(t.windowsTranscribed() + t.windowsSkipped());
        CaptionShaperTest.assertCaptionRules(t.segments());
        assertThat(t.segments().get(t.segments().size() - 1).endTime()).isLessThanOrEqualTo(t.mediaDurationSeconds());
        String srt = SubtitleFormat.SRT.write(t.segments());
        assertThat(srt).startsWith("1\r\n00:00:0").contains(" --> ");
    }

    @Test
    void realRecordingMatchesItsTranscript() {
        Transcript t = engine.transcribe(TestMedia.jfkWav(), null, null);
        assertThat(TestMedia.wer(WhisperModelTest.JFK, t.plainText())).as(t.plainText()).isLessThanOrEqualTo(0.15);
        CaptionShaperTest.assertCaptionRules(t.segments());
        assertThat(t.segments().get(0).startTime()).isLessThan(1.0);
    }

    @Test
    void silenceAndHissGiveNoSegments() throws Exception {
        Transcript silent = engine.transcribe(TestMedia.silence(dir, 35), null, null);
        assertThat(silent.segments()).isEmpty();
        Path hiss = TestMedia.ffmpeg(dir.resolve("hiss.wav"), "-f", "lavfi", "-i",
                "anoisesrc=color=pink:amplitude=0.002:sample_rate=16000", "-t", "20");
        assertThat(engine.transcribe(hiss, null, null).segments()).isEmpty();
    }

    @Test
    void retriedTranscriptionResumesAfterTheLastFinishedWindow() {
        List<TranscriptionCheckpoint> checkpoints = new ArrayList<>();
        RuntimeException crash = new RuntimeException("worker lost");
        try {
            engine.transcribe(speech, null, new TranscriptionListener() {
                @Override
                public void onCheckpoint(TranscriptionCheckpoint checkpoint) {
                    checkpoints.add(checkpoint);
                    throw crash; // the activity dies right after the first window
                }
            });
        } catch (RuntimeException e) {
            assertThat(e).isSameAs(crash);
        }
        assertThat(checkpoints).hasSize(1);
        TranscriptionCheckpoint last = checkpoints.get(0);
        assertThat(last.segments()).isNotEmpty();

        Transcript resumed = engine.transcribe(speech, last, null);
        Transcript full = engine.transcribe(speech, null, null);
        // A retry does not start over. It need not cut the rest into the full run's windows: it starts at the
        // checkpoint (the last complete segment) and Whisper's seek stops each window where its decoding did.
        assertThat(resumed.windowsTranscribed()).as("a retry does not start over")
                .isLessThanOrEqualTo(full.windowsTranscribed());
        assertThat(resumed.segments().subList(0, last.segments().size())).isEqualTo(last.segments());
        assertThat(resumed.segments().subList(last.segments().size(), resumed.segments().size()))
                .as("only audio after the checkpoint is transcribed again").isNotEmpty()
                .allSatisfy(s -> assertThat(s.startTime()).isGreaterThanOrEqualTo(last.resumeOffsetSeconds() - 0.01));
        assertThat(TestMedia.wer(String.join(" ", SENTENCES), resumed.plainText())).isLessThanOrEqualTo(0.15);
        CaptionShaperTest.assertCaptionRules(resumed.segments());
    }
}
