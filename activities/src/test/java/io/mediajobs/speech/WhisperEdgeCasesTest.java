package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Media that broke the engine in the field, generated with espeak-ng, sox and FFmpeg and transcribed by the real
 * tiny.en model: continuous speech whose window lengths made whisper.cpp refuse the audio context, a sentence after
 * silence that came back with its tail repeated, and a word too short for whisper.cpp.
 */
class WhisperEdgeCasesTest {

    /** No punctuation, so espeak-ng makes no pause longer than a stop consonant's; ~51 s at 175 words a minute. */
    static final String PARAGRAPH = "the history of the city begins with a small settlement on the banks of the river"
            + " where farmers and fishermen traded grain fish and tools with travelers coming down from the mountains"
            + " and over the centuries the village grew into a market town with stone bridges narrow streets and a"
            + " great cathedral whose bells could be heard across the valley on every holiday while merchants from"
            + " distant countries brought silk spices and new ideas that slowly changed the way people lived worked"
            + " and thought about the world around them until the arrival of the railway turned the quiet town into"
            + " a busy industrial center with factories warehouses and crowded neighborhoods where thousands of"
            + " workers made cloth machines and furniture for customers all over the continent and today visitors"
            + " walk through the old streets to admire the buildings taste the local food and listen to the"
            + " musicians playing in the squares on warm summer evenings before they take the last train home to"
            + " their families in the small villages nearby";
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";

    @TempDir
    static Path dir;
    /** As the worker runs it: adaptive audio context on (EngineConfig's default). */
    static WhisperModel adaptive;
    /** whisper.cpp's full 30 s context for every window. */
    static WhisperModel full;

    @BeforeAll
    static void load() {
        adaptive = new WhisperModel(TestMedia.model(), WhisperOptions.defaults().withAdaptiveAudioContext(true));
        full = new WhisperModel(TestMedia.model(), WhisperOptions.defaults());
    }

    @AfterAll
    static void close() {
        if (adaptive != null) {
            adaptive.close();
        }
        if (full != null) {
            full.close();
        }
    }

    static WhisperModel model(boolean adaptiveContext) {
        return adaptiveContext ? adaptive : full;
    }

    /**
     * 51 s of speech without pauses, cut into windows of 26.9–27.3 s: the lengths whose audio context used to be
     * rounded up past the model's 1500 frames (whisper.cpp error -5 on every attempt). Every window is accepted now,
     * and no word is lost or doubled where a cut runs through speech.
     */
    @Test
    void continuousSpeechInWindowsOfAnyLengthIsTranscribedWhole() throws Exception {
        Path speech = TestMedia.continuousSpeech(dir, "continuous", PARAGRAPH);
        double seconds = TestMedia.seconds(speech);
        assertThat(seconds).isBetween(49.0, 53.0);
        List<Integer> windowLengths = new CopyOnWriteArrayList<>();
        SpeechRecognizer recording = new SpeechRecognizer() {
            @Override
            public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding)
                    throws InterruptedException {
                windowLengths.add(length);
                return adaptive.recognize(samples, length, decoding);
            }

            @Override
            public void close() {
            }
        };
        TranscriptionEngine engine = new TranscriptionEngine(recording, TestMedia.FFMPEG,
                new TranscriptionEngine.Options(27.3, 26.9, Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(120), Duration.ofMinutes(30)));
        TranscriptionEngineTest.Recorder recorder = new TranscriptionEngineTest.Recorder();

        Transcript t = engine.transcribe(speech, null, recorder);

