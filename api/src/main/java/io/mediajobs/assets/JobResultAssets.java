package io.mediajobs.assets;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.mediajobs.activities.NoiseRemovalActivities.ResultAsset;
import io.mediajobs.common.ApiException;
import io.mediajobs.denoise.OutputFormat;
import io.mediajobs.jobs.ResultAssets;
import io.mediajobs.storage.StorageService;

/** Job outputs become assets through the same ingest as uploads ({@link AssetService#createResult}). */
@Component
class JobResultAssets implements ResultAssets {

    private static final Logger log = LoggerFactory.getLogger(JobResultAssets.class);

    private final AssetService assets;
    private final AssetRepository repository;
    private final StorageService storage;

    JobResultAssets(AssetService assets, AssetRepository repository, StorageService storage) {
        this.assets = assets;
        this.repository = repository;
        this.storage = storage;
    }

    @Override
    public ResultAsset register(UUID jobId, String userId, UUID projectId, String outputStorageKey, String fileName) {
        Optional<Asset> existing = repository.findBySourceJob(jobId);
        Asset asset;
        if (existing.isPresent()) {
            asset = existing.get(); // a retried activity: the first attempt already registered it
        } else if (!storage.exists(outputStorageKey)) {
            throw new RejectedException("The job's output file is missing from storage");
        } else {
            try {
                asset = assets.createResult(projectId, userId, jobId, storage.localPath(outputStorageKey), fileName);
            } catch (ApiException e) {
                throw new RejectedException(e.getMessage());
            }
        }
        deleteQuietly(outputStorageKey, jobId);
        return new ResultAsset(asset.id().toString(), asset.storagePath());
    }

    @Override
    public void discard(UUID jobId) {
        repository.deleteBySourceJob(jobId).ifPresent(asset -> deleteQuietly(asset.storageKey(), jobId));
        for (OutputFormat format : OutputFormat.values()) {
            deleteQuietly("jobs/" + jobId + "." + format.extension(), jobId);
        }
    }

    private void deleteQuietly(String key, UUID jobId) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {} of cancelled job {}: {}", key, jobId, e.toString());
        }
    }
}
