package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.RepoFiles;

/** {@code scripts/replay}'s command on a job that really ran: its history from Temporal replays against this build. */
class JobReplayIT extends IntegrationTest {

    @Test
    void aCompletedJobsHistoryReplaysOk() {
        JobsIT.Upload up = JobsIT.upload(api, RepoFiles.jfkWav(), "jfk.wav");
        JsonNode created = api.post("/api/ai/noise-removal", JobsIT.ids(up)).json().at("/data/job");
        String jobId = created.at("/jobId").asString();
        JsonNode done = JobsIT.pollUntilFinal(api, jobId, Duration.ofMinutes(2)).last();
        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = JobReplay.run(jobId, temporalAddress(), "default",
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("OK job " + jobId)
                .contains("NoiseRemovalWorkflow");
        assertThat(status).isEqualTo(JobReplay.OK);
    }

    @Test
    void anUnknownJobCannotBeReplayed() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = JobReplay.run("00000000-0000-4000-8000-000000000000", temporalAddress(), "default",
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(JobReplay.UNUSABLE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("CANNOT REPLAY ");
    }
}
