package io.mediajobs.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the jobs projection. {@code outputDataJson} is stored and served as the JSON the workflow wrote;
 * {@code cancelRequestedAt} is when the user asked to cancel (null if never).
 */
public record Job(
        UUID id,
        String userId,
        UUID projectId,
        UUID assetId,
        JobType type,
        JobStatus status,
        int progress,
        Integer estimatedDuration,
        String outputDataJson,
        String errorMessage,
        String optionsJson,
        String workflowId,
        int attempt,
        UUID retryOfJobId,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant cancelRequestedAt) {

    /** The user asked to cancel this job (it may still be stopping, or have finished first). */
    public boolean cancelRequested() {
        return cancelRequestedAt != null;
    }
}
