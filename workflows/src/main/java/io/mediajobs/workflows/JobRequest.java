package io.mediajobs.workflows;

import io.mediajobs.workflows.subtitles.SubtitleOptions;

/**
 * What the API hands a job's workflow: everything it needs, fixed at submission, so the workflow never reads
 * the database itself. {@code durationSeconds} is the asset's playable duration and sizes the activity timeouts;
 * {@code audioTrack} is the source's audio stream to work on (0-based among the asset's audio streams), null in
 * requests recorded before it existed (the engines then pick the track themselves); {@code subtitleOptions} are
 * subtitle generation's settings, null for noise removal and in requests recorded before they existed (defaults).
 * {@code activityTaskQueue} is the task queue of the job's engine activities (speech or noise, configured in the API,
 * which workflow code cannot read), null in requests recorded before the queues were split: those run on the
 * workflow's own queue ({@link JobActivityOptions#activityTaskQueue}).
 */
public record JobRequest(
        String jobId,
        String userId,
        String projectId,
        String assetId,
        String sourceStorageKey,
        String sourceFileName,
        double durationSeconds,
        NoiseOptions noiseOptions,
        Integer audioTrack,
        SubtitleOptions subtitleOptions,
        String activityTaskQueue) {

    /** A request without subtitle options (noise removal, or subtitles with every default). */
    public JobRequest(String jobId, String userId, String projectId, String assetId, String sourceStorageKey,
            String sourceFileName, double durationSeconds, NoiseOptions noiseOptions, Integer audioTrack) {
        this(jobId, userId, projectId, assetId, sourceStorageKey, sourceFileName, durationSeconds, noiseOptions,
                audioTrack, null, null);
    }

    /** A request with subtitle options whose activities run on the workflow's own task queue. */
    public JobRequest(String jobId, String userId, String projectId, String assetId, String sourceStorageKey,
            String sourceFileName, double durationSeconds, NoiseOptions noiseOptions, Integer audioTrack,
            SubtitleOptions subtitleOptions) {
        this(jobId, userId, projectId, assetId, sourceStorageKey, sourceFileName, durationSeconds, noiseOptions,
                audioTrack, subtitleOptions, null);
    }

    /** This request with its engine activities on {@code queue}. */
    public JobRequest withActivityTaskQueue(String queue) {
        return new JobRequest(jobId, userId, projectId, assetId, sourceStorageKey, sourceFileName, durationSeconds,
                noiseOptions, audioTrack, subtitleOptions, queue);
    }

    /** Noise removal's optional request fields (extensions to the spec), validated by the API. */
    public record NoiseOptions(String algorithm, String strength, Boolean normalizeLoudness, String outputFormat) {

        /** Every option left to its default (the activity fills them in). */
        public static NoiseOptions defaults() {
            return new NoiseOptions(null, null, null, null);
        }
    }
}
