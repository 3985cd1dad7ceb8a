package io.mediajobs.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.metrics.JobMetrics;
import io.mediajobs.wire.WireName;
import io.mediajobs.workflows.JobOutputData;

/**
 * The one owner of the {@code jobs} table (the projection the API serves): every read and every status or
 * progress write goes through here, from the API (submissions, reconciler) and from activities alike.
 *
 * <p>Reads by id are scoped by owner: another user's job does not exist. Lifecycle writes are idempotent
 * (activities retry) and monotonic: progress never decreases and a final status is never overwritten. Each
 * transition that really happens (not its idempotent repeats) is recorded in {@link JobMetrics}.
 */
@Repository
public class JobRepository {

    private static final String COLUMNS = """
            id, user_id, project_id, asset_id, type, status, progress, estimated_duration, output_data::text AS output_data,
            error_message, options::text AS options, workflow_id, attempt, retry_of_job_id, created_at, started_at, completed_at,
            audio_track, cancel_requested_at, updated_at""";

    /** Idempotency keys are remembered this long. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JobMetrics metrics;

    JobRepository(JdbcClient jdbc, JsonMapper json, JobMetrics metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * What a submission knows about a new job; {@code optionsJson} is the normalised request options,
     * {@code audioTrack} the source's audio stream it works on.
     */
    public record NewJob(UUID id, String userId, UUID projectId, UUID assetId, JobType type, int estimatedDuration,
            String optionsJson, UUID retryOfJobId, String idempotencyKey, String requestFingerprint,
            Integer audioTrack) {
    }

    /** Filters of the job list; null fields do not filter. */
    public record ListFilter(UUID projectId, JobStatus status, JobType type, int limit, Cursor after) {
    }

    /** Keyset position for pagination: the last row's (createdAt, id). */
    public record Cursor(Instant createdAt, UUID id) {
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /** The user's job; empty when it does not exist or is someone else's. */
    public Optional<Job> findOwned(UUID jobId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND user_id = ?")
                .params(jobId, userId).query(JobRepository::map).optional();
    }

    /** Unscoped, for the worker side (activities act on the job they were given, whoever owns it). */
    public Optional<Job> find(UUID jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").params(jobId).query(JobRepository::map)
                .optional();
    }

    /** The user's jobs, newest first, filtered and keyset-paginated. */
    public List<Job> list(String userId, ListFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE user_id = ?");
        List<Object> params = new ArrayList<>(List.of(userId));
        if (filter.projectId() != null) {
            sql.append(" AND project_id = ?");
            params.add(filter.projectId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().wireName());
        }
        if (filter.type() != null) {
            sql.append(" AND type = ?");
            params.add(filter.type().wireName());
        }
        if (filter.after() != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(Timestamp.from(filter.after().createdAt()));
            params.add(filter.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(filter.limit());
        return jdbc.sql(sql.toString()).params(params).query(JobRepository::map).list();
    }

    /** The job an earlier request with this idempotency key created within {@link #IDEMPOTENCY_WINDOW}. */
    public Optional<Job> findByIdempotencyKey(String userId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE user_id = ? AND idempotency_key = ? AND created_at > ?")
                .params(userId, key, Timestamp.from(Instant.now().minus(IDEMPOTENCY_WINDOW)))
                .query(JobRepository::map).optional();
    }

    /** The request fingerprint stored with a job (what makes two requests "the same" for an idempotency key). */
    public Optional<String> fingerprintOf(UUID jobId) {
        return jdbc.sql("SELECT request_fingerprint FROM jobs WHERE id = ?").param(jobId).query(String.class)
                .optional();
    }

    /** The job that retried {@code failedJobId}, if any. */
    public Optional<UUID> retryOf(UUID failedJobId) {
        return jdbc.sql("SELECT id FROM jobs WHERE retry_of_job_id = ?").param(failedJobId).query(UUID.class)
                .optional();
    }

    /** How many of the user's jobs are pending or processing. */
    public int countActive(String userId) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status IN ('pending', 'processing')")
                .param(userId).query(Integer.class).single();
    }

    /** Pending and processing jobs of all users, by type and status (absent: none). */
    public Map<JobMetrics.ActiveKey, Integer> countActiveByTypeAndStatus() {
        Map<JobMetrics.ActiveKey, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT type, status, count(*) AS n FROM jobs WHERE status IN ('pending', 'processing')"
                        + " GROUP BY type, status")
                .query((ResultSet rs) -> {
                    counts.put(new JobMetrics.ActiveKey(
                            WireName.parse(JobType.class, rs.getString("type")).orElseThrow(),
                            WireName.parse(JobStatus.class, rs.getString("status")).orElseThrow()), rs.getInt("n"));
                });
        return counts;
    }

