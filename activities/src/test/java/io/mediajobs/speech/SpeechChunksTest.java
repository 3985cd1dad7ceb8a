package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpeechChunksTest {

    private static final int SR = SpeechRecognizer.SAMPLE_RATE;

    /** Chunks of 2 s at 0 s, 3 s at 10 s and 1 s at 20 s of the stream: 6 s of window. */
    private final SpeechChunks chunks = new SpeechChunks(new long[] {0, 10L * SR, 20L * SR},
            new int[] {2 * SR, 3 * SR, SR}, null);

    @Test
    void lengthsOfWindowAndSpan() {
        assertThat(chunks.windowLength()).isEqualTo(6 * SR);
        assertThat(chunks.spanLength()).isEqualTo(21L * SR);
        assertThat(chunks.windowStart(2)).isEqualTo(5 * SR);
    }

    @Test
    void timesMapThroughTheirChunk() {
        assertThat(chunks.toSpan(1.5, false)).isCloseTo(1.5, within(1e-9));
        assertThat(chunks.toSpan(2.5, false)).isCloseTo(10.5, within(1e-9));
        assertThat(chunks.toSpan(5.25, false)).isCloseTo(20.25, within(1e-9));
        assertThat(chunks.toSpan(9.0, true)).as("past the end: clamped to the last chunk's end")
                .isCloseTo(21.0, within(1e-9));
    }

    @Test
    void aBorderIsAStartOfTheLaterChunkAndAnEndOfTheEarlierOne() {
        assertThat(chunks.chunkAt(2.0, false)).isEqualTo(1);
        assertThat(chunks.chunkAt(2.0, true)).isZero();
        assertThat(chunks.toSpan(2.0, false)).isCloseTo(10.0, within(1e-9));
        assertThat(chunks.toSpan(2.0, true)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void segmentsMapStartAndEndSeparatelyAndWordsNeverSpanAGap() {
        RecognizedSegment s = new RecognizedSegment(1.0, 3.0, " two chunks", List.of(
                new RecognizedWord(1.0, 1.8, "two", 0.9),
                new RecognizedWord(1.8, 2.4, "chunks", 0.8), // starts in chunk 0, its end lies in chunk 1
                new RecognizedWord(2.4, 3.0, "later", 0.7)));
        RecognizedSegment mapped = chunks.toSpan(List.of(s)).get(0);
        assertThat(mapped.start()).isCloseTo(1.0, within(1e-9));
        assertThat(mapped.end()).isCloseTo(11.0, within(1e-9));
        assertThat(mapped.text()).isEqualTo(" two chunks");
        List<RecognizedWord> w = mapped.words();
        assertThat(w.get(0).start()).isCloseTo(1.0, within(1e-9));
        assertThat(w.get(0).end()).isCloseTo(1.8, within(1e-9));
        assertThat(w.get(1).start()).isCloseTo(1.8, within(1e-9));
        assertThat(w.get(1).end()).as("clamped to its chunk's end, not stretched over the gap")
                .isCloseTo(2.0, within(1e-9));
        assertThat(w.get(2).start()).isCloseTo(10.4, within(1e-9));
        assertThat(w.get(2).end()).isCloseTo(11.0, within(1e-9));
        assertThat(w.get(2).probability()).isEqualTo(0.7);
    }

    @Test
    void aSegmentEndThatRunsOnPastItsWordsStaysInTheirChunk() {
        RecognizedSegment runOn = new RecognizedSegment(0.5, 2.6, " one sentence", List.of(
                new RecognizedWord(0.5, 1.2, "one", 0.9), new RecognizedWord(1.2, 1.9, "sentence", 0.9)));
        RecognizedSegment mapped = chunks.toSpan(List.of(runOn)).get(0);
        assertThat(mapped.end()).as("not 10.6, after the removed gap").isCloseTo(2.0, within(1e-9));
        RecognizedSegment noWords = new RecognizedSegment(0.5, 2.6, " one sentence");
        assertThat(chunks.toSpan(List.of(noWords)).get(0).end()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void rejectsOverlappingOrEmptyChunks() {
        assertThatThrownBy(() -> new SpeechChunks(new long[] {0, SR}, new int[] {2 * SR, SR}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpeechChunks(new long[] {0}, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpeechChunks(new long[] {5}, new int[] {SR}, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
