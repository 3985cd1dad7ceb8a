package io.mediajobs.activities;

import java.io.IOException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.mediajobs.denoise.OutputFormat;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.storage.StorageKeys;
import io.mediajobs.storage.StorageService;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.ProjectionActivities;

/**
 * A job's final writes, through the jobs owner. A failed job's unregistered output is removed; a cancelled job's
 * result is removed whether registered or not.
 */
@Component("projectionActivities")
public class ProjectionActivitiesImpl implements ProjectionActivities {

    private static final Logger log = LoggerFactory.getLogger(ProjectionActivitiesImpl.class);

    private final JobRepository jobs;
    private final AssetRepository assets;
    private final StorageService storage;

    public ProjectionActivitiesImpl(JobRepository jobs, AssetRepository assets, StorageService storage) {
        this.jobs = jobs;
        this.assets = assets;
        this.storage = storage;
    }

    @Override
    public void markCompleted(String jobId, JobOutputData output) {
        jobs.markCompleted(UUID.fromString(jobId), output);
    }

    @Override
    public void markFailed(String jobId, String errorMessage) {
        UUID id = UUID.fromString(jobId);
        jobs.markFailed(id, errorMessage);
        if (assets.findBySourceJob(id).isEmpty()) {
            deleteOutputs(id);
        }
    }

    @Override
    public void markCancelled(String jobId) {
        UUID id = UUID.fromString(jobId);
        jobs.markFailed(id, JobFailures.CANCELLED_BY_USER);
        assets.deleteBySourceJob(id).ifPresent(asset -> deleteQuietly(asset.storageKey(), id));
        deleteOutputs(id);
    }

    /** Output stored by removeNoise but not registered: its key depends only on the job and the format. */
    private void deleteOutputs(UUID jobId) {
        jobs.find(jobId).ifPresent(job -> {
            for (OutputFormat format : OutputFormat.values()) {
                deleteQuietly(StorageKeys.jobResult(job.projectId(), jobId, format.extension()), jobId);
            }
        });
    }

    private void deleteQuietly(String key, UUID jobId) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {} of job {}: {}", key, jobId, e.toString());
        }
    }
}
