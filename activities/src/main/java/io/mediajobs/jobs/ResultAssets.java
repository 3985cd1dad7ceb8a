package io.mediajobs.jobs;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.mediajobs.activities.NoiseRemovalActivities.ResultAsset;
import io.mediajobs.activities.NoiseRemovalActivities.StoreResultInput;
import io.mediajobs.media.MediaInfo;

/**
 * Registers a job's output file as a new asset in the job's project. {@code assets.source_job_id} is unique,
 * so however often the activity retries, one job yields at most one result asset.
 */
@Component
public class ResultAssets {

    private final JdbcClient jdbc;

    public ResultAssets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ResultAsset createOnce(StoreResultInput input, MediaInfo info, String storagePath, long sizeBytes) {
        String key = input.resultStorageKey();
        String extension = key.substring(key.lastIndexOf('.') + 1);
        MediaInfo.AudioStream audio = info.audio().orElse(null);
        jdbc.sql("""
                INSERT INTO assets (id, project_id, user_id, file_name, content_type, size_bytes, kind,
                                    duration_seconds, has_audio, audio_codec, audio_sample_rate, audio_channels,
                                    storage_path, source_job_id)
                VALUES (?, ?, ?, ?, ?, ?, 'audio', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_job_id) DO NOTHING""")
                .params(UUID.fromString(input.resultAssetId()), UUID.fromString(input.projectId()), input.userId(),
                        cleanedName(input.sourceFileName(), extension), contentType(extension), sizeBytes,
                        info.durationSeconds(), audio != null, audio == null ? null : audio.codec(),
                        audio == null ? null : audio.sampleRate(), audio == null ? null : audio.channels(),
                        storagePath, UUID.fromString(input.jobId()))
                .update();
        return jdbc.sql("SELECT id, storage_path FROM assets WHERE source_job_id = ?")
                .param(UUID.fromString(input.jobId()))
                .query((rs, row) -> new ResultAsset(rs.getObject("id", UUID.class).toString(),
                        rs.getString("storage_path")))
                .single();
    }

    static String cleanedName(String sourceFileName, String extension) {
        String base = sourceFileName == null || sourceFileName.isBlank() ? "audio" : sourceFileName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        return base + "-cleaned." + extension;
    }

    static String contentType(String extension) {
        return switch (extension) {
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "flac" -> "audio/flac";
            case "m4a", "aac" -> "audio/mp4";
            default -> "application/octet-stream";
        };
    }
}
