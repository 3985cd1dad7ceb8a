package io.mediajobs.storage;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place storage keys are made. Keys are server-generated, never from a client's file name:
 * <ul>
 *   <li>an asset (upload or job result): {@code <projectId>/<assetId>.<ext>};</li>
 *   <li>an upload being probed: {@code incoming/<assetId>.part} (never served; swept if a crash leaves it).</li>
 * </ul>
 * A job's result asset id is derived from the job id, so every attempt of the job writes the same key and
 * registers the same asset: retries overwrite, never duplicate.
 */
public final class StorageKeys {

    /** Prefix of uploads being probed. */
    public static final String STAGING_PREFIX = "incoming/";

    /** Keys are ours: path segments of safe characters only, no "..", no absolute paths, a short extension. */
    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z0-9]{1,5}$");

    private StorageKeys() {
    }

    /** {@code <projectId>/<assetId>.<extension>}; {@code extension} without the dot, e.g. {@code mp3}. */
    public static String asset(UUID projectId, UUID assetId, String extension) {
        return projectId + "/" + assetId + "." + extension;
    }

    /** Where an upload is written while it is probed. */
    public static String staging(UUID assetId) {
        return STAGING_PREFIX + assetId + ".part";
    }

    /** The id of the asset a job produces: a name-based (type 3) UUID of the job id, stable across attempts. */
    public static UUID resultAssetId(UUID jobId) {
        return UUID.nameUUIDFromBytes(("result-asset:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    /** The path clients see for a key ({@code storagePath}, {@code resultAssetPath}): never a host path. */
    public static String publicPath(String key) {
        return "/uploads/" + key;
    }

    /**
     * {@code key}, when it is one this class makes (storage implementations check every key they are given).
     *
     * @throws IllegalArgumentException otherwise
     */
    static String requireValid(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid storage key: " + key);
        }
        return key;
    }

    /** The key of the asset a job produces in the given format. */
    public static String jobResult(UUID projectId, UUID jobId, String extension) {
        return asset(projectId, resultAssetId(jobId), extension);
    }
}
