package io.mediajobs.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.UserLocks;

/** Inserts pending jobs under the per-user limit, atomically. */
@Component
class JobStore {

    /** The spec: "Limit concurrent job submissions (recommend max 3 jobs per user)". */
    static final int MAX_ACTIVE_JOBS_PER_USER = 3;

    private final JdbcClient jdbc;
    private final JobRepository jobs;

    JobStore(JdbcClient jdbc, JobRepository jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    record NewJob(UUID id, String userId, UUID projectId, UUID assetId, JobType type, int estimatedDuration,
            String optionsJson, UUID retryOfJobId, String idempotencyKey, String requestFingerprint) {
    }

    /**
     * Inserts the pending row, or returns the job an earlier request with the same idempotency key created.
     * A per-user advisory lock serialises this user's submissions, so no race lets a 4th active job in.
     */
    @Transactional
    Job insertPending(NewJob job) {
        UserLocks.lockJobsOf(jdbc, job.userId());
        if (job.idempotencyKey() != null) {
            Optional<Job> earlier = findByIdempotencyKey(job.userId(), job.idempotencyKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        // Re-checked under the lock: an asset deleted since the request was validated cannot get a job.
        boolean assetExists = jdbc.sql("SELECT count(*) FROM assets WHERE id = ? AND user_id = ?")
                .params(job.assetId(), job.userId()).query(Integer.class).single() > 0;
        if (!assetExists) {
            throw ApiException.notFound(JobService.ASSET_NOT_FOUND);
        }
        int active = jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status IN ('pending', 'processing')")
                .param(job.userId()).query(Integer.class).single();
        if (active >= MAX_ACTIVE_JOBS_PER_USER) {
            throw new ApiException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
                    "Too many active jobs: at most " + MAX_ACTIVE_JOBS_PER_USER
                            + " jobs per user may be pending or processing at once; wait for one to finish");
        }
        if (job.retryOfJobId() != null && retryOf(job.retryOfJobId()).isPresent()) {
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "This job was already retried");
        }
        try {
            jdbc.sql("""
                    INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, progress, estimated_duration,
                                      options, workflow_id, retry_of_job_id, idempotency_key, request_fingerprint)
                    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")
                    .params(job.id(), job.userId(), job.projectId(), job.assetId(), job.type().wireName(),
                            job.estimatedDuration(), job.optionsJson(), job.id().toString(), job.retryOfJobId(),
                            job.idempotencyKey(), job.requestFingerprint())
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Only the one-retry-per-job index can clash here (other users' retries are not visible by id).
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "This job was already retried");
        }
        return jobs.findOwned(job.id(), job.userId()).orElseThrow();
    }

    /** The job that retried {@code failedJobId}, if any. */
    Optional<UUID> retryOf(UUID failedJobId) {
        return jdbc.sql("SELECT id FROM jobs WHERE retry_of_job_id = ?").param(failedJobId).query(UUID.class).optional();
    }

    /** Keys are remembered for 24 hours. */
    Optional<Job> findByIdempotencyKey(String userId, String key) {
        return jdbc.sql("SELECT id FROM jobs WHERE user_id = ? AND idempotency_key = ? AND created_at > ?")
                .params(userId, key, java.sql.Timestamp.from(Instant.now().minusSeconds(24 * 3600)))
                .query(UUID.class).optional()
                .flatMap(id -> jobs.findOwned(id, userId));
    }

    String fingerprintOf(UUID jobId) {
        return jdbc.sql("SELECT request_fingerprint FROM jobs WHERE id = ?").param(jobId).query(String.class).single();
    }

    /** A key older than 24 h is free again: forget it so the unique index lets the new request through. */
    void expireIdempotencyKey(String userId, String key) {
        jdbc.sql("UPDATE jobs SET idempotency_key = NULL WHERE user_id = ? AND idempotency_key = ? AND created_at <= ?")
                .params(userId, key, java.sql.Timestamp.from(Instant.now().minusSeconds(24 * 3600))).update();
    }

    /** Pending rows old enough that their workflow start may have been lost. */
    List<Job> pendingOlderThan(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + JobRepository.COLUMNS
                        + " FROM jobs WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?")
                .params(java.sql.Timestamp.from(cutoff), limit).query(JobRepository::map).list();
    }

    /** Processing rows not updated for a while: is their workflow still alive? */
    List<Job> processingSilentSince(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + JobRepository.COLUMNS
                        + " FROM jobs WHERE status = 'processing' AND updated_at < ? ORDER BY updated_at LIMIT ?")
                .params(java.sql.Timestamp.from(cutoff), limit).query(JobRepository::map).list();
    }

    /** Observed seconds of processing per second of media for recent completed jobs of a type, newest first. */
    List<Double> recentSpeedFactors(JobType type, int limit) {
        return jdbc.sql("""
                SELECT EXTRACT(EPOCH FROM (j.completed_at - j.started_at)) / a.duration_seconds AS factor
                FROM jobs j JOIN assets a ON a.id = j.asset_id
                WHERE j.type = ? AND j.status = 'completed' AND j.started_at IS NOT NULL AND a.duration_seconds > 1
                ORDER BY j.completed_at DESC LIMIT ?""")
                .params(type.wireName(), limit).query(Double.class).list();
    }
}
