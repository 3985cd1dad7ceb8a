package io.mediajobs.workflows.subtitles;

import java.util.List;

import io.temporal.activity.ActivityInterface;

/** The subtitle job's work: Whisper over the source's audio, resumable window by window. */
@ActivityInterface
public interface SubtitleActivities {

    record TranscribeInput(String jobId, String sourceStorageKey, double durationSeconds) {
    }

    /** Heartbeats a checkpoint after every window; a retry resumes after the last finished window. */
    List<SubtitleSegment> transcribe(TranscribeInput input);
}
