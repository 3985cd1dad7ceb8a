package io.mediajobs.speech;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.workflows.subtitles.SubtitleWord;

/**
 * Languages through the whole engine with the multilingual base model (WHISPER_MULTILINGUAL_MODEL) on espeak-ng
 * speech: detected with whisper's language-id, transcribed, translated, forced; words timed by the model, in order
 * and inside their cues; custom caption layouts. The English-only model refuses what it cannot do.
 */
class WhisperLanguageTest {

    static final String GERMAN = "Guten Morgen. Heute ist das Wetter sehr schön."
            + " Wir gehen zusammen in den Park und trinken einen Kaffee.";
    static final String SPANISH = "Buenos días. Hoy hace muy buen tiempo."
            + " Vamos juntos al parque y tomamos un café con leche.";
    static final String FRENCH = "Bonjour à tous. Aujourd'hui il fait très beau."
            + " Nous allons ensemble au parc pour boire un café.";

    @TempDir
    static Path dir;
    static WhisperModel base;
    static TranscriptionEngine engine;

    @BeforeAll
    static void load() {
        base = new WhisperModel(TestMedia.multilingualModel(), WhisperOptions.defaults()
                .withAdaptiveAudioContext(true));
        engine = new TranscriptionEngine(base, TestMedia.FFMPEG);
    }

    @AfterAll
    static void close() {
        if (base != null) {
            base.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "de, morgen wetter park kaffee heute",
            "es, buenos dias tiempo parque cafe",
            "fr, bonjour tous nous allons cafe"
    })
    void speechIsDetectedAsItsLanguageAndTranscribed(String language, String keywords) throws Exception {
        Path clip = TestMedia.spoken(dir, "detect-" + language, language, text(language));

        Transcript t = engine.transcribe(clip, null, SubtitleOptions.defaults(), null, null);

        assertThat(t.language()).as(t.plainText()).isEqualTo(language);
        // espeak-ng's French is far from natural speech: the model is sure of its German, less of its French
        assertThat(t.languageProbability()).isGreaterThan(0.25).isLessThanOrEqualTo(1.0);
        assertThat(t.model()).isEqualTo(WhisperModel.modelName(TestMedia.multilingualModel()));
        assertThat(found(keywords, t.plainText())).as(t.plainText()).isGreaterThanOrEqualTo(3);
        assertWordsInsideTheirCues(t.segments());
    }

    @Test
    void languageIdIsNotMisledByTheShortAudioContextOfTheStatesLastWindow() throws Exception {
        Path french = TestMedia.spoken(dir, "before-fr", "fr", FRENCH);
        Path german = TestMedia.spoken(dir, "after-fr", "de", GERMAN);
        try (WhisperModel single = new WhisperModel(TestMedia.multilingualModel(), WhisperOptions.defaults()
                .withAdaptiveAudioContext(true).withPoolSize(1))) {
            TranscriptionEngine oneState = new TranscriptionEngine(single, TestMedia.FFMPEG);
            oneState.transcribe(french, null, new SubtitleOptions("fr", null, null, null, null), null, null);

            Transcript t = oneState.transcribe(german, null, SubtitleOptions.defaults(), null, null);

            assertThat(t.language()).as(t.plainText()).isEqualTo("de"); // was "la" with the state's short context
            assertThat(t.languageProbability()).isGreaterThan(0.5);
        }
    }

    @Test
    void translationWritesEnglish() throws Exception {
        Path clip = TestMedia.spoken(dir, "translate-de", "de", GERMAN);

        Transcript t = engine.transcribe(clip, null, new SubtitleOptions(null, "translate", null, null, null), null,
                null);

        assertThat(t.language()).isEqualTo("de"); // the speech's language, detected
        assertThat(found("good morning weather today park coffee together", t.plainText())).as(t.plainText())
                .isGreaterThanOrEqualTo(3);
        assertThat(found("wetter heute kaffee zusammen", t.plainText())).as(t.plainText()).isZero();
    }