    /** Whether a pending or processing job of the user reads this asset. */
    public boolean anyActiveReading(UUID assetId, String userId) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE asset_id = ? AND user_id = ?"
                        + " AND status IN ('pending', 'processing')")
                .params(assetId, userId).query(Integer.class).single() > 0;
    }

    /** Pending rows created before {@code cutoff}: their workflow start may have been lost. */
    public List<Job> pendingOlderThan(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM jobs WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?")
                .params(Timestamp.from(cutoff), limit).query(JobRepository::map).list();
    }

    /** Processing rows not updated since {@code cutoff}: is their workflow still alive? */
    public List<Job> processingSilentSince(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM jobs WHERE status = 'processing' AND updated_at < ? ORDER BY updated_at LIMIT ?")
                .params(Timestamp.from(cutoff), limit).query(JobRepository::map).list();
    }

    /** Jobs still pending or processing whose user asked to cancel them, oldest request first. */
    public List<Job> cancelRequested(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE cancel_requested_at IS NOT NULL"
                        + " AND status IN ('pending', 'processing') ORDER BY cancel_requested_at LIMIT ?")
                .param(limit).query(JobRepository::map).list();
    }

    /**
     * A completed job's size and cost: its source's length and how long it took from the engine starting to the job
     * completing, both in seconds.
     */
    public record ProcessingTime(double mediaSeconds, double processingSeconds) {
    }

    /** Length and processing time of the most recent completed jobs of a type (whose source still exists). */
    public List<ProcessingTime> recentProcessingTimes(JobType type, int limit) {
        return jdbc.sql("""
                SELECT a.duration_seconds AS media_seconds,
                       EXTRACT(EPOCH FROM (j.completed_at - j.started_at)) AS processing_seconds
                FROM jobs j JOIN assets a ON a.id = j.asset_id
                WHERE j.type = ? AND j.status = 'completed' AND j.started_at IS NOT NULL AND a.duration_seconds > 0
                ORDER BY j.completed_at DESC LIMIT ?""")
                .params(type.wireName(), limit)
                .query((rs, row) -> new ProcessingTime(rs.getDouble("media_seconds"), rs.getDouble("processing_seconds")))
                .list();
    }

    // ---- submissions (API side) ----------------------------------------------------------------------------

    /**
     * Serialises this user's job submissions and the deletes of assets a job might read, until the surrounding
     * transaction ends (a transaction-scoped advisory lock). Call inside a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY) // outside a transaction the lock would end at once
    public void lockJobsOf(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("jobs:" + userId).query().singleRow();
    }

    /** A key older than {@link #IDEMPOTENCY_WINDOW} is free again: forget it so the unique index lets it through. */
    public void expireIdempotencyKey(String userId, String key) {
        jdbc.sql("UPDATE jobs SET idempotency_key = NULL WHERE user_id = ? AND idempotency_key = ? AND created_at <= ?")
                .params(userId, key, Timestamp.from(Instant.now().minus(IDEMPOTENCY_WINDOW))).update();
    }

    /**
     * Inserts the pending row (workflow id = job id) and returns it.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the failed job was already retried
     */
    public Job insertPending(NewJob job) {
        jdbc.sql("""
                INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, progress, estimated_duration,
                                  options, workflow_id, retry_of_job_id, idempotency_key, request_fingerprint,
                                  audio_track)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)""")
                .params(job.id(), job.userId(), job.projectId(), job.assetId(), job.type().wireName(),
                        job.estimatedDuration(), job.optionsJson(), job.id().toString(), job.retryOfJobId(),
                        job.idempotencyKey(), job.requestFingerprint(), job.audioTrack())
                .update();
        metrics.jobSubmitted(job.type());
        return findOwned(job.id(), job.userId()).orElseThrow();
    }

    /**
     * Records the user's cancel, durably, before anyone asks Temporal; a repeated request keeps the first time.
     * Returns false if the job is already final (nothing left to cancel).
     */
    public boolean requestCancel(UUID jobId) {
        return jdbc.sql("""
                UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, now()), updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')""")
                .param(jobId).update() > 0;
    }

    // ---- lifecycle (worker side) ---------------------------------------------------------------------------

    /**
     * The engine starts work: pending → processing. Returns false if the job is already final (cancelled while it
     * waited for a worker, or failed by the reconciler): then the work must not run.
     */
    public boolean markProcessing(UUID jobId, int attempt) {
        // The status before the update (its row locked) tells the first start (pending) from a retry's.
        Optional<Transition> changed = jdbc.sql("""
                UPDATE jobs j SET status = 'processing', started_at = COALESCE(j.started_at, now()),
                       attempt = GREATEST(j.attempt, ?), updated_at = now()
                FROM (SELECT id, status FROM jobs WHERE id = ? FOR UPDATE) AS before
                WHERE j.id = before.id AND j.status IN ('pending', 'processing')
                RETURNING j.type, before.status AS previous_status, j.created_at, j.started_at, j.completed_at,
                          NULL::float8 AS media_seconds""")
                .params(attempt, jobId).query(JobRepository::transition).optional();
        changed.filter(t -> "pending".equals(t.previousStatus()))
                .ifPresent(t -> metrics.processingStarted(t.type(), Duration.between(t.createdAt(), t.startedAt())));
        return changed.isPresent();
    }

    /** Progress 0..99 (100 is written only with completion); never decreases. */
    public void reportProgress(UUID jobId, int progress, int attempt) {
        jdbc.sql("""
                UPDATE jobs SET progress = GREATEST(progress, ?), attempt = GREATEST(attempt, ?), updated_at = now()
                WHERE id = ? AND status = 'processing'""")
                .params(Math.max(0, Math.min(99, progress)), attempt, jobId).update();
    }

    /** Final: completed with its output, as the JSON the API serves; a no-op on a job that is already final. */
    public void markCompleted(UUID jobId, JobOutputData output) {
        jdbc.sql("""
                UPDATE jobs SET status = 'completed', progress = 100, output_data = CAST(? AS json),
                       error_message = NULL, started_at = COALESCE(started_at, now()),
                       completed_at = COALESCE(completed_at, now()), updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')
                RETURNING type, NULL::text AS previous_status, created_at, started_at, completed_at,
                          (SELECT a.duration_seconds FROM assets a WHERE a.id = jobs.asset_id) AS media_seconds""")
                .params(json.writeValueAsString(output), jobId).query(JobRepository::transition).optional()
                .ifPresent(t -> metrics.completed(t.type(), Duration.between(t.createdAt(), t.completedAt()),
                        Duration.between(t.startedAt(), t.completedAt()), t.mediaSeconds()));
    }

    /** Final: failed with a message for the user; a no-op on a job that is already final. */
    public void markFailed(UUID jobId, String errorMessage) {
        jdbc.sql("""
                UPDATE jobs SET status = 'failed', error_message = ?, completed_at = COALESCE(completed_at, now()),
                       updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')
                RETURNING type, NULL::text AS previous_status, created_at, started_at, completed_at,
                          NULL::float8 AS media_seconds""")
                .params(errorMessage, jobId).query(JobRepository::transition).optional()
                .ifPresent(t -> metrics.failed(t.type(), errorMessage,
                        Duration.between(t.createdAt(), t.completedAt())));
    }

    /** What a lifecycle update returned, for {@link JobMetrics}: the row after it (and its status before). */
    private record Transition(JobType type, String previousStatus, Instant createdAt, Instant startedAt,
            Instant completedAt, Double mediaSeconds) {
    }

    private static Transition transition(ResultSet rs, int row) throws SQLException {
        return new Transition(WireName.parse(JobType.class, rs.getString("type")).orElseThrow(),
                rs.getString("previous_status"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "completed_at"), rs.getObject("media_seconds", Double.class));
    }

    private static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("user_id"),
                rs.getObject("project_id", UUID.class),
                rs.getObject("asset_id", UUID.class),
                WireName.parse(JobType.class, rs.getString("type")).orElseThrow(),
                WireName.parse(JobStatus.class, rs.getString("status")).orElseThrow(),
                rs.getInt("progress"),
                (Integer) rs.getObject("estimated_duration"),
                rs.getString("output_data"),
                rs.getString("error_message"),
                rs.getString("options"),
                rs.getString("workflow_id"),
                rs.getInt("attempt"),
                rs.getObject("retry_of_job_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                (Integer) rs.getObject("audio_track"),
                instant(rs, "cancel_requested_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
