package io.mediajobs.workflows;

import io.temporal.activity.ActivityInterface;

/**
 * A job's final writes to the jobs projection: cheap and idempotent, run as local activities so they never queue
 * behind engine work for a worker slot. ("processing" is written by the engine activity when the work starts.)
 */
@ActivityInterface
public interface ProjectionActivities {

    void markCompleted(String jobId, JobOutputData output);

    void markFailed(String jobId, String errorMessage);

    /** The user cancelled: record it, and remove any result asset the job managed to create. */
    void markCancelled(String jobId);
}
