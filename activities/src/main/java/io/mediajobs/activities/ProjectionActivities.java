package io.mediajobs.activities;

import io.mediajobs.jobs.JobOutputData;
import io.temporal.activity.ActivityInterface;

/** Lifecycle writes to the jobs projection; cheap, idempotent, retried freely. */
@ActivityInterface
public interface ProjectionActivities {

    void markProcessing(String jobId);

    void markCompleted(String jobId, JobOutputData output);

    void markFailed(String jobId, String errorMessage);
}
