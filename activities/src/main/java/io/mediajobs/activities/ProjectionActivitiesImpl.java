package io.mediajobs.activities;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobOutputData;
import io.mediajobs.jobs.JobProjection;
import io.mediajobs.jobs.ResultAssets;

@Component("projectionActivities")
public class ProjectionActivitiesImpl implements ProjectionActivities {

    private final JobProjection projection;
    private final ResultAssets resultAssets;

    public ProjectionActivitiesImpl(JobProjection projection, ResultAssets resultAssets) {
        this.projection = projection;
        this.resultAssets = resultAssets;
    }

    @Override
    public void markCompleted(String jobId, JobOutputData output) {
        projection.markCompleted(UUID.fromString(jobId), output);
    }

    @Override
    public void markFailed(String jobId, String errorMessage) {
        projection.markFailed(UUID.fromString(jobId), errorMessage);
    }

    @Override
    public void markCancelled(String jobId) {
        UUID id = UUID.fromString(jobId);
        projection.markFailed(id, JobFailures.CANCELLED_BY_USER);
        resultAssets.discard(id);
    }
}
