package io.mediajobs.persistence;

import io.mediajobs.wire.WireName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stored media file a user owns: an upload, or a job's result ({@code sourceJobId} set).
 *
 * @param storageKey  where the bytes are in {@link io.mediajobs.storage.StorageService} ({@code <projectId>/<assetId>.<ext>})
 * @param storagePath the path clients see ({@code /uploads/<key>}), never a host path
 * @param audio        the first audio stream, or {@code null} when {@code hasAudio} is false
 * @param video        the first video stream, or {@code null} for audio-only assets
 * @param sourceJobId  the job that produced this asset, or {@code null} for uploads
 * @param audioStreams every audio stream, in file order (empty without audio); a job's {@code audioTrack} is an
 *                     index into it
 * @param audioTrack   the audio stream jobs use unless the request names one (the one that carries sound), or
 *                     {@code null} without audio
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
        Instant createdAt,
        List<AudioStream> audioStreams,
        Integer audioTrack) {

    public Asset {
        audioStreams = audioStreams == null ? List.of() : List.copyOf(audioStreams);
    }

    /** An asset whose one known audio stream is {@code audio} (the shape of rows probed before streams were listed). */
    public Asset(UUID id, UUID projectId, String userId, String fileName, String contentType, long sizeBytes,
            Kind kind, double durationSeconds, boolean hasAudio, Audio audio, Video video, String storageKey,
            String storagePath, UUID sourceJobId, Instant createdAt) {
        this(id, projectId, userId, fileName, contentType, sizeBytes, kind, durationSeconds, hasAudio, audio, video,
                storageKey, storagePath, sourceJobId, createdAt,
                audio == null ? List.of()
                        : List.of(new AudioStream(0, audio.codec(), audio.sampleRate(), audio.channels(), null, true)),
                audio == null ? null : 0);
    }

    /** Wire names {@code video} and {@code audio}. */
    public enum Kind implements WireName {
        VIDEO,
        AUDIO
    }

    public record Audio(String codec, int sampleRate, int channels) {
    }

    public record Video(String codec, int width, int height) {
    }

    /**
     * One audio stream, as stored and shown: {@code index} is its 0-based position among the asset's audio streams
     * (what a job's {@code audioTrack} names), {@code language} an ISO 639 tag or null, {@code isDefault} (JSON
     * {@code default}) whether the file marks it as the default audio.
     */
    public record AudioStream(int index, String codec, int sampleRate, int channels,
            @JsonInclude(JsonInclude.Include.NON_NULL) String language,
            @JsonProperty("default") boolean isDefault) {
    }
}
