package io.mediajobs.workflows.noise;

import io.temporal.activity.ActivityInterface;

/**
 * The noise-removal job's work, in two activities: {@link #removeNoise} writes the cleaned audio once, straight to
 * the storage key of the asset it will become; {@link #storeResultAsset} probes that file once and registers it as
 * an asset of the job's project. Nothing is copied in between.
 */
@ActivityInterface
public interface NoiseRemovalActivities {

    /**
     * Input of {@link #removeNoise}. Options are the request's settings, validated and normalised by the API
     * (null = default); {@code durationSeconds} is the source's probed duration, which sizes process timeouts;
     * {@code audioTrack} is the source's audio stream to clean (null = the one the engine prefers).
     */
    record RemoveNoiseInput(String jobId, String projectId, String sourceStorageKey, double durationSeconds,
            String algorithm, String strength, Boolean normalizeLoudness, String outputFormat, Integer audioTrack) {
    }

    /**
     * The cleaned audio in storage, as the engine measured it when it wrote it (so registering it needs no second
     * probe): {@code storageKey} is the result asset's final key; size in bytes; the decoded duration in seconds;
     * sample rate in Hz; channel count; the codec (ffprobe's name, e.g. {@code mp3}) and the MIME type. The
     * measurements are null when an attempt found the output already stored by an earlier one.
     */
    record CleanedAudio(String storageKey, long sizeBytes, Double durationSeconds, Integer sampleRate,
            Integer channels, String codec, String contentType) {
    }

    /**
     * Denoises the source into storage under the result asset's final key, heartbeating progress. A retry after
     * the output was stored finds it and returns at once.
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable {@code BadMedia}, {@code SourceMissing} or
     *         {@code EngineUnavailable} (see {@link io.mediajobs.workflows.JobFailures})
     */
    CleanedAudio removeNoise(RemoveNoiseInput input);

    /**
     * Input of {@link #storeResultAsset}: {@code outputStorageKey} is {@link CleanedAudio#storageKey()};
     * {@code output} is what {@link #removeNoise} returned (null in inputs recorded before it was added).
     */
    record StoreResultInput(String jobId, String userId, String projectId, String sourceFileName,
            String outputStorageKey, CleanedAudio output) {
    }

    /** The registered asset: its id and the path clients see ({@code /uploads/<key>}). */
    record ResultAsset(String assetId, String storagePath) {
    }

    /**
     * Registers the stored output as a new asset with {@code sourceJobId = jobId}, from the engine's measurements
     * (probing the file only when they are missing).
     * Idempotent: a retry returns the asset the first attempt created, never a second one.
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable {@code BadMedia} when the output can never
     *         become an asset (project gone, output missing or unreadable)
     */
    ResultAsset storeResultAsset(StoreResultInput input);
}
