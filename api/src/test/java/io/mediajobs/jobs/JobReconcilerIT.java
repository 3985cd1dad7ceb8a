package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestMedia;

/**
 * The gap between the projection and Temporal heals itself: a pending row whose workflow start was lost (the API
 * died between insert and start) gets its workflow and completes; a processing row whose workflow does not exist
 * (lost by an in-memory server) ends failed with a clear message.
 */
class JobReconcilerIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void pendingJobWhoseWorkflowNeverStartedIsStartedAndCompletes() {
        Path media = TempDirs.createDeletedOnExit("reconciler-it-");
        JobsIT.Upload up = JobsIT.upload(api, TestMedia.noisySpeechWav(media, "Testing the reconciler.", 0.02, 16000),
                "a.wav");
        // Exactly what the API writes before starting the workflow; the start "crashed".
        UUID jobId = JobsIT.insertPendingRow(jdbc, api.userId(), up);

        JsonNode done = JobsIT.pollUntilFinal(api, jobId.toString(), Duration.ofMinutes(2)).last();

        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.at("/outputData/resultAssetId").isString()).isTrue();
    }

    @Test
    void processingJobWithoutAWorkflowIsFailedAsLost() {
        Path media = TempDirs.createDeletedOnExit("reconciler-it-");
        JobsIT.Upload up = JobsIT.upload(api, TestMedia.noisySpeechWav(media, "Lost job.", 0.02, 16000), "a.wav");
        UUID jobId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, progress, workflow_id,
                                  started_at, updated_at)
                VALUES (?, ?, ?, ?, 'subtitle-generation', 'processing', 40, ?, now() - interval '10 minutes',
                        now() - interval '10 minutes')""")
                .params(jobId, api.userId(), UUID.fromString(up.projectId()), UUID.fromString(up.assetId()),
                        jobId.toString())
                .update();

        JsonNode done = JobsIT.pollUntilFinal(api, jobId.toString(), Duration.ofSeconds(30)).last();

        assertThat(done.at("/status").asString()).isEqualTo("failed");
        assertThat(done.at("/errorMessage").asString()).contains("lost");
        assertThat(done.at("/progress").asInt()).isEqualTo(40);
        assertThat(done.has("completedAt")).isTrue();
    }
}
