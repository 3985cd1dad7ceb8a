package io.mediajobs.workflows;

import io.temporal.activity.ActivityInterface;

/**
 * A job's final writes to the jobs projection: cheap and idempotent, run as local activities so they never queue
 * behind engine work for a worker slot. ("processing" is written by the engine activity when the work starts.)
 */
@ActivityInterface
public interface ProjectionActivities {

    /** Final: completed with {@code output}; a no-op on a job that is already final. */
    void markCompleted(String jobId, JobOutputData output);

    /** Final: failed with a message for the user; removes output the job stored but did not register. */
    void markFailed(String jobId, String errorMessage);

    /** The user cancelled: record it, and remove any result asset the job managed to create. */
    void markCancelled(String jobId);
}