        assertThat(windowLengths).as("a window whose audio context used to exceed the model's")
                .anySatisfy(n -> assertThat(uncappedAudioContext(n)).isGreaterThan(1500));
        assertThat(t.windowsTranscribed()).isGreaterThanOrEqualTo(2);
        assertThat(recorder.checkpoints.get(recorder.checkpoints.size() - 1).resumeOffsetSeconds())
                .isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.01));
        List<SubtitleSegment> cues = t.segments();
        CaptionShaperTest.assertCaptionRules(cues);
        assertThat(cues.get(0).startTime()).isLessThan(1.0);
        assertThat(cues.get(cues.size() - 1).endTime()).isBetween(seconds - 1.5, seconds + 0.01);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startTime() - cues.get(i - 1).endTime()).as("gap before %s", cues.get(i))
                    .isLessThan(1.5); // the speech never stops, nor do the captions
        }
        String text = t.plainText();
        assertThat(TestMedia.wer(PARAGRAPH, text)).as("WER of '%s'", text).isLessThanOrEqualTo(0.15);
        String[] words = CaptionShaper.normalize(text).split(" ");
        for (int i = 1; i < words.length; i++) {
            assertThat(words[i]).as("word %d of '%s' doubled", i, text).isNotEqualTo(words[i - 1]);
        }
        assertThat(CaptionShaper.normalize(text)).contains("families", "villages nearby");
    }

    /** WhisperModel's rounding before the cap: 50 frames a second of audio + 128, up to a multiple of 64. */
    private static int uncappedAudioContext(int samples) {
        int frames = (int) Math.ceil(samples / 320.0) + 128;
        return (frames + 63) / 64 * 64;
    }

    /**
     * 5 s of silence, then one sentence: whisper.cpp's second pass over the end of the window re-heard the
     * sentence's tail ("... over the lazy nog." then "We're lazy dog."). In wav, ADTS AAC and M4A, with and without
     * the adaptive audio context, each word is written as often as it is said.
     */
    @ParameterizedTest(name = "adaptive audio context: {0}")
    @ValueSource(booleans = {true, false})
    void aSentenceAfterSilenceIsWrittenOnce(boolean adaptiveContext) throws Exception {
        Path wav = TestMedia.speech(dir, "after-silence-parts", List.of(SENTENCE), 0.1);
        Path silence = dir.resolve("five-seconds.wav");
        TestMedia.run(List.of("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", silence.toString(), "trim", "0",
                "5"));
        Path source = dir.resolve("after-silence.wav");
        TestMedia.run(List.of("sox", silence.toString(), wav.toString(), source.toString()));
        Path adts = TestMedia.ffmpeg(dir.resolve("after-silence.aac"), "-i", source.toString(), "-c:a", "aac",
                "-f", "adts");
        Path m4a = TestMedia.ffmpeg(dir.resolve("after-silence.m4a"), "-i", source.toString(), "-c:a", "aac");
        TranscriptionEngine engine = new TranscriptionEngine(model(adaptiveContext), TestMedia.FFMPEG);
        Map<String, Integer> said = wordCounts(SENTENCE);

        for (Path media : List.of(source, adts, m4a)) {
            Transcript t = engine.transcribe(media, null, null);
            String text = t.plainText();
            assertThat(t.segments()).as("%s: %s", media.getFileName(), text).isNotEmpty();
            CaptionShaperTest.assertCaptionRules(t.segments());
            assertThat(t.segments().get(0).startTime()).as("%s starts after the silence", media.getFileName())
                    .isGreaterThan(4.5);
            assertThat(CaptionShaper.normalize(text)).as(media.getFileName().toString()).contains("lazy");
            wordCounts(text).forEach((word, n) -> assertThat(n)
                    .as("'%s' in %s: %s", word, media.getFileName(), text)
                    .isLessThanOrEqualTo(Math.max(1, said.getOrDefault(word, 0))));
        }
    }

    private static Map<String, Integer> wordCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : CaptionShaper.normalize(text).split(" ")) {
            counts.merge(w, 1, Integer::sum);
        }
        return counts;
    }

    /** "Hello" cut to 0.55 s: less than whisper.cpp's 1 s minimum, and starting on the first sample. */
    @ParameterizedTest(name = "adaptive audio context: {0}")
    @ValueSource(booleans = {true, false})
    void aWordShorterThanASecondIsTranscribed(boolean adaptiveContext) throws Exception {
        Path spoken = dir.resolve("hello-22k.wav");
        TestMedia.run(List.of("espeak-ng", "-v", "en-us", "-s", "155", "-w", spoken.toString(), "Hello"));
        Path hello = dir.resolve("hello.wav");
        TestMedia.run(List.of("sox", spoken.toString(), "-r", "16000", hello.toString(), "silence", "1", "0.01", "1%",
                "trim", "0", "0.55"));
        assertThat(TestMedia.seconds(hello)).isCloseTo(0.55, org.assertj.core.data.Offset.offset(0.001));

        Transcript t = new TranscriptionEngine(model(adaptiveContext), TestMedia.FFMPEG).transcribe(hello, null, null);

        assertThat(t.segments()).hasSize(1);
        SubtitleSegment cue = t.segments().get(0);
        assertThat(cue.text().toLowerCase()).contains("hello");
        assertThat(cue.startTime()).isGreaterThanOrEqualTo(0.0);
        assertThat(cue.endTime()).isGreaterThan(cue.startTime()).isLessThanOrEqualTo(0.55 + 0.01);
    }
}
