package io.mediajobs.workflows;

/**
 * What the API hands a job's workflow: everything it needs, fixed at submission, so the workflow never reads
 * the database itself. {@code durationSeconds} sizes the activity timeouts.
 */
public record JobRequest(
        String jobId,
        String userId,
        String projectId,
        String assetId,
        String sourceStorageKey,
        String sourceFileName,
        double durationSeconds,
        NoiseOptions noiseOptions) {

    /** Noise removal's optional request fields (extensions to the spec), validated by the API. */
    public record NoiseOptions(String algorithm, String strength, Boolean normalizeLoudness, String outputFormat) {

        public static NoiseOptions defaults() {
            return new NoiseOptions(null, null, null, null);
        }
    }
}
