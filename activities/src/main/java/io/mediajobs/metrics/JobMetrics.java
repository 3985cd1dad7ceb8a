package io.mediajobs.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;
import io.mediajobs.workflows.JobFailures;

/**
 * Every {@code mediajobs_*} meter, fed by the jobs owner ({@link io.mediajobs.persistence.JobRepository}) at the
 * moment a row changes state, so each process counts the transitions it made: the API counts submissions (and the
 * failures it writes: cancels of jobs that never ran, the reconciler's), workers count starts and completions.
 * Prometheus sums them across instances. Names as Prometheus shows them (tag {@code type} is the job type's wire name):
 * <ul>
 * <li>{@code mediajobs_jobs_started_total{type}}: jobs submitted (a new pending row, counted once committed; an
 * idempotent replay is not a new job);</li>
 * <li>{@code mediajobs_jobs_completed_total{type}}, {@code mediajobs_jobs_failed_total{type,cause}} with
 * {@code cause} = {@code cancelled} (by the user) or {@code error};</li>
 * <li>{@code mediajobs_job_duration_seconds{type,status}} (histogram): creation to completed/failed, what the user
 * waits;</li>
 * <li>{@code mediajobs_job_queue_wait_seconds{type}} (histogram): creation to the engine starting work (waiting for
 * a worker slot);</li>
 * <li>{@code mediajobs_engine_speed{type}} (histogram): media seconds per wall-clock second of processing (engine
 * start to completion) of each completed job, i.e. "× real time";</li>
 * <li>{@code mediajobs_jobs_active{type,status}} (gauge): jobs pending or processing in the whole installation, read
 * from the database at most every {@link #ACTIVE_JOBS_MAX_AGE} (every instance reports the same number: aggregate
 * with {@code max}, not {@code sum}).</li>
 * </ul>
 */
@Component
public class JobMetrics {

    private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);

    /** How stale the active-jobs gauge may be: scrapes within it share one count query. */
    static final Duration ACTIVE_JOBS_MAX_AGE = Duration.ofSeconds(5);

    private static final Duration[] DURATION_BUCKETS = seconds(1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600,
            7200, 14400, 21600);
    private static final Duration[] QUEUE_WAIT_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
            600, 1800, 3600);
    private static final double[] SPEED_BUCKETS = {0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};

    private final MeterRegistry registry;
    private final Supplier<Map<ActiveKey, Integer>> activeCounts;
    private volatile ActiveSnapshot active = new ActiveSnapshot(Instant.EPOCH, Map.of());

    /** Pending or processing jobs of one type and status. */
    public record ActiveKey(JobType type, JobStatus status) {
    }

    private record ActiveSnapshot(Instant takenAt, Map<ActiveKey, Integer> counts) {
    }

    /** The gauge counts through the jobs owner, which itself records through this (hence the provider). */
    @Autowired
    public JobMetrics(MeterRegistry registry, ObjectProvider<JobRepository> jobs) {
        this(registry, () -> jobs.getObject().countActiveByTypeAndStatus());
    }

    /**
     * @param activeCounts the installation's pending and processing jobs by type and status (a database query;
     *                     absent keys count 0); called from scrapes, at most every {@link #ACTIVE_JOBS_MAX_AGE}
     */
    public JobMetrics(MeterRegistry registry, Supplier<Map<ActiveKey, Integer>> activeCounts) {
        this.registry = registry;
        this.activeCounts = activeCounts;
        for (JobType type : JobType.values()) {
            for (JobStatus status : new JobStatus[] {JobStatus.PENDING, JobStatus.PROCESSING}) {
                ActiveKey key = new ActiveKey(type, status);
                Gauge.builder("mediajobs.jobs.active", this, m -> m.active(key))
                        .description("Jobs pending or processing in the installation (same on every instance)")
                        .tags("type", type.wireName(), "status", status.wireName())
                        .register(registry);
            }
        }
    }

    /** A new pending row: counted when the surrounding transaction commits (at once outside one). */
    public void jobSubmitted(JobType type) {
        Runnable count = () -> Counter.builder("mediajobs.jobs.started")
                .description("Jobs submitted").tag("type", type.wireName()).register(registry).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /** pending → processing: the engine started work {@code queueWait} after the job was created. */
    public void processingStarted(JobType type, Duration queueWait) {
        Timer.builder("mediajobs.job.queue.wait")
                .description("From job creation to the engine starting work")
                .tag("type", type.wireName())
                .serviceLevelObjectives(QUEUE_WAIT_BUCKETS)
                .register(registry).record(nonNegative(queueWait));
    }

    /**
     * → completed.
     *
     * @param total        creation to completion
     * @param processing   engine start to completion, or null if the job never marked processing
     * @param mediaSeconds the source's length in seconds, or null when unknown (its asset is gone)
     */
    public void completed(JobType type, Duration total, Duration processing, Double mediaSeconds) {
        Counter.builder("mediajobs.jobs.completed").description("Jobs completed")
                .tag("type", type.wireName()).register(registry).increment();
        duration(type, JobStatus.COMPLETED, total);
        if (processing != null && mediaSeconds != null && mediaSeconds > 0 && processing.toMillis() > 0) {
            DistributionSummary.builder("mediajobs.engine.speed")
                    .description("Media seconds processed per wall-clock second (x real time), per completed job")
                    .tag("type", type.wireName())
                    .serviceLevelObjectives(SPEED_BUCKETS)
                    .register(registry).record(mediaSeconds / (processing.toMillis() / 1000.0));
        }
    }

    /** → failed with {@code errorMessage}, {@code total} after creation. */
    public void failed(JobType type, String errorMessage, Duration total) {
        Counter.builder("mediajobs.jobs.failed").description("Jobs failed (cause: cancelled by the user, or error)")
                .tags("type", type.wireName(),
                        "cause", JobFailures.CANCELLED_BY_USER.equals(errorMessage) ? "cancelled" : "error")
                .register(registry).increment();
        duration(type, JobStatus.FAILED, total);
    }

    private void duration(JobType type, JobStatus status, Duration total) {
        Timer.builder("mediajobs.job.duration")
                .description("From job creation to completed or failed")
                .tags("type", type.wireName(), "status", status.wireName())
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry).record(nonNegative(total));
    }

    /** The gauge's value: a recent count, or NaN (Prometheus: no sample) while the database cannot be read. */
    private double active(ActiveKey key) {
        ActiveSnapshot snapshot = active;
        if (snapshot.takenAt().plus(ACTIVE_JOBS_MAX_AGE).isBefore(Instant.now())) {
            try {
                snapshot = new ActiveSnapshot(Instant.now(), Map.copyOf(activeCounts.get()));
                active = snapshot;
            } catch (RuntimeException e) {
                log.debug("Could not count active jobs: {}", e.toString());
                return Double.NaN;
            }
        }
        return snapshot.counts().getOrDefault(key, 0);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(Math.round(values[i] * 1000));
        }
        return durations;
    }
}
