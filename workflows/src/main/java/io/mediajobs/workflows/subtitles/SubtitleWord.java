package io.mediajobs.workflows.subtitles;

import java.util.Objects;

/**
 * One word of a cue with the model's own timing: seconds from the start of the media (millisecond precision),
 * inside its cue and in time order; {@code probability} in [0, 1] is the mean probability of the word's tokens.
 */
public record SubtitleWord(double startTime, double endTime, String text, double probability) {

    public SubtitleWord {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(startTime) || !Double.isFinite(endTime) || startTime < 0 || endTime < startTime) {
            throw new IllegalArgumentException("invalid word times: " + startTime + " -> " + endTime);
        }
    }
}
