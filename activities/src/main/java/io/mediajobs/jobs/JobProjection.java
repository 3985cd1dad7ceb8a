package io.mediajobs.jobs;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a job's lifecycle into the Postgres projection the API serves. Every write is idempotent (activities
 * retry) and monotonic: progress never decreases and a final status is never overwritten.
 */
@Component
public class JobProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    public JobProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The engine starts work: pending → processing. Returns false if the job is already final (cancelled while it
     * waited for a worker, or failed by the reconciler): then the work must not run.
     */
    public boolean markProcessing(UUID jobId, int attempt) {
        return jdbc.sql("""
                UPDATE jobs SET status = 'processing', started_at = COALESCE(started_at, now()),
                       attempt = GREATEST(attempt, ?), updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')""")
                .params(attempt, jobId).update() > 0;
    }

    public void reportProgress(UUID jobId, int progress, int attempt) {
        jdbc.sql("""
                UPDATE jobs SET progress = GREATEST(progress, ?), attempt = GREATEST(attempt, ?), updated_at = now()
                WHERE id = ? AND status = 'processing'""")
                .params(Math.max(0, Math.min(99, progress)), attempt, jobId).update();
    }

    public void markCompleted(UUID jobId, JobOutputData output) {
        jdbc.sql("""
                UPDATE jobs SET status = 'completed', progress = 100, output_data = CAST(? AS json),
                       error_message = NULL, started_at = COALESCE(started_at, now()),
                       completed_at = COALESCE(completed_at, now()), updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')""")
                .params(toJson(output), jobId).update();
    }

    public void markFailed(UUID jobId, String errorMessage) {
        jdbc.sql("""
                UPDATE jobs SET status = 'failed', error_message = ?, completed_at = COALESCE(completed_at, now()),
                       updated_at = now()
                WHERE id = ? AND status IN ('pending', 'processing')""")
                .params(errorMessage, jobId).update();
    }

    private static String toJson(JobOutputData output) {
        try {
            return JSON.writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise job output", e);
        }
    }
}
