package io.mediajobs.assets;

import io.mediajobs.persistence.Asset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mediajobs.common.Timestamps;

/**
 * An asset as the API shows it. Absent optional fields ({@code audio}, {@code video}, {@code audioStreams},
 * {@code audioTrack}, {@code sourceJobId}) are omitted, never null. Public so the jobs layer can return a result
 * asset in the same shape.
 *
 * <p>Extensions: {@code audioStreams} lists every audio stream ({@code index, codec, sampleRate, channels,
 * language?, default}); {@code audioTrack} is the index of the one jobs use unless the request names another.
 * {@code durationSeconds} is rounded to the millisecond (a decoded length is samples / rate: 10.005333333333333).
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
        List<Asset.AudioStream> audioStreams,
        Integer audioTrack,
        String storagePath,
        String sourceJobId,
        String createdAt) {

    public static AssetView of(Asset asset) {
        return new AssetView(asset.id().toString(), asset.projectId().toString(), asset.fileName(),
                asset.contentType(), asset.sizeBytes(), asset.kind().wireName(), milliseconds(asset.durationSeconds()),
                asset.hasAudio(), asset.audio(), asset.video(),
                asset.audioStreams().isEmpty() ? null : asset.audioStreams(), asset.audioTrack(), asset.storagePath(),
                asset.sourceJobId() == null ? null : asset.sourceJobId().toString(), Timestamps.iso(asset.createdAt()));
    }

    private static double milliseconds(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
