package io.mediajobs.activities;

import io.mediajobs.workflows.JobFailures;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;

import io.mediajobs.persistence.JobRepository;

/**
 * Marks the job processing when its work really starts (not while it waits for a worker slot), then keeps the
 * activity visibly alive: a ticker heartbeats every second (details: always one {@link Heartbeat} with the
 * progress and the latest checkpoint, so a retry resumes; read it back with {@link #lastCheckpoint}) and writes
 * progress into the projection at least every 2 s, whatever the engine is doing.
 * Projection writes are best effort: while the database is unreachable they are logged and retried by the next
 * tick, and the work goes on (its final write is a retrying local activity of the workflow).
 * When Temporal reports a cancel or a timeout, the engine's next progress callback throws it and the
 * activity's thread is interrupted, so the engine stops its processes and cleans up.
 */
public final class ActivityProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActivityProgress.class);
    private static final long WRITE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1_900);

    private final ActivityExecutionContext context;
    private final JobRepository jobs;
    private final UUID jobId;
    private final int attempt;
    private final int fromPercent;
    private final int toPercent;
    private final Thread activityThread;
    private final ScheduledExecutorService ticker;

    private volatile double fraction;
    private volatile Object checkpoint;
    private volatile RuntimeException stop;
    /** False while the database could not be told the work started; the ticker keeps trying. */
    private boolean markedProcessing;
    private int lastWrittenPercent = -1;
    private long lastWriteNanos;

    /**
     * The details of every heartbeat: always this one shape, so whatever the last heartbeat was (before or after
     * the first checkpoint) a retry can read it back.
     *
     * @param fraction   the activity's progress, 0..1
     * @param checkpoint where a retry can resume, or null before the first one (or for activities without any)
     */
    public record Heartbeat<C>(double fraction, C checkpoint) {
    }

    /**
     * The checkpoint in the previous attempt's last heartbeat, if any. Details of another shape (from an older
     * release, say) or a heartbeat sent before the first checkpoint mean "start over": a retry never fails on them.
     */
    public static <C> Optional<C> lastCheckpoint(ActivityExecutionContext context, Class<C> checkpointType) {
        try {
            @SuppressWarnings("unchecked")
            Class<Heartbeat<C>> raw = (Class<Heartbeat<C>>) (Class<?>) Heartbeat.class;
            return context.getHeartbeatDetails(raw,
                            ResolvableType.forClassWithGenerics(Heartbeat.class, checkpointType).getType())
                    .map(Heartbeat::checkpoint);
        } catch (DataConverterException e) {
            log.warn("Ignoring unreadable heartbeat details of activity {}; starting over: {}",
                    context.getInfo().getActivityId(), e.toString());
            return Optional.empty();
        }
    }

    /** Maps this activity's 0..1 onto the job's {@code fromPercent..toPercent}. */
    public ActivityProgress(ActivityExecutionContext context, JobRepository jobs, UUID jobId, int fromPercent,
            int toPercent) {
        this.context = context;
        this.jobs = jobs;
        this.jobId = jobId;
        this.attempt = context.getInfo().getAttempt();
        this.fromPercent = fromPercent;
        this.toPercent = toPercent;
        this.activityThread = Thread.currentThread();
        Boolean started = markProcessing();
        if (Boolean.FALSE.equals(started)) {
            throw alreadyFinal();
        }
        this.markedProcessing = started != null;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-" + jobId);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    /** The engine's progress callback: 0..1, never decreasing. Throws if the activity must stop. */
    public void update(double done) {
        if (done > fraction) {
            fraction = Math.min(1, done);
        }
        throwIfStopped();
    }

    /** Records what a retry should resume from ({@link #lastCheckpoint}); sent with the next heartbeat. */
    public void checkpoint(Object details) {
        checkpoint = details;
        throwIfStopped();
    }

    /** Throws the reason the activity must stop (cancelled, timed out, job already final), if any. */
    public void throwIfStopped() {
        RuntimeException e = stop;
        if (e != null) {
            throw e;
        }
    }

    /** The job's progress in percent: this activity's fraction mapped onto {@code fromPercent..toPercent}. */
    public int percent() {
        return fromPercent + (int) Math.floor(fraction * (toPercent - fromPercent));
    }

    private synchronized void tick() {
        try {
            context.heartbeat(new Heartbeat<>(fraction, checkpoint));
        } catch (ActivityCompletionException e) {
            // Cancelled, timed out or the worker is shutting down: make the engine stop now.
            stopWith(e);
            return;
        } catch (RuntimeException e) {
            log.warn("Heartbeat for job {} failed: {}", jobId, e.toString());
        }
        if (!markedProcessing) {
            Boolean started = markProcessing();
            if (Boolean.FALSE.equals(started)) {
                // Finished meanwhile (failed by the reconciler): the work must not go on.
                stopWith(alreadyFinal());
                return;
            }
            markedProcessing = started != null;
        }
        int percent = percent();
        long now = System.nanoTime();
        if (percent != lastWrittenPercent || now - lastWriteNanos >= WRITE_INTERVAL_NANOS) {
            try {
                jobs.reportProgress(jobId, percent, attempt);
                lastWrittenPercent = percent;
                lastWriteNanos = now;
            } catch (RuntimeException e) {
                log.warn("Progress write for job {} failed: {}", jobId, e.toString());
            }
        }
    }

    private void stopWith(RuntimeException reason) {
        if (stop == null) {
            stop = reason;
            activityThread.interrupt();
        }
    }

    /**
     * pending → processing in the projection: true if marked, false if the job is already final, null if the
     * database did not answer. An outage must not fail the job: the work goes on and the ticker marks it later.
     */
    private Boolean markProcessing() {
        try {
            return jobs.markProcessing(jobId, attempt);
        } catch (RuntimeException e) {
            log.warn("Could not mark job {} processing yet (will retry): {}", jobId, e.toString());
            return null;
        }
    }

    private static ApplicationFailure alreadyFinal() {
        return ApplicationFailure.newNonRetryableFailure("The job was already finished before its work started",
                JobFailures.JOB_ALREADY_FINAL);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop != null) {
            Thread.interrupted(); // our own interrupt; the stop exception carries the reason
        }
    }
}
