package io.mediajobs.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the jobs projection. {@code outputDataJson} is stored and served as the JSON the workflow wrote;
 * {@code audioTrack} is the source's audio stream the job was submitted for (null for jobs from before it was
 * recorded); {@code cancelRequestedAt} is when the user asked to cancel (null if never); {@code updatedAt} is the
 * row's last write (engines write progress at least every 2 s while they run; null when not read).
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
        Integer audioTrack,
        Instant cancelRequestedAt,
        Instant updatedAt) {

    /** A job whose last write is not known. */
    public Job(UUID id, String userId, UUID projectId, UUID assetId, JobType type, JobStatus status, int progress,
            Integer estimatedDuration, String outputDataJson, String errorMessage, String optionsJson,
            String workflowId, int attempt, UUID retryOfJobId, Instant createdAt, Instant startedAt,
            Instant completedAt, Integer audioTrack, Instant cancelRequestedAt) {
        this(id, userId, projectId, assetId, type, status, progress, estimatedDuration, outputDataJson, errorMessage,
                optionsJson, workflowId, attempt, retryOfJobId, createdAt, startedAt, completedAt, audioTrack,
                cancelRequestedAt, null);
    }

    /** A job with no recorded audio track and no cancel request. */
    public Job(UUID id, String userId, UUID projectId, UUID assetId, JobType type, JobStatus status, int progress,
            Integer estimatedDuration, String outputDataJson, String errorMessage, String optionsJson,
            String workflowId, int attempt, UUID retryOfJobId, Instant createdAt, Instant startedAt,
            Instant completedAt) {
        this(id, userId, projectId, assetId, type, status, progress, estimatedDuration, outputDataJson, errorMessage,
                optionsJson, workflowId, attempt, retryOfJobId, createdAt, startedAt, completedAt, null, null, null);
    }

    /** The user asked to cancel this job (it may still be stopping, or have finished first). */
    public boolean cancelRequested() {
        return cancelRequestedAt != null;
    }
}
