package io.mediajobs.activities;

import io.temporal.activity.ActivityInterface;

/** The noise-removal job's work: denoise the source into storage, then register the result as an asset. */
@ActivityInterface
public interface NoiseRemovalActivities {

    /** Input of {@link #removeNoise}. Options are the request's optional strings, already validated by the API. */
    record RemoveNoiseInput(String jobId, String sourceStorageKey, String resultStorageKey, double durationSeconds,
            String algorithm, String strength, Boolean normalizeLoudness, String outputFormat) {
    }

    record CleanedAudio(String storageKey, long sizeBytes) {
    }

    /** Heartbeats progress; a retry after the output was stored finds it and returns at once. */
    CleanedAudio removeNoise(RemoveNoiseInput input);

    record StoreResultInput(String jobId, String userId, String projectId, String resultAssetId,
            String sourceFileName, String resultStorageKey) {
    }

    record ResultAsset(String assetId, String storagePath) {
    }

    /** Idempotent: a retry returns the asset the first attempt created, never a second one. */
    ResultAsset storeResultAsset(StoreResultInput input);
}
