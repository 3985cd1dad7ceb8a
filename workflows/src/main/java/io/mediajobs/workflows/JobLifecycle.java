package io.mediajobs.workflows;

import java.util.function.Supplier;

import io.mediajobs.activities.JobFailures;
import io.mediajobs.activities.ProjectionActivities;
import io.mediajobs.jobs.JobOutputData;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;

/**
 * The lifecycle every job workflow shares: mark processing, do the work, then mark completed or failed with a
 * message a user can read. Cancellation ends the job failed with "Cancelled by user". Deterministic: it only
 * calls activities.
 */
final class JobLifecycle {

    private final ProjectionActivities projection =
            Workflow.newActivityStub(ProjectionActivities.class, JobActivityOptions.projection());

    JobOutputData run(String jobId, String workName, Supplier<JobOutputData> work) {
        try {
            projection.markProcessing(jobId);
            JobOutputData output = work.get();
            projection.markCompleted(jobId, output);
            return output;
        } catch (CanceledFailure e) {
            // The workflow scope is cancelled; a detached scope may still write the outcome.
            Workflow.newDetachedCancellationScope(() -> projection.markFailed(jobId, JobFailures.CANCELLED_BY_USER)).run();
            throw e;
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof CanceledFailure) {
                Workflow.newDetachedCancellationScope(() -> projection.markFailed(jobId, JobFailures.CANCELLED_BY_USER)).run();
                throw e;
            }
            String message = userMessage(workName, e);
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
        return workName + " failed after " + JobActivityOptions.ENGINE_MAX_ATTEMPTS
                + " attempts: AI service temporarily unavailable";
    }

    private static boolean isOurs(String type) {
        return JobFailures.BAD_MEDIA.equals(type) || JobFailures.SOURCE_MISSING.equals(type)
                || JobFailures.ENGINE_UNAVAILABLE.equals(type);
    }
}
