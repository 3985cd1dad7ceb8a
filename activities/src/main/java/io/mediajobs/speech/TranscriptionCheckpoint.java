package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.List;

/**
 * Where a transcription can resume: every window that ended at or before {@code resumeOffsetSeconds} is finished
 * and its cues are in {@code segments}. Small and Jackson-serialisable, so it travels as Temporal heartbeat details.
 */
public record TranscriptionCheckpoint(double resumeOffsetSeconds, List<SubtitleSegment> segments) {

    public TranscriptionCheckpoint {
        if (!Double.isFinite(resumeOffsetSeconds) || resumeOffsetSeconds < 0) {
            throw new IllegalArgumentException("invalid resume offset: " + resumeOffsetSeconds);
        }
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public static TranscriptionCheckpoint start() {
        return new TranscriptionCheckpoint(0, List.of());
    }
}
