package io.mediajobs.jobs;

import java.util.UUID;

import io.mediajobs.activities.NoiseRemovalActivities.ResultAsset;

/**
 * What a job's activity needs from the assets feature: turn an output file in storage into a new asset of the
 * job's project. Implemented by the api's assets package, so uploads and results share one ingest path.
 */
public interface ResultAssets {

    /**
     * Registers the file at {@code outputStorageKey} as a new asset with {@code sourceJobId = jobId}, then removes
     * the work file. Idempotent per job: once the asset exists, later calls return it.
     *
     * @throws RejectedException when the output can never become an asset (project gone, not audio)
     */
    ResultAsset register(UUID jobId, String userId, UUID projectId, String outputStorageKey, String fileName);

    /** Removes the result asset (row and file) and work file of a job that was cancelled; no-op if none. */
    void discard(UUID jobId);

    /** A permanent refusal; its message is meant for the user. */
    class RejectedException extends RuntimeException {
        public RejectedException(String message) {
            super(message);
        }
    }
}
