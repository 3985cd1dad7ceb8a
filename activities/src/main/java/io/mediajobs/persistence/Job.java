package io.mediajobs.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the jobs projection. {@code outputDataJson} is stored and served as the JSON the workflow wrote;
 * {@code audioTrack} is the source's audio stream the job was submitted for (null for jobs from before it was
 * recorded).
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
        Integer audioTrack) {

    /** A job with no recorded audio track. */
    public Job(UUID id, String userId, UUID projectId, UUID assetId, JobType type, JobStatus status, int progress,
            Integer estimatedDuration, String outputDataJson, String errorMessage, String optionsJson,
            String workflowId, int attempt, UUID retryOfJobId, Instant createdAt, Instant startedAt,
            Instant completedAt) {
        this(id, userId, projectId, assetId, type, status, progress, estimatedDuration, outputDataJson, errorMessage,
                optionsJson, workflowId, attempt, retryOfJobId, createdAt, startedAt, completedAt, null);
    }
}
