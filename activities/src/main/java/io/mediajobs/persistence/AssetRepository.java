package io.mediajobs.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.media.MediaFormats;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.storage.StorageKeys;
import io.mediajobs.wire.WireName;

/**
 * The one owner of the {@code assets} table, for uploads (API) and job results (activities) alike. Every read is
 * scoped by owner: another user's asset does not exist. The
 * {@code storage_path} column holds the storage key ({@code <projectId>/<assetId>.<ext>}); the public
 * {@code storagePath} is derived from it by {@link StorageKeys#publicPath(String)}.
 */
@Repository
public class AssetRepository {

    private static final String COLUMNS = """
            id, project_id, user_id, file_name, content_type, size_bytes, kind, duration_seconds, has_audio,
            audio_codec, audio_sample_rate, audio_channels, video_codec, video_width, video_height, storage_path,
            source_job_id, created_at, audio_streams::text AS audio_streams, audio_track""";

    private static final TypeReference<List<Asset.AudioStream>> AUDIO_STREAMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AssetRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What is known about a new asset before it has a row: where its bytes are and what ffprobe found. */
    public record NewAsset(UUID id, UUID projectId, String userId, String fileName, String contentType, long sizeBytes,
            Asset.Kind kind, double durationSeconds, Asset.Audio audio, Asset.Video video, String storageKey,
            UUID sourceJobId, List<Asset.AudioStream> audioStreams, Integer audioTrack) {

        /**
         * The row for a probed file stored under {@code storageKey}: kind, duration and stream details from
         * {@code info}, Content-Type from {@code format} (never from the client).
         *
         * @param sourceJobId the job that produced it, or null for an upload
         */
        public static NewAsset probed(UUID id, UUID projectId, String userId, String fileName, long sizeBytes,
                MediaInfo info, MediaFormats.StoredFormat format, String storageKey, UUID sourceJobId) {
            List<Asset.AudioStream> streams = new ArrayList<>();
            for (int i = 0; i < info.audioStreams().size(); i++) {
                MediaInfo.AudioStream a = info.audioStreams().get(i);
                streams.add(new Asset.AudioStream(i, orUnknown(a.codec()), a.sampleRate(), a.channels(),
                        a.language(), a.isDefault()));
            }
            return new NewAsset(id, projectId, userId, fileName, format.contentType(), sizeBytes,
                    info.hasVideo() ? Asset.Kind.VIDEO : Asset.Kind.AUDIO, info.durationSeconds(),
                    info.audio().map(a -> new Asset.Audio(orUnknown(a.codec()), a.sampleRate(), a.channels()))
                            .orElse(null),
                    info.video().map(v -> new Asset.Video(orUnknown(v.codec()), v.width(), v.height())).orElse(null),
                    storageKey, sourceJobId, streams, info.hasAudio() ? info.preferredAudioTrack() : null);
        }

        private static String orUnknown(String codec) {
            return codec == null || codec.isBlank() ? "unknown" : codec;
        }
    }

    /** Whether the asset exists and is the user's. */
    public boolean existsOwned(UUID assetId, String userId) {
        return jdbc.sql("SELECT count(*) FROM assets WHERE id = ? AND user_id = ?")
                .params(assetId, userId).query(Integer.class).single() > 0;
    }

    /** The user's asset; empty when it does not exist or is someone else's. */
    public Optional<Asset> findOwned(UUID assetId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE id = ? AND user_id = ?")
                .params(assetId, userId).query(this::map).optional();
    }

    /** The result asset a job already stored, if any (a retried activity must not store a second one). */
    public Optional<Asset> findBySourceJob(UUID sourceJobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE source_job_id = ?")
                .params(sourceJobId).query(this::map).optional();
    }

    /** A project's assets, newest first; empty when the project is not the user's. */
    public List<Asset> listByProject(UUID projectId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE project_id = ? AND user_id = ?"
                        + " ORDER BY created_at DESC, id DESC")
                .params(projectId, userId).query(this::map).list();
    }

    /**
     * Inserts the row only if the project exists and belongs to the user (one statement, so ownership cannot
     * change in between). Empty when it does not, or when a result for the same job already exists.
     */
    public Optional<Asset> insertIntoOwnedProject(NewAsset a) {
        return jdbc.sql("""
                        INSERT INTO assets (id, project_id, user_id, file_name, content_type, size_bytes, kind,
                            duration_seconds, has_audio, audio_codec, audio_sample_rate, audio_channels, video_codec,
                            video_width, video_height, storage_path, source_job_id, audio_streams, audio_track)
                        SELECT ?, p.id, p.user_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?
                        FROM projects p WHERE p.id = ? AND p.user_id = ?
                        ON CONFLICT (source_job_id) DO NOTHING
                        RETURNING """ + " " + COLUMNS)
                .params(a.id(), a.fileName(), a.contentType(), a.sizeBytes(), a.kind().wireName(),
                        a.durationSeconds(), a.audio() != null,
                        a.audio() == null ? null : a.audio().codec(),
                        a.audio() == null ? null : a.audio().sampleRate(),
                        a.audio() == null ? null : a.audio().channels(),
                        a.video() == null ? null : a.video().codec(),
                        a.video() == null ? null : a.video().width(),
                        a.video() == null ? null : a.video().height(),
                        a.storageKey(), a.sourceJobId(), json.writeValueAsString(a.audioStreams()), a.audioTrack(),
                        a.projectId(), a.userId())
                .query(this::map).optional();
    }

    /** Deletes the asset a job produced, if any (a cancelled job's result), and returns what it was. */
    public Optional<Asset> deleteBySourceJob(UUID sourceJobId) {
        return jdbc.sql("DELETE FROM assets WHERE source_job_id = ? RETURNING " + COLUMNS)
                .param(sourceJobId).query(this::map).optional();
    }

    /** Deletes the user's asset row and returns what it was, so the caller can remove the file. */
    public Optional<Asset> deleteOwned(UUID assetId, String userId) {
        return jdbc.sql("DELETE FROM assets WHERE id = ? AND user_id = ? RETURNING " + COLUMNS)
                .params(assetId, userId).query(this::map).optional();
    }

    private List<Asset.AudioStream> audioStreams(String column) {
        return column == null ? List.of() : json.readValue(column, AUDIO_STREAMS);
    }

    private Asset map(ResultSet rs, int row) throws SQLException {
        String audioCodec = rs.getString("audio_codec");
        String videoCodec = rs.getString("video_codec");
        String key = rs.getString("storage_path");
        return new Asset(
                rs.getObject("id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getString("user_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                WireName.parse(Asset.Kind.class, rs.getString("kind")).orElseThrow(),
                rs.getDouble("duration_seconds"),
                rs.getBoolean("has_audio"),
                audioCodec == null ? null
                        : new Asset.Audio(audioCodec, rs.getInt("audio_sample_rate"), rs.getInt("audio_channels")),
                videoCodec == null ? null
                        : new Asset.Video(videoCodec, rs.getInt("video_width"), rs.getInt("video_height")),
                key,
                StorageKeys.publicPath(key),
                rs.getObject("source_job_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                audioStreams(rs.getString("audio_streams")),
                (Integer) rs.getObject("audio_track"));
    }
}
