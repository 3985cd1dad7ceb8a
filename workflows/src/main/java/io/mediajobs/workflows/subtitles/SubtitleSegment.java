package io.mediajobs.workflows.subtitles;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One caption cue: times in seconds from the start of the media (millisecond precision) and its text, already
 * shaped for display (lines separated by {@code \n}); {@code words}, an extension, are its words with the model's
 * timings (in order, inside the cue), absent when the recognizer gave none.
 *
 * <p>A public record so that Jackson (Temporal's default payload converter) serialises it with exactly the JSON
 * fields {@code startTime}, {@code endTime} and {@code text}, all three always present (required: also what the
 * OpenAPI document says), and, when present, {@code words}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubtitleSegment(@JsonProperty(required = true) double startTime,
        @JsonProperty(required = true) double endTime, @JsonProperty(required = true) String text,
        List<SubtitleWord> words) {

    public SubtitleSegment {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(startTime) || !Double.isFinite(endTime) || startTime < 0 || endTime < startTime) {
            throw new IllegalArgumentException("invalid cue times: " + startTime + " -> " + endTime);
        }
        words = words == null || words.isEmpty() ? null : List.copyOf(words);
    }

    /** A cue without word timings. */
    public SubtitleSegment(double startTime, double endTime, String text) {
        this(startTime, endTime, text, null);
    }

    public double duration() {
        return endTime - startTime;
    }
}