    @Test
    void aForcedLanguageIsUsedAndNotDetected() throws Exception {
        Path clip = TestMedia.spoken(dir, "forced-es", "es", SPANISH);

        Transcript t = engine.transcribe(clip, null, new SubtitleOptions("es", null, null, null, null), null, null);

        assertThat(t.language()).isEqualTo("es");
        assertThat(t.languageProbability()).as("forced, not detected").isNull();
        assertThat(found("buenos dias tiempo parque cafe", t.plainText())).as(t.plainText())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void captionRulesHoldWithACustomLayout() throws Exception {
        Path clip = TestMedia.spoken(dir, "layout-fr", "fr", FRENCH);

        Transcript t = engine.transcribe(clip, null, new SubtitleOptions("fr", null, null, 16, 1), null, null);

        assertThat(t.segments()).hasSizeGreaterThanOrEqualTo(4);
        for (SubtitleSegment cue : t.segments()) {
            assertThat(cue.text()).as("one line").doesNotContain("\n");
            assertThat(cue.text().length()).as(cue.text()).isLessThanOrEqualTo(16);
        }
        assertWordsInsideTheirCues(t.segments());
    }

    @Test
    void theModelsLanguageIdAndTokenizerAreReachable() throws Exception {
        assertThat(base.multilingual()).isTrue();
        assertThat(base.languages()).contains("en", "de", "es", "fr", "ja").hasSizeGreaterThanOrEqualTo(99);
        assertThat(base.countTokens(" Hello world")).isEqualTo(2);
        assertThat(base.countTokens("a b c d e f")).isGreaterThanOrEqualTo(
                WhisperCapabilities.minimumTokens("a b c d e f"));
        // one "word" of 3,000 letters: more tokens than whisper.cpp's usual 1,024-token buffer, counted in one go
        assertThat(base.countTokens("Straßenbahn".repeat(270))).isGreaterThan(1024);
    }

    @Test
    void theModelKnowsItsOwnLanguagesNotTheLibrarysWholeList() throws Exception {
        // base's vocabulary has 99 languages; whisper.cpp 1.7.1's list has large-v3's 100th, "yue"
        assertThat(WhisperCapabilities.languages()).contains("yue");
        assertThat(base.languages()).hasSize(99).contains("de", "haw", "su").doesNotContain("yue");
        assertThat(WhisperCapabilities.languages(TestMedia.multilingualModel())).isEqualTo(base.languages());
        assertThatThrownBy(() -> engine.transcribe(TestMedia.jfkWav(), null,
                new SubtitleOptions("yue", null, null, null, null), null, null))
                .isInstanceOf(UnsupportedSpeechOptionsException.class);
        // large-v3's header (n_vocab 51866): all 100
        Path v3 = dir.resolve("v3-header.bin");
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'l', 'm', 'g', 'g'}).putInt(51866);
        java.nio.file.Files.write(v3, h.array());
        assertThat(WhisperCapabilities.languages(v3)).hasSize(100).contains("yue");
        assertThat(WhisperCapabilities.multilingualLanguages(dir.resolve("missing.bin"))).isZero();
    }

    @Test
    void theEnglishOnlyModelRefusesOtherLanguagesTranslationAndLongPrompts() {
        try (WhisperModel english = new WhisperModel(TestMedia.model(), WhisperOptions.defaults())) {
            TranscriptionEngine en = new TranscriptionEngine(english, TestMedia.FFMPEG);
            Path any = TestMedia.jfkWav();
            assertThat(english.languages()).containsExactly("en");
            assertThatThrownBy(() -> en.transcribe(any, null, new SubtitleOptions("de", null, null, null, null), null,
                    null)).isInstanceOf(UnsupportedSpeechOptionsException.class).hasMessageContaining("English-only");
            assertThatThrownBy(() -> en.transcribe(any, null, new SubtitleOptions(null, "translate", null, null,
                    null), null, null)).isInstanceOf(UnsupportedSpeechOptionsException.class)
                    .hasMessageContaining("English-only");
            String longPrompt = "word ".repeat(240);
            assertThatThrownBy(() -> en.transcribe(any, null, new SubtitleOptions(null, null, longPrompt, null,
                    null), null, null)).isInstanceOf(UnsupportedSpeechOptionsException.class)
                    .hasMessageContaining("at most 224");
            // refused by its shape before whisper.cpp's tokenizer (cubic in a word's length) ever sees it
            assertThatThrownBy(() -> en.transcribe(any, null, new SubtitleOptions(null, null, "x".repeat(60_000),
                    null, null), null, null)).isInstanceOf(UnsupportedSpeechOptionsException.class)
                    .hasMessage("The prompt is too long: 60000 bytes, at most 2048 (about 224 tokens) are allowed");
            assertThatThrownBy(() -> en.transcribe(any, null, new SubtitleOptions(null, null, "y".repeat(101),
                    null, null), null, null)).isInstanceOf(UnsupportedSpeechOptionsException.class)
                    .hasMessage("The prompt has a word of more than 100 characters; separate its words");
        }
    }

    private static String text(String language) {
        return switch (language) {
            case "de" -> GERMAN;
            case "es" -> SPANISH;
            default -> FRENCH;
        };
    }

    /** How many of the space-separated keywords occur in the text (case and accents ignored). */
    static long found(String keywords, String text) {
        String haystack = fold(text);
        return Arrays.stream(keywords.split(" ")).filter(k -> haystack.contains(fold(k))).count();
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** Every cue has words; they are in time order and inside their cue, and spell the cue's text. */
    static void assertWordsInsideTheirCues(List<SubtitleSegment> cues) {
        assertThat(cues).isNotEmpty();
        double previous = 0;
        for (SubtitleSegment cue : cues) {
            assertThat(cue.words()).as("words of %s", cue).isNotEmpty();
            for (SubtitleWord w : cue.words()) {
                assertThat(w.startTime()).as("%s in %s", w, cue).isGreaterThanOrEqualTo(cue.startTime())
                        .isGreaterThanOrEqualTo(previous);
                assertThat(w.endTime()).as("%s in %s", w, cue).isLessThanOrEqualTo(cue.endTime())
                        .isGreaterThanOrEqualTo(w.startTime());
                assertThat(w.probability()).isBetween(0.0, 1.0);
                assertThat(fold(cue.text())).contains(fold(w.text()).replaceAll("[^\\p{L}\\p{N}']", "")
                        .isEmpty() ? "" : fold(w.text()).replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", ""));
                previous = w.startTime();
            }
        }
    }
}
