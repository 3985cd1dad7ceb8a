package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.persistence.Asset;
import io.mediajobs.support.RealPostgres;

/** V4 on rows written before it: each asset gets the one audio stream it recorded, and jobs no track. */
class AssetAudioStreamsMigrationIT {

    @Test
    void rowsFromBeforeV4KeepTheAudioStreamTheyRecorded() {
        RealPostgres.Connection db = RealPostgres.get();
        String schema = "v4_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(schema).target("3").load()
                .migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema, db.username(),
                db.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UUID project = UUID.randomUUID();
        UUID withAudio = UUID.randomUUID();
        UUID silentFilm = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        jdbc.sql("INSERT INTO projects (id, user_id, name) VALUES (?, 'alice', 'p')").param(project).update();
        jdbc.sql("""
                INSERT INTO assets (id, project_id, user_id, file_name, content_type, size_bytes, kind, duration_seconds,
                    has_audio, audio_codec, audio_sample_rate, audio_channels, storage_path)
                VALUES (?, ?, 'alice', 'a.m4a', 'audio/mp4', 1, 'audio', 2.0, true, 'aac', 44100, 2, 'k1')""")
                .params(withAudio, project).update();
        jdbc.sql("""
                INSERT INTO assets (id, project_id, user_id, file_name, content_type, size_bytes, kind, duration_seconds,
                    has_audio, video_codec, video_width, video_height, storage_path)
                VALUES (?, ?, 'alice', 'f.mp4', 'video/mp4', 1, 'video', 2.0, false, 'mpeg4', 160, 120, 'k2')""")
                .params(silentFilm, project).update();
        jdbc.sql("""
                INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, workflow_id)
                VALUES (?, 'alice', ?, ?, 'noise-removal', 'pending', ?)""")
                .params(job, project, withAudio, job.toString()).update();

        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(schema).load().migrate();

        assertThat(streams(jdbc, withAudio)).containsExactly(new Asset.AudioStream(0, "aac", 44100, 2, null, true));
        assertThat(jdbc.sql("SELECT audio_track FROM assets WHERE id = ?").param(withAudio).query(Integer.class)
                .single()).isZero();
        assertThat(streams(jdbc, silentFilm)).isEmpty();
        assertThat(jdbc.sql("SELECT audio_track FROM assets WHERE id = ?").param(silentFilm).query(Integer.class)
                .optional()).isEmpty();
        assertThat(jdbc.sql("SELECT audio_track FROM jobs WHERE id = ?").param(job).query(Integer.class).optional())
                .isEmpty();
    }

    private static List<Asset.AudioStream> streams(JdbcClient jdbc, UUID asset) {
        String json = jdbc.sql("SELECT audio_streams::text FROM assets WHERE id = ?").param(asset)
                .query(String.class).single();
        return JsonMapper.builder().build().readValue(json, new TypeReference<List<Asset.AudioStream>>() {
        });
    }
}
