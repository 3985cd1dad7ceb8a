package io.mediajobs.assets;

import io.mediajobs.media.MediaFormats;
import io.mediajobs.persistence.FileNames;
import io.mediajobs.persistence.Asset;
import io.mediajobs.persistence.AssetRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ByteSizes;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.ProjectRepository;
import io.mediajobs.platform.StorageProperties;
import io.mediajobs.storage.StorageKeys;
import io.mediajobs.storage.StorageService;

/**
 * Uploaded media assets: every upload is staged ({@link StorageService#stage}: inside the storage root, or in the
 * scratch space for S3), probed with the real ffprobe, committed atomically under its server-generated key and only
 * then given a row. On any failure before the row exists, every file this call
 * wrote is removed, so storage never holds a file nobody can see or a partial one. (Job results are registered by
 * the noise-removal activity through the same {@link AssetRepository}.)
 */
@Service
public class AssetService {

    private static final Logger log = LoggerFactory.getLogger(AssetService.class);

    private final AssetRepository assets;
    private final ProjectRepository projects;
    private final JobRepository jobs;
    private final TransactionTemplate transactions;
    private final StorageService storage;
    private final MediaProber prober;
    private final long maxUploadBytes;

    AssetService(AssetRepository assets, ProjectRepository projects, JobRepository jobs,
            TransactionTemplate transactions, StorageService storage, MediaProber prober,
            StorageProperties storageProperties) {
        this.assets = assets;
        this.projects = projects;
        this.jobs = jobs;
        this.transactions = transactions;
        this.storage = storage;
        this.prober = prober;
        this.maxUploadBytes = storageProperties.maxUploadBytes().toBytes();
    }

    /** The user's asset, or empty if it does not exist or is someone else's. */
    public Optional<Asset> findOwned(UUID assetId, String userId) {
        return assets.findOwned(assetId, userId);
    }

    /** The user's asset or a 404 "Asset not found" {@link ApiException}. */
    public Asset requireOwned(UUID assetId, String userId) {
        return assets.findOwned(assetId, userId).orElseThrow(() -> ApiException.notFound("Asset not found"));
    }

    /** A project's assets, newest first; 404 if the project is not the user's. */
    public List<Asset> list(UUID projectId, String userId) {
        requireProject(projectId, userId);
        return assets.listByProject(projectId, userId);
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Stores an upload streamed from {@code content}.
     *
     * @throws ApiException 404 (project), 400 (empty or not audio/video), 413 (over the size limit)
     */
    public Asset upload(UUID projectId, String userId, String clientFileName, InputStream content) {
        requireProject(projectId, userId);
        UUID assetId = UUID.randomUUID();
        String finalKey = null;
        boolean kept = false;
        try (StorageService.Staged staged = storage.stage(content, maxUploadBytes)) {
            long size = staged.sizeBytes();
            if (size == 0) {
                throw ApiException.badRequest("The uploaded file is empty");
            }
            MediaInfo info = probe(staged.path());
            MediaFormats.StoredFormat format = MediaFormats.of(info).orElseThrow(() -> ApiException.badRequest(
                    "Unsupported media file: " + info.formatName() + " is not an audio or video format we accept"));
            finalKey = StorageKeys.asset(projectId, assetId, format.extension());
            staged.commit(finalKey);
            Asset asset = assets.insertIntoOwnedProject(AssetRepository.NewAsset.probed(assetId, projectId, userId,
                    FileNames.sanitize(clientFileName, format.extension()), size, info, format, finalKey, null))
                    .orElseThrow(() -> ApiException.notFound("Project not found")); // deleted meanwhile
            kept = true;
            log.info("Stored asset {} ({}, {} bytes) in project {}", assetId, format.contentType(), size, projectId);
            return asset;
        } catch (StorageService.SizeLimitExceededException e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                    "File is too large: the limit is " + ByteSizes.human(maxUploadBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store asset " + assetId, e);
        } finally {
            if (!kept && finalKey != null) {
                deleteQuietly(finalKey);
            }
        }
    }

    /**
     * The asset's bytes, for streaming (Spring MVC serves Range requests on a returned {@link Resource}; a range
     * is read from storage from its offset on, so seeking in a long file does not read what it skips).
     *
     * @throws ApiException 404 when the row's object is missing from storage
     */
    public Resource content(Asset asset) {
        try {
            return storage.stat(asset.storageKey())
                    .map(stored -> new StoredObjectResource(storage, stored, asset.fileName()))
                    .orElseThrow(() -> {
                        log.error("Asset {} has a row but its object {} is missing", asset.id(), asset.storageKey());
                        return ApiException.notFound("Asset content not found");
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look up asset " + asset.id(), e);
        }
    }

    /**
     * Deletes the row first, then the file. That order never leaves a row pointing to a missing file: if the
     * file cannot be removed, what remains is an unreachable orphan (logged), not a broken asset. A download
     * already in progress keeps reading the unlinked file until it finishes. An asset a pending or processing job
     * reads is refused with 409: the job would fail half-way.
     */
    public Asset delete(UUID assetId, String userId) {
        // Under the user's jobs lock, so a job submitted at the same moment either sees the asset gone or blocks
        // the delete.
        Asset deleted = transactions.execute(tx -> {
            jobs.lockJobsOf(userId);
            if (jobs.anyActiveReading(assetId, userId)) {
                throw new ApiException(HttpStatus.CONFLICT, "Asset is being processed by a pending or processing job;"
                        + " cancel the job or wait for it to finish");
            }
            return assets.deleteOwned(assetId, userId).orElseThrow(() -> ApiException.notFound("Asset not found"));
        });
        try {
            storage.delete(deleted.storageKey());
        } catch (IOException | RuntimeException e) {
            log.warn("Asset {} deleted but its file {} could not be removed: {}", assetId, deleted.storageKey(),
                    e.toString());
        }
        return deleted;
    }

    private void requireProject(UUID projectId, String userId) {
        if (projects.findOwned(projectId, userId).isEmpty()) {
            throw ApiException.notFound("Project not found");
        }
    }

    private MediaInfo probe(Path file) {
        try {
            return prober.probe(file);
        } catch (UnsupportedMediaException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {} after a failed upload: {}", key, e.toString());
        }
    }
}
