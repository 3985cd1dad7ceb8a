package io.mediajobs.workflows.subtitles;

import java.util.List;

import io.temporal.activity.ActivityInterface;

/** The subtitle job's work: Whisper over the source's audio, resumable window by window. */
@ActivityInterface
public interface SubtitleActivities {

    /** {@code audioTrack}: the source's audio stream to transcribe (null = the one the engine prefers). */
    record TranscribeInput(String jobId, String sourceStorageKey, double durationSeconds, Integer audioTrack) {
    }

    /** Heartbeats a checkpoint after every window; a retry resumes after the last finished window. */
    List<SubtitleSegment> transcribe(TranscribeInput input);
}
