package io.mediajobs.speech;

import java.util.List;

/**
 * A raw recognizer segment: seconds from the start of the window it came from, text as the model wrote it, and its
 * words with the model's token timings (empty when the recognizer gives none).
 */
public record RecognizedSegment(double start, double end, String text, List<RecognizedWord> words) {

    public RecognizedSegment {
        words = words == null ? List.of() : List.copyOf(words);
    }

    public RecognizedSegment(double start, double end, String text) {
        this(start, end, text, List.of());
    }

    /** This segment and its words {@code seconds} later. */
    public RecognizedSegment shifted(double seconds) {
        return new RecognizedSegment(start + seconds, end + seconds, text, words.stream()
                .map(w -> new RecognizedWord(w.start() + seconds, w.end() + seconds, w.text(), w.probability()))
                .toList());
    }
}
