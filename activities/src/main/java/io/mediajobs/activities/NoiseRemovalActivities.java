package io.mediajobs.activities;

import io.temporal.activity.ActivityInterface;

/** The noise-removal job's work: denoise the source into storage, then register the result as an asset. */
@ActivityInterface
public interface NoiseRemovalActivities {

    /**
     * Input of {@link #removeNoise}. Options are the request's settings, validated and normalised by the API.
     * The output goes to a work key in storage ({@link CleanedAudio#storageKey}) until {@link #storeResultAsset}
     * turns it into an asset.
     */
    record RemoveNoiseInput(String jobId, String sourceStorageKey, double durationSeconds,
            String algorithm, String strength, Boolean normalizeLoudness, String outputFormat) {
    }

    record CleanedAudio(String storageKey, long sizeBytes) {
    }

    /** Heartbeats progress; a retry after the output was stored finds it and returns at once. */
    CleanedAudio removeNoise(RemoveNoiseInput input);

    record StoreResultInput(String jobId, String userId, String projectId, String sourceFileName,
            String outputStorageKey) {
    }

    record ResultAsset(String assetId, String storagePath) {
    }

    /** Idempotent: a retry returns the asset the first attempt created, never a second one. */
    ResultAsset storeResultAsset(StoreResultInput input);
}
