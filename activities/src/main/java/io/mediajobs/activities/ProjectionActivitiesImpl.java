package io.mediajobs.activities;

import java.util.UUID;

import io.temporal.activity.Activity;

import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobOutputData;
import io.mediajobs.jobs.JobProjection;

@Component("projectionActivities")
public class ProjectionActivitiesImpl implements ProjectionActivities {

    private final JobProjection projection;

    public ProjectionActivitiesImpl(JobProjection projection) {
        this.projection = projection;
    }

    @Override
    public void markProcessing(String jobId) {
        projection.markProcessing(UUID.fromString(jobId), Activity.getExecutionContext().getInfo().getAttempt());
    }

    @Override
    public void markCompleted(String jobId, JobOutputData output) {
        projection.markCompleted(UUID.fromString(jobId), output);
    }

    @Override
    public void markFailed(String jobId, String errorMessage) {
        projection.markFailed(UUID.fromString(jobId), errorMessage);
    }
}
