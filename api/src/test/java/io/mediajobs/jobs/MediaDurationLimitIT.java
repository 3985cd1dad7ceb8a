package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * The maximum media duration (default 6 h) through the API: a 10-hour recording uploads fine, but no job starts or
 * is retried on it, with a message saying why.
 */
class MediaDurationLimitIT extends IntegrationTest {

    private static final String TOO_LONG = "Media is too long for a job: it lasts 10:00:00, the limit is 6:00:00";

    static Path tenHours;

    @Autowired
    JdbcClient jdbc;

    /** 10 h of silent Opus (9 MB): one encoded minute, looped by stream copy (encoding 10 h would take minutes). */
    @BeforeAll
    static void generateMedia() {
        Path dir = TempDirs.createDeletedOnExit("duration-limit-it-");
        Path minute = dir.resolve("minute.opus");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono", "-t", "60", "-c:a", "libopus", "-b:a", "6k",
                "-frame_duration", "120", minute.toString());
        tenHours = dir.resolve("ten-hours.opus");
        TestMedia.ffmpeg("-stream_loop", "-1", "-i", minute.toString(), "-t", "36000", "-c", "copy",
                tenHours.toString());
    }

    @Test
    void aTenHourRecordingUploadsButNoJobStartsOnIt() {
        JobsIT.Upload up = JobsIT.upload(api, tenHours, "all-day-recording.opus"); // 201
        assertThat(up.durationSeconds()).isCloseTo(36_000, within(1.0));

        for (String type : new String[] {"noise-removal", "subtitle-generation"}) {
            TestApi.Response refused = api.post("/api/ai/" + type, JobsIT.ids(up));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().at("/success").asBoolean(true)).isFalse();
            assertThat(refused.json().at("/message").asString()).isEqualTo(TOO_LONG);
        }
        assertThat(api.get("/api/ai/jobs").json().at("/data/jobs").size()).as("no job was created").isZero();
    }

    @Test
    void aFailedJobOnTooLongMediaIsNotRetried() {
        JobsIT.Upload up = JobsIT.upload(api, tenHours, "all-day-recording.opus");
        UUID failed = UUID.randomUUID();
        // A job from before the limit was lowered, failed.
        jdbc.sql("""
                INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, progress, workflow_id,
                                  error_message, completed_at)
                VALUES (?, ?, ?, ?, 'subtitle-generation', 'failed', 0, ?, 'Processing failed', now())""")
                .params(failed, api.userId(), UUID.fromString(up.projectId()), UUID.fromString(up.assetId()),
                        failed.toString())
                .update();

        TestApi.Response refused = api.postEmpty("/api/ai/jobs/" + failed + "/retry");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().at("/message").asString()).isEqualTo(TOO_LONG);
    }
}
