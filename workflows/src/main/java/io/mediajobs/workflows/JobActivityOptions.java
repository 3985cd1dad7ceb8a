package io.mediajobs.workflows;

import java.time.Duration;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

/**
 * Every activity option of every job workflow, in one place. Engine activities run on the task queue the request
 * names (speech and noise workers scale apart); the projection's local activities run in the workflow's worker.
 */
public final class JobActivityOptions {

    /** Engines heartbeat every second; a worker that dies is noticed within this. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    /** Engines run far faster than real time; this bounds a stuck attempt generously for the media's length. */
    static final double TIMEOUT_PER_MEDIA_SECOND = 4.0;
    static final Duration MIN_ENGINE_TIMEOUT = Duration.ofMinutes(5);

    /** Transient failures (worker crash, FFmpeg killed, disk hiccup) retry with backoff, a bounded number of times. */
    static final int ENGINE_MAX_ATTEMPTS = 4;

    private JobActivityOptions() {
    }

    /** How long a job's final projection write keeps retrying: through any database outage worth surviving. */
    static final Duration PROJECTION_RETRY_LIMIT = Duration.ofDays(7);

    /**
     * Final projection writes, as local activities: they run in the workflow's worker at once instead of queueing
     * for an activity slot behind engine work, so a cancel or a completion shows within a second. The write is
     * idempotent and giving up would lose the job's outcome, so during a database outage it retries for up to
     * {@link #PROJECTION_RETRY_LIMIT} (attempts unlimited), at least every 2 minutes: backoffs above the local
     * retry threshold (3 workflow task timeouts) wait on a workflow timer, which keeps a long outage's history short.
     */
    public static LocalActivityOptions projection() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(15))
                .setScheduleToCloseTimeout(PROJECTION_RETRY_LIMIT)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofMinutes(2))
                        .setMaximumAttempts(0) // unlimited within the schedule-to-close timeout
                        .build())
                .build();
    }

    /**
     * The task queue of the job's engine activities: the one the API put in the request, else the workflow's own
     * (requests recorded before the queues were split ran everything there, and must replay the same way).
     * Workflow code only: it reads the running workflow's info.
     */
    public static String activityTaskQueue(JobRequest request) {
        String queue = request.activityTaskQueue();
        return queue == null || queue.isBlank() ? Workflow.getInfo().getTaskQueue() : queue;
    }

    /**
     * FFmpeg / Whisper work: heartbeating, sized to the media, cancellable with cleanup awaited.
     *
     * @param taskQueue the engine's task queue ({@link #activityTaskQueue})
     */
    public static ActivityOptions engine(double mediaDurationSeconds, String taskQueue) {
        Duration startToClose = Duration.ofSeconds((long) Math.ceil(mediaDurationSeconds * TIMEOUT_PER_MEDIA_SECOND))
                .plus(MIN_ENGINE_TIMEOUT);
        return ActivityOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setStartToCloseTimeout(startToClose)
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(2))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(ENGINE_MAX_ATTEMPTS)
                        .setDoNotRetry(JobFailures.BAD_MEDIA, JobFailures.SOURCE_MISSING, JobFailures.ENGINE_UNAVAILABLE,
                                JobFailures.ENGINE_REJECTED, JobFailures.JOB_ALREADY_FINAL,
                                IllegalArgumentException.class.getName())
                        .build())
                .build();
    }

    /**
     * Registering the result: short, idempotent by source job id. A cancel waits for it to finish, so the cancel
     * path can then discard the asset it created instead of racing it. On the engine's queue: its worker has the
     * implementation (and the storage the engine wrote to).
     */
    public static ActivityOptions storeResult(String taskQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumAttempts(10)
                        .setDoNotRetry(JobFailures.BAD_MEDIA)
                        .build())
                .build();
    }
}
