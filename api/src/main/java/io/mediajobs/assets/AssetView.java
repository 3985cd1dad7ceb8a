package io.mediajobs.assets;

import io.mediajobs.persistence.Asset;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mediajobs.common.Timestamps;

/**
 * An asset as the API shows it. Absent optional fields ({@code audio}, {@code video}, {@code sourceJobId}) are
 * omitted, never null. Public so the jobs layer can return a result asset in the same shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetView(
        String assetId,
        String projectId,
        String fileName,
        String contentType,
        long sizeBytes,
        String kind,
        double durationSeconds,
        boolean hasAudio,
        Asset.Audio audio,
        Asset.Video video,
        String storagePath,
        String sourceJobId,
        String createdAt) {

    public static AssetView of(Asset asset) {
        return new AssetView(asset.id().toString(), asset.projectId().toString(), asset.fileName(),
                asset.contentType(), asset.sizeBytes(), asset.kind().wireName(), asset.durationSeconds(),
                asset.hasAudio(), asset.audio(), asset.video(), asset.storagePath(),
                asset.sourceJobId() == null ? null : asset.sourceJobId().toString(), Timestamps.iso(asset.createdAt()));
    }
}
