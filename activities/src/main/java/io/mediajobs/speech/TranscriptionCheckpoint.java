package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.List;

/**
 * Where a transcription can resume: every window that ended at or before {@code resumeOffsetSeconds} is finished
 * and its cues are in {@code segments}; {@code language} (and {@code languageProbability} when detected) is the
 * job's language once known, so a resumed attempt decodes in the same one. Small and Jackson-serialisable, so it
 * travels as Temporal heartbeat details (details recorded before the language fields read as null).
 */
public record TranscriptionCheckpoint(double resumeOffsetSeconds, List<SubtitleSegment> segments, String language,
                                      Double languageProbability) {

    public TranscriptionCheckpoint {
        if (!Double.isFinite(resumeOffsetSeconds) || resumeOffsetSeconds < 0) {
            throw new IllegalArgumentException("invalid resume offset: " + resumeOffsetSeconds);
        }
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public TranscriptionCheckpoint(double resumeOffsetSeconds, List<SubtitleSegment> segments) {
        this(resumeOffsetSeconds, segments, null, null);
    }

    public static TranscriptionCheckpoint start() {
        return new TranscriptionCheckpoint(0, List.of());
    }
}
