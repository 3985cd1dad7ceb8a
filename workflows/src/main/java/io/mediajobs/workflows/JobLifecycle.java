package io.mediajobs.workflows;

import java.util.function.Supplier;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

/**
 * The lifecycle every job workflow shares: do the work (whose engine activity marks the job processing when it
 * starts), then mark it completed or failed with a message a user can read. Cancellation ends the job failed with
 * "Cancelled by user" and discards any result it produced. Deterministic: it only calls activities.
 */
public final class JobLifecycle {

    private final ProjectionActivities projection =
            Workflow.newLocalActivityStub(ProjectionActivities.class, JobActivityOptions.projection());

    /**
     * Runs {@code work} (the job's activities) and records the outcome in the projection.
     *
     * @param workName how the user-facing failure message names the work, e.g. "Noise removal"
     * @return the output data also written to the projection
     * @throws ApplicationFailure non-retryable "JobFailed" after recording a failure; the cancellation itself
     *         when the user cancelled
     */
    public JobOutputData run(String jobId, String workName, Supplier<JobOutputData> work) {
        try {
            JobOutputData output = work.get();
            projection.markCompleted(jobId, output);
            return output;
        } catch (ActivityFailure | CanceledFailure e) {
            if (CancellationScope.current().isCancelRequested()) {
                // Cancelled by the user: whatever the engine threw on its way out, the outcome is the cancel.
                // The workflow's scope is cancelled, so only a detached scope may still write it.
                Workflow.newDetachedCancellationScope(() -> projection.markCancelled(jobId)).run();
                throw e;
            }
            if (e instanceof CanceledFailure) {
                throw e;
            }
            String message = userMessage(workName, (ActivityFailure) e);
            projection.markFailed(jobId, message);
            throw ApplicationFailure.newNonRetryableFailureWithCause(message, "JobFailed", e);
        }
    }

    /** Our activities' own failures carry user-facing messages; anything else gets a generic one. */
    static String userMessage(String workName, ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app && isOurs(app.getType())) {
            return app.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure) {
            return workName + " timed out; the job can be retried";
        }
        if (failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED) {
            return workName + " failed after " + JobActivityOptions.ENGINE_MAX_ATTEMPTS
                    + " attempts: AI service temporarily unavailable";
        }
        return workName + " failed: AI service temporarily unavailable";
    }

    private static boolean isOurs(String type) {
        return type != null && JobFailures.USER_FACING_TYPES.contains(type);
    }
}
