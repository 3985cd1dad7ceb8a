package io.mediajobs.workflows.subtitles;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One caption cue: times in seconds from the start of the media (millisecond precision) and its text, already
 * shaped for display (at most two lines, separated by {@code \n}).
 *
 * <p>A public record so that Jackson (Temporal's default payload converter) serialises it with exactly the JSON
 * fields {@code startTime}, {@code endTime} and {@code text}, all three always present (required: also what the
 * OpenAPI document says).
 */
public record SubtitleSegment(@JsonProperty(required = true) double startTime,
        @JsonProperty(required = true) double endTime, @JsonProperty(required = true) String text) {

    public SubtitleSegment {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(startTime) || !Double.isFinite(endTime) || startTime < 0 || endTime < startTime) {
            throw new IllegalArgumentException("invalid cue times: " + startTime + " -> " + endTime);
        }
    }

    public double duration() {
        return endTime - startTime;
    }
}
