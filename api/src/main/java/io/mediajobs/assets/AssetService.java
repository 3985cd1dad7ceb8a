package io.mediajobs.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

import io.mediajobs.common.ApiException;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.projects.ProjectRepository;
import io.mediajobs.storage.StorageService;

/**
 * Media assets: every file (an upload or a job's result) is staged inside storage, probed with the real
 * ffprobe, moved atomically to its server-generated key and only then given a row. On any failure before the
 * row exists, every file this call wrote is removed, so storage never holds a file nobody can see or a
 * partial one.
 */
@Service
public class AssetService {

    private static final Logger log = LoggerFactory.getLogger(AssetService.class);

    /** Files being probed live here until they have a final key; never served. */
    static final String STAGING_PREFIX = "incoming/";

    private final AssetRepository assets;
    private final ProjectRepository projects;
    private final StorageService storage;
    private final MediaProber prober;
    private final long maxUploadBytes;

    AssetService(AssetRepository assets, ProjectRepository projects, StorageService storage, MediaProber prober,
            @Value("${mediajobs.storage.max-upload-bytes:2GB}") DataSize maxUploadBytes) {
        this.assets = assets;
        this.projects = projects;
        this.storage = storage;
        this.prober = prober;
        this.maxUploadBytes = maxUploadBytes.toBytes();
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
        return ingest(projectId, userId, null, clientFileName,
                stagingKey -> storage.store(stagingKey, content, maxUploadBytes).sizeBytes());
    }

    /**
     * Stores a file a job produced (e.g. the cleaned audio) as a new asset in the job's project, with
     * {@code sourceJobId} set. Idempotent per job: if a result for {@code sourceJobId} exists (a retried
     * activity), that asset is returned and {@code file} is not stored again. {@code file} is copied, not moved.
     *
     * @throws ApiException 404 if the project is gone or not the user's, 400 if the file is not audio/video
     */
    public Asset createResult(UUID projectId, String userId, UUID sourceJobId, Path file, String fileName) {
        Optional<Asset> existing = assets.findBySourceJob(sourceJobId);
        if (existing.isPresent()) {
            return existing.get();
        }
        return ingest(projectId, userId, sourceJobId, fileName,
                stagingKey -> storage.importFile(stagingKey, file).sizeBytes());
    }

    /** The asset's bytes, for streaming (Spring MVC serves Range requests on a returned {@link Resource}). */
    public Resource content(Asset asset) {
        Path path = storage.localPath(asset.storageKey());
        if (!Files.isRegularFile(path)) {
            log.error("Asset {} has a row but its file {} is missing", asset.id(), asset.storageKey());
            throw ApiException.notFound("Asset content not found");
        }
        return new FileSystemResource(path);
    }

    /**
     * Deletes the row first, then the file. That order never leaves a row pointing to a missing file: if the
     * file cannot be removed, what remains is an unreachable orphan (logged), not a broken asset. A download
     * already in progress keeps reading the unlinked file until it finishes. An asset a pending or processing job
     * reads is refused with 409: the job would fail half-way.
     */
    public Asset delete(UUID assetId, String userId) {
        AssetRepository.Deletion deletion = assets.deleteOwnedUnlessInUse(assetId, userId);
        if (deletion.inUse()) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "Asset is being processed by a pending or processing job; cancel the job or wait for it to finish");
        }
        Asset deleted = deletion.deleted().orElseThrow(() -> ApiException.notFound("Asset not found"));
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

    @FunctionalInterface
    private interface Stager {
        /** Writes the bytes under {@code stagingKey}; returns their size. */
        long stage(String stagingKey) throws IOException;
    }

    private Asset ingest(UUID projectId, String userId, UUID sourceJobId, String clientFileName, Stager stager) {
        UUID assetId = UUID.randomUUID();
        String stagingKey = STAGING_PREFIX + assetId + ".part";
        String finalKey = null;
        boolean kept = false;
        try {
            long size = stager.stage(stagingKey);
            if (size == 0) {
                throw ApiException.badRequest("The uploaded file is empty");
            }
            MediaInfo info = probe(storage.localPath(stagingKey));
            MediaFormats.StoredFormat format = MediaFormats.of(info).orElseThrow(() -> ApiException.badRequest(
                    "Unsupported media file: " + info.formatName() + " is not an audio or video format we accept"));
            finalKey = projectId + "/" + assetId + "." + format.extension();
            storage.move(stagingKey, finalKey);
            AssetRepository.NewAsset row = new AssetRepository.NewAsset(assetId, projectId, userId,
                    FileNames.sanitize(clientFileName, format.extension()), format.contentType(), size,
                    info.hasVideo() ? Asset.Kind.VIDEO : Asset.Kind.AUDIO, info.durationSeconds(),
                    info.audio().map(a -> new Asset.Audio(orUnknown(a.codec()), a.sampleRate(), a.channels()))
                            .orElse(null),
                    info.video().map(v -> new Asset.Video(orUnknown(v.codec()), v.width(), v.height())).orElse(null),
                    finalKey, sourceJobId);
            Optional<Asset> inserted = assets.insertIntoOwnedProject(row);
            if (inserted.isEmpty()) {
                // Either the project is not (or no longer) the user's, or another attempt of the same job won.
                if (sourceJobId != null) {
                    Optional<Asset> winner = assets.findBySourceJob(sourceJobId);
                    if (winner.isPresent()) {
                        return winner.get();
                    }
                }
                throw ApiException.notFound("Project not found");
            }
            kept = true;
            log.info("Stored asset {} ({}, {} bytes) in project {}", assetId, format.contentType(), size, projectId);
            return inserted.get();
        } catch (StorageService.SizeLimitExceededException e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                    "File is too large: the limit is " + humanSize(maxUploadBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store asset " + assetId, e);
        } finally {
            if (!kept) {
                deleteQuietly(stagingKey);
                if (finalKey != null) {
                    deleteQuietly(finalKey);
                }
            }
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

    private static String orUnknown(String codec) {
        return codec == null || codec.isBlank() ? "unknown" : codec;
    }

    static String humanSize(long bytes) {
        long kib = 1024;
        long mib = kib * 1024;
        long gib = mib * 1024;
        if (bytes >= gib && bytes % gib == 0) {
            return bytes / gib + " GB";
        }
        if (bytes >= mib && bytes % mib == 0) {
            return bytes / mib + " MB";
        }
        if (bytes >= kib && bytes % kib == 0) {
            return bytes / kib + " KB";
        }
        return bytes + " bytes";
    }
}
