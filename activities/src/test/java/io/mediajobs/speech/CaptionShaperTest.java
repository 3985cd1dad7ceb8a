package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.workflows.subtitles.SubtitleWord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaptionShaperTest {

    static void assertCaptionRules(List<SubtitleSegment> cues) {
        double prevStart = -1;
        double prevEnd = 0;
        for (SubtitleSegment c : cues) {
            String[] lines = c.text().split("\n", -1);
            assertThat(lines.length).as("lines of %s", c).isBetween(1, CaptionShaper.MAX_LINES);
            for (String line : lines) {
                assertThat(line.length()).as("line length of %s", c).isLessThanOrEqualTo(CaptionShaper.MAX_LINE_CHARS);
                assertThat(line).as("trimmed line of %s", c).isEqualTo(line.strip()).isNotEmpty();
            }
            assertThat(c.endTime()).as("end after start: %s", c).isGreaterThan(c.startTime());
            assertThat(c.duration()).as("duration of %s", c).isLessThanOrEqualTo(CaptionShaper.MAX_CUE_SECONDS + 1e-9);
            assertThat(c.startTime()).as("strictly increasing: %s", c).isGreaterThan(prevStart);
            assertThat(c.startTime()).as("no overlap: %s", c).isGreaterThanOrEqualTo(prevEnd);
            assertThat(c.startTime() * 1000).as("ms precision").isCloseTo(Math.rint(c.startTime() * 1000),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(c.endTime() * 1000).as("ms precision").isCloseTo(Math.rint(c.endTime() * 1000),
                    org.assertj.core.data.Offset.offset(1e-6));
            prevStart = c.startTime();
            prevEnd = c.endTime();
        }
    }

    @Test
    void longSegmentIsSplitIntoCuesOfTwoLinesAndAtMostSevenSeconds() {
        String text = "  This is a rather long sentence that a speaker says without taking any breath at all,"
                + " and it keeps going on and on for quite a while until the window finally ends here.  ";
        List<SubtitleSegment> cues = CaptionShaper.finish(
                CaptionShaper.shapeWindow(List.of(new RecognizedSegment(1.0, 21.0, text)), 100, 30, null, null, false));
        assertThat(cues.size()).isGreaterThanOrEqualTo(3);
        assertCaptionRules(cues);
        assertThat(cues.get(0).startTime()).isEqualTo(101.0);
        assertThat(cues.get(cues.size() - 1).endTime()).isEqualTo(121.0);
        String joined = String.join(" ", cues.stream().map(c -> c.text().replace('\n', ' ')).toList());
        assertThat(joined).isEqualTo(text.strip());
    }

    @Test
    void shortTextStaysOnOneLineAndTwoLinesAreBalanced() {
        assertThat(CaptionShaper.wrap("Hello world")).containsExactly("Hello world");
        List<String> two = CaptionShaper.wrap("And so my fellow Americans, ask not what your country can do");
        assertThat(two).hasSize(2);
        assertThat(Math.abs(two.get(0).length() - two.get(1).length())).isLessThanOrEqualTo(12);
    }

    @Test
    void overlongWordsAreHardBroken() {
        String url = "https://example.com/" + "a".repeat(80);
        List<SubtitleSegment> cues = CaptionShaper.finish(CaptionShaper.splitIntoCues(url, 0, 3));
        assertCaptionRules(cues);
    }

    @Test
    void nonSpeechTagsAndEmptySegmentsAreDropped() {
        List<RecognizedSegment> raw = List.of(
                new RecognizedSegment(0, 2, " [BLANK_AUDIO]"),
                new RecognizedSegment(2, 4, " (upbeat music) "),
                new RecognizedSegment(4, 5, " ♪ "),
                new RecognizedSegment(5, 6, " ... "),
                new RecognizedSegment(6, 8, " [Music] Real words (laughs) here "));
        List<SubtitleSegment> cues = CaptionShaper.shapeWindow(raw, 0, 30, null, null, false);
        assertThat(cues).extracting(SubtitleSegment::text).containsExactly("Real words here");
    }

    @Test
    void repeatsAreDroppedIncludingAcrossWindows() {
        List<RecognizedSegment> raw = List.of(
                new RecognizedSegment(0, 2, " Thank you."),
                new RecognizedSegment(2, 4, " thank you"),
                new RecognizedSegment(4, 6, " Something else."));
        SubtitleSegment previous = new SubtitleSegment(0, 1, "Thank you!");
        List<SubtitleSegment> cues = CaptionShaper.shapeWindow(raw, 10, 30, null, List.of(previous), false);
        assertThat(cues).extracting(SubtitleSegment::text).containsExactly("Something else.");
    }

    private static List<String> texts(List<SubtitleSegment> cues) {
        return cues.stream().map(c -> c.text().replace('\n', ' ')).toList();
    }

    @Test
    void aSegmentThatReHearsTheEndOfTheOneBeforeIsDroppedAndItsTimeKept() {
        // whisper.cpp's second pass over the end of a window writes the tail again, slightly misheard
        List<RecognizedSegment> raw = List.of(
                new RecognizedSegment(4.8, 7.0, " The quick round-fark stump over the lazy nog"),
                new RecognizedSegment(7.0, 8.3, " We're lazy dog."));
        List<SubtitleSegment> cues = CaptionShaper.shapeWindow(raw, 0, 8.4, null, null, false);
        assertThat(texts(cues)).containsExactly("The quick round-fark stump over the lazy nog");
        assertThat(cues.get(cues.size() - 1).endTime()).isEqualTo(8.3); // the sentence's speech lasts until there

        List<RecognizedSegment> whole = List.of(
                new RecognizedSegment(0.0, 3.0, " With a lazy dog."),
                new RecognizedSegment(3.0, 6.0, " The quick round fox jumps over the lazy dog."));
        SubtitleSegment before = new SubtitleSegment(10, 14.9, "The quick round fox\njumps over the lazy nog.");
        assertThat(CaptionShaper.shapeWindow(whole, 15, 6, null, List.of(before), false)).isEmpty();
    }

    @Test
    void aLeadThatRepeatsTheTextBeforeIsCutFromTheSegment() {
        SubtitleSegment before = new SubtitleSegment(7.0, 10.0, "while merchants brought silk and spices");
        List<RecognizedSegment> raw = List.of(new RecognizedSegment(0.0, 2.0, " silk and spices, and new ideas"));
        List<SubtitleSegment> cues = CaptionShaper.shapeWindow(raw, 10.0, 20, null, List.of(before), false);
        assertThat(texts(cues)).containsExactly("and new ideas");
        assertThat(cues.get(0).startTime()).isBetween(10.9, 11.2); // the repeated words' share of the time is gone
    }

    @Test
    void repetitionThatIsReallySaidIsKept() {
        List<RecognizedSegment> jfk = List.of(
                new RecognizedSegment(0.3, 7.8,
                        " And so my fellow Americans, ask not what your country can do for you,"),
                new RecognizedSegment(8.0, 11.0, " ask what you can do for your country."));
        assertThat(String.join(" ", texts(CaptionShaper.shapeWindow(jfk, 0, 11, null, null, false))))
                .isEqualTo("And so my fellow Americans, ask not what your country can do for you,"
                        + " ask what you can do for your country.");
        SubtitleSegment longAgo = new SubtitleSegment(1.0, 2.0, "the lazy dog");
        List<RecognizedSegment> later = List.of(new RecognizedSegment(2.0, 4.0, " lazy dog runs home"));
        assertThat(texts(CaptionShaper.shapeWindow(later, 5, 10, null, List.of(longAgo), false)))
                .containsExactly("lazy dog runs home"); // 6 s later: said again
        List<RecognizedSegment> oneWord = List.of(new RecognizedSegment(0.0, 1.0, " dog, come here"));
        SubtitleSegment justBefore = new SubtitleSegment(4.0, 5.0, "the lazy dog");
        assertThat(texts(CaptionShaper.shapeWindow(oneWord, 5, 10, null, List.of(justBefore), false)))
                .containsExactly("dog, come here");
    }

    @Test
    void aWordThatEndedTheTextBeforeIsNotWrittenAgainWhereAWindowReHearsSpeech() {
        SubtitleSegment before = new SubtitleSegment(30.0, 34.3, "and crowded neighborhoods where");
        List<RecognizedSegment> raw = List.of(new RecognizedSegment(0.0, 2.0, " Where thousands of workers"));
        assertThat(texts(CaptionShaper.shapeWindow(raw, 34.3, 20, null, List.of(before), true)))
                .containsExactly("thousands of workers");
        assertThat(texts(CaptionShaper.shapeWindow(raw, 34.3, 20, null, List.of(before), false)))
                .containsExactly("Where thousands of workers");
    }

    @Test
    void aLongPhraseTwiceInARowIsOneCopy() {
        assertThat(CaptionShaper.cleanText("The quick round-fuck stump, over the lazy-drowing. The quick round-fuck"
                + " stump, over the lazy-drowing.")).isEqualTo("The quick round-fuck stump, over the lazy-drowing.");
        assertThat(CaptionShaper.cleanText("I have a dream, I have a dream today"))
                .isEqualTo("I have a dream, I have a dream today");
    }

    @Test
    void loopingPhrasesCollapseToOneCopy() {
        assertThat(CaptionShaper.cleanText("I am here. I am here. I am here. I am here. Then more."))
                .isEqualTo("I am here. Then more.");
        assertThat(CaptionShaper.cleanText("no no no")).isEqualTo("no no no");
        assertThat(CaptionShaper.cleanText("go go go go go go now")).isEqualTo("go now");
    }

    @Test
    void segmentsOverSilentAudioAreDroppedAsHallucinations() {
        float[] samples = new float[16000 * 10];
        for (int i = 0; i < 16000 * 3; i++) { // speech-like energy in the first 3 s only
            samples[i] = (float) (0.3 * Math.sin(i * 2 * Math.PI * 220 / 16000));
        }
        VoiceActivityDetector vad = VoiceActivityDetector.analyse(samples, samples.length);
        List<RecognizedSegment> raw = List.of(
                new RecognizedSegment(0.2, 2.8, "Spoken words."),
                new RecognizedSegment(4.0, 9.5, "Thanks for watching!"));
        assertThat(CaptionShaper.shapeWindow(raw, 0, 10, vad, null, false))
                .extracting(SubtitleSegment::text).containsExactly("Spoken words.");
    }

    @Test
    void finishRemovesOverlapsRoundsToMillisAndKeepsTimesIncreasing() {
        List<SubtitleSegment> in = new ArrayList<>(List.of(
                new SubtitleSegment(5.0, 9.0, "b"),
                new SubtitleSegment(0.00049, 5.5, "a"),
                new SubtitleSegment(5.2, 5.2, "c"),
                new SubtitleSegment(5.2, 20.0, "d"),
                new SubtitleSegment(30, 30.1, "e")));
        List<SubtitleSegment> out = CaptionShaper.finish(in);
        assertThat(out).extracting(SubtitleSegment::text).containsExactly("a", "b", "c", "d", "e");
        assertCaptionRules(out);
        assertThat(out.get(0).startTime()).isEqualTo(0.0);
        assertThat(out.get(4).duration()).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void noCueIsStretchedPastTheEndOfTheMedia() {
        List<SubtitleSegment> out = CaptionShaper.finish(List.of(
                new SubtitleSegment(16.5, 16.96, "the"), new SubtitleSegment(16.96, 17.0, "office.")), 17.302);
        assertThat(out.get(1).startTime()).isEqualTo(16.96);
        assertThat(out.get(1).endTime()).as("0.5 s would end at 17.46").isEqualTo(17.302);
        // a clip shorter than the minimum cue length
        assertThat(CaptionShaper.finish(List.of(new SubtitleSegment(0.64, 0.65, "hi")), 0.679).get(0).endTime())
                .isEqualTo(0.679);
        // unknown length: the minimum length holds
        assertThat(CaptionShaper.finish(List.of(new SubtitleSegment(1, 1.1, "hi")), Double.NaN).get(0).endTime())
                .isEqualTo(1.5);
    }

    @Test
    void randomSegmentsAlwaysSatisfyTheRules() {
        java.util.Random random = new java.util.Random(42);
        String[] vocabulary = {"a", "the", "internationalization", "word", "speech", "recognition", "is", "fun",
                "supercalifragilisticexpialidocious-and-then-some-more-letters", "ok"};
        for (int run = 0; run < 200; run++) {
            List<RecognizedSegment> raw = new ArrayList<>();
            double t = 0;
            for (int s = 0; s < 1 + random.nextInt(6); s++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 1 + random.nextInt(40); w++) {
                    text.append(' ').append(vocabulary[random.nextInt(vocabulary.length)]);
                }
                double start = t + random.nextDouble() * 2 - 0.5; // sometimes overlapping
                double end = start + random.nextDouble() * 15;
                raw.add(new RecognizedSegment(Math.max(0, start), end, text.toString()));
                t = end;
            }
            assertCaptionRules(CaptionShaper.finish(
                    CaptionShaper.shapeWindow(raw, run * 30.0, 30, null, null, false)));
        }
    }

    /** Random segments with timed words, shaped into a random layout: the layout's rules hold, words stay inside. */
    @Test
    void customLayoutsHoldAndWordsStayInOrderInsideTheirCues() {
        java.util.Random random = new java.util.Random(11);
        String[] vocabulary = {"a", "the", "Grüße", "word", "speech", "recognition,", "is", "fun.", "ok",
                "internationalisation"};
        for (int run = 0; run < 200; run++) {
            // lines of at least 20: no word is hard-broken (a broken word's pieces match no timed word)
            CaptionShaper.Layout layout = new CaptionShaper.Layout(20 + random.nextInt(81), 1 + random.nextInt(4));
            List<RecognizedSegment> raw = new ArrayList<>();
            double t = 0;
            for (int s = 0; s < 1 + random.nextInt(5); s++) {
                List<RecognizedWord> words = new ArrayList<>();
                double wt = t + random.nextDouble();
                for (int w = 0; w < 1 + random.nextInt(30); w++) {
                    double length = random.nextDouble() * 0.6;
                    // model timings are not always tidy: some overlap, some run past the segment
                    double start = Math.max(0, wt - (random.nextInt(5) == 0 ? 0.3 : 0));
                    words.add(new RecognizedWord(start, start + length, vocabulary[random.nextInt(vocabulary.length)],
                            random.nextDouble()));
                    wt += length + random.nextDouble() * 0.2;
                }
                String text = " " + String.join(" ", words.stream().map(RecognizedWord::text).toList());
                raw.add(new RecognizedSegment(t, Math.min(30, wt), text, words));
                t = Math.min(29, wt);
            }
            List<SubtitleSegment> cues = CaptionShaper.finish(
                    CaptionShaper.shapeWindow(raw, run * 30.0, 30, null, null, false, layout));
            double previous = 0;
            for (SubtitleSegment c : cues) {
                String[] lines = c.text().split("\n", -1);
                assertThat(lines.length).as("lines of %s in %s", c, layout).isBetween(1, layout.maxLines());
                for (String line : lines) {
                    assertThat(line.length()).as("line of %s in %s", c, layout)
                            .isLessThanOrEqualTo(layout.maxLineChars());
                }
                assertThat(c.words()).as("words of %s", c).isNotNull();
                for (io.mediajobs.workflows.subtitles.SubtitleWord w : c.words()) {
                    assertThat(w.startTime()).as("%s in %s", w, c).isBetween(c.startTime(), c.endTime())
                            .isGreaterThanOrEqualTo(previous);
                    assertThat(w.endTime()).as("%s in %s", w, c).isBetween(w.startTime(), c.endTime());
                    // (a word longer than a line is hard-broken in the text, so compare without the breaks)
                    assertThat(c.text().replaceAll("\\s", "")).contains(w.text());
                    previous = w.startTime();
                }
            }
        }
    }

    @Test
    void cueBoundariesFallWhereTheModelHeardTheNextCueBegin() {
        // two cues of one line each: the second starts at its first word, not at a share of the characters
        List<RecognizedWord> words = List.of(new RecognizedWord(0.0, 0.4, "Guten", 0.9),
                new RecognizedWord(0.4, 0.9, "Morgen", 0.9), new RecognizedWord(3.0, 3.5, "allerseits", 0.8));
        List<SubtitleSegment> cues = CaptionShaper.finish(CaptionShaper.shapeWindow(
                List.of(new RecognizedSegment(0, 4, "Guten Morgen allerseits", words)), 10, 30, null, null, false,
                new CaptionShaper.Layout(12, 1)));
        assertThat(cues).extracting(SubtitleSegment::text).containsExactly("Guten Morgen", "allerseits");
        assertThat(cues.get(1).startTime()).isEqualTo(13.0);
        assertThat(cues.get(0).words()).extracting(w -> w.text()).containsExactly("Guten", "Morgen");
        assertThat(cues.get(1).words()).singleElement().satisfies(w -> {
            assertThat(w.startTime()).isEqualTo(13.0);
            assertThat(w.endTime()).isEqualTo(13.5);
            assertThat(w.probability()).isEqualTo(0.8);
        });
    }

    private static SubtitleWord w(double start, double end, String text) {
        return new SubtitleWord(start, end, text, 0.9);
    }

    /** Every word lasts: shared starts are spread to the next word, zero lengths end at it, nothing overlaps. */
    @Test
    void everyWordGetsADurationInOrderInsideItsCue() {
        List<SubtitleWord> words = CaptionShaper.clampWords(List.of(
                w(1.00, 1.00, "a"), w(1.00, 1.00, "big"), w(1.30, 1.30, "dog"), // DTW put "a big" on one frame
                w(1.50, 2.40, "ran"), w(2.00, 2.10, "off")), 1.0, 3.0);

        assertThat(words).extracting(SubtitleWord::startTime).containsExactly(1.0, 1.15, 1.3, 1.5, 2.0);
        assertThat(words).extracting(SubtitleWord::endTime).containsExactly(1.15, 1.3, 1.5, 2.0, 2.1);
    }

    @Test
    void wordsPastTheCueEndShareItsLastStretchWithTheWordBefore() {
        List<SubtitleWord> words = CaptionShaper.clampWords(List.of(
                w(0.0, 0.4, "over"), w(0.6, 1.2, "the"), w(2.5, 2.8, "lazy"), w(2.9, 3.1, "dog")), 0.0, 1.2);

        assertThat(words).extracting(SubtitleWord::startTime).containsExactly(0.0, 0.6, 0.8, 1.0);
        assertThat(words).extracting(SubtitleWord::endTime).containsExactly(0.4, 0.8, 1.0, 1.2);
        for (SubtitleWord x : words) {
            assertThat(x.endTime()).isGreaterThan(x.startTime());
        }
    }

    /** A word the model gave no length is not stretched over the pause after it. */
    @Test
    void anUntimedWordBeforeAPauseLastsAtMostHalfASecond() {
        List<SubtitleWord> words = CaptionShaper.clampWords(List.of(
                w(1.0, 1.0, "a"), w(1.0, 1.0, "big"), w(6.0, 6.4, "dog")), 0.5, 7.0);

        assertThat(words).extracting(SubtitleWord::startTime).containsExactly(1.0, 1.5, 6.0);
        assertThat(words).extracting(SubtitleWord::endTime).containsExactly(1.5, 2.0, 6.4);
    }

    @Test
    void wordsAllTimedPastTheCueEndFillItsLastStretch() {
        List<SubtitleWord> words = CaptionShaper.clampWords(List.of(w(4.0, 4.2, "so"), w(4.3, 4.5, "long")), 1.0, 2.0);

        assertThat(words).extracting(SubtitleWord::startTime).containsExactly(1.0, 1.5);
        assertThat(words).extracting(SubtitleWord::endTime).containsExactly(1.5, 2.0);
    }
}
