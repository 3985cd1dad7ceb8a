package io.mediajobs.assets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.mediajobs.common.UserLocks;

import io.mediajobs.storage.StorageService;

/**
 * The assets table. Every read is scoped by owner: another user's asset does not exist. The
 * {@code storage_path} column holds the storage key ({@code <projectId>/<assetId>.<ext>}); the public
 * {@code storagePath} is derived from it by {@link StorageService#publicPath(String)}.
 */
@Repository
public class AssetRepository {

    private static final String COLUMNS = """
            id, project_id, user_id, file_name, content_type, size_bytes, kind, duration_seconds, has_audio,
            audio_codec, audio_sample_rate, audio_channels, video_codec, video_width, video_height, storage_path,
            source_job_id, created_at""";

    private final JdbcClient jdbc;
    private final StorageService storage;

    AssetRepository(JdbcClient jdbc, StorageService storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    /** What the upload pipeline knows about a new asset before it has a row. */
    record NewAsset(UUID id, UUID projectId, String userId, String fileName, String contentType, long sizeBytes,
            Asset.Kind kind, double durationSeconds, Asset.Audio audio, Asset.Video video, String storageKey,
            UUID sourceJobId) {
    }

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
    Optional<Asset> insertIntoOwnedProject(NewAsset a) {
        return jdbc.sql("""
                        INSERT INTO assets (id, project_id, user_id, file_name, content_type, size_bytes, kind,
                            duration_seconds, has_audio, audio_codec, audio_sample_rate, audio_channels, video_codec,
                            video_width, video_height, storage_path, source_job_id)
                        SELECT ?, p.id, p.user_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
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
                        a.storageKey(), a.sourceJobId(), a.projectId(), a.userId())
                .query(this::map).optional();
    }

    /** Deletes the user's asset row and returns what it was, so the caller can remove the file. */
    /** Deletes the asset a job produced, if any (a cancelled job's result). */
    Optional<Asset> deleteBySourceJob(UUID sourceJobId) {
        return jdbc.sql("DELETE FROM assets WHERE source_job_id = ? RETURNING " + COLUMNS)
                .param(sourceJobId).query(this::map).optional();
    }

    /** Outcome of {@link #deleteOwnedUnlessInUse}: the deleted asset, or why nothing was deleted. */
    record Deletion(Optional<Asset> deleted, boolean inUse) {
    }

    /**
     * Deletes the user's asset unless a pending or processing job reads it. Under the user's jobs lock, so a job
     * submitted at the same moment either sees the asset gone or blocks the delete.
     */
    @Transactional
    Deletion deleteOwnedUnlessInUse(UUID assetId, String userId) {
        UserLocks.lockJobsOf(jdbc, userId);
        boolean inUse = jdbc.sql("SELECT count(*) FROM jobs WHERE asset_id = ? AND user_id = ?"
                        + " AND status IN ('pending', 'processing')")
                .params(assetId, userId).query(Integer.class).single() > 0;
        if (inUse) {
            return new Deletion(Optional.empty(), true);
        }
        return new Deletion(jdbc.sql("DELETE FROM assets WHERE id = ? AND user_id = ? RETURNING " + COLUMNS)
                .params(assetId, userId).query(this::map).optional(), false);
    }

    /** Whether a pending or processing job reads this asset (call under the user's jobs lock). */
    boolean usedByActiveJob(UUID assetId) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE asset_id = ? AND status IN ('pending', 'processing')")
                .param(assetId).query(Integer.class).single() > 0;
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
                Asset.Kind.fromWire(rs.getString("kind")),
                rs.getDouble("duration_seconds"),
                rs.getBoolean("has_audio"),
                audioCodec == null ? null
                        : new Asset.Audio(audioCodec, rs.getInt("audio_sample_rate"), rs.getInt("audio_channels")),
                videoCodec == null ? null
                        : new Asset.Video(videoCodec, rs.getInt("video_width"), rs.getInt("video_height")),
                key,
                storage.publicPath(key),
                rs.getObject("source_job_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
