package io.mediajobs.persistence;

import io.mediajobs.wire.WireName;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored media file a user owns: an upload, or a job's result ({@code sourceJobId} set).
 *
 * @param storageKey  where the bytes are in {@link io.mediajobs.storage.StorageService} ({@code <projectId>/<assetId>.<ext>})
 * @param storagePath the path clients see ({@code /uploads/<key>}), never a host path
 * @param audio       the first audio stream, or {@code null} when {@code hasAudio} is false
 * @param video       the first video stream, or {@code null} for audio-only assets
 * @param sourceJobId the job that produced this asset, or {@code null} for uploads
 */
public record Asset(
        UUID id,
        UUID projectId,
        String userId,
        String fileName,
        String contentType,
        long sizeBytes,
        Kind kind,
        double durationSeconds,
        boolean hasAudio,
        Audio audio,
        Video video,
        String storageKey,
        String storagePath,
        UUID sourceJobId,
        Instant createdAt) {

    /** Wire names {@code video} and {@code audio}. */
    public enum Kind implements WireName {
        VIDEO,
        AUDIO
    }

    public record Audio(String codec, int sampleRate, int channels) {
    }

    public record Video(String codec, int width, int height) {
    }
}
