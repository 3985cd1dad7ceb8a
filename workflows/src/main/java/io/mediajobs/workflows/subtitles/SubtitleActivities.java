package io.mediajobs.workflows.subtitles;

import java.util.List;

import io.temporal.activity.ActivityInterface;

/** The subtitle job's work: Whisper over the source's audio, resumable window by window. */
@ActivityInterface
public interface SubtitleActivities {

    /**
     * {@code audioTrack}: the source's audio stream to transcribe (null = the one the engine prefers);
     * {@code options}: language, task, prompt and caption layout (null in inputs recorded before they existed).
     */
    record TranscribeInput(String jobId, String sourceStorageKey, double durationSeconds, Integer audioTrack,
            SubtitleOptions options) {

        public TranscribeInput(String jobId, String sourceStorageKey, double durationSeconds, Integer audioTrack) {
            this(jobId, sourceStorageKey, durationSeconds, audioTrack, null);
        }
    }

    /**
     * The cues with what the model said about them.
     *
     * @param language            ISO 639-1 code of the speech (detected or forced); null if nothing was voiced
     * @param languageProbability the model's probability for {@code language} when it detected it, else null
     * @param model               the weights that ran, e.g. "base-q5_1"
     */
    record SubtitleResult(List<SubtitleSegment> segments, String language, Double languageProbability,
            String model) {
    }

    /**
     * Heartbeats a checkpoint after every window; a retry resumes after the last finished window. Kept for
     * workflows started before {@link #transcribeSpeech} existed (activity type "Transcribe").
     */
    List<SubtitleSegment> transcribe(TranscribeInput input);

    /** {@link #transcribe} with the language, task, prompt and layout options, returning language and model. */
    SubtitleResult transcribeSpeech(TranscribeInput input);
}
