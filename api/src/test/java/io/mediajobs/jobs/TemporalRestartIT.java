package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.temporal.client.WorkflowClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.RealPostgres;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TemporalDevServer;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;
import io.mediajobs.workflows.JobOutputData;

/**
 * The Temporal server restarts mid-job: the API and its in-process worker keep running, the server is stopped
 * (SIGTERM) while a subtitle job transcribes and started again on the same port and SQLite file, and the job
 * still completes. The server is this test's own (file-backed, from {@code TEMPORAL_CLI}); so are the database
 * and the task queue, so no other test context sees these jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("it")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TemporalRestartIT {

    static final Path DATA_DIR = TempDirs.createDeletedOnExit("temporal-restart-it-");
    static final String TASK_QUEUE = "media-jobs-restart-it-" + UUID.randomUUID();
    static TemporalDevServer server;

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient temporal;

    @BeforeAll
    static void startTemporal() {
        Path cli = TemporalDevServer.cli().orElse(null);
        Assumptions.assumeTrue(cli != null, TemporalDevServer.CLI_ENV + " is not set: this test starts and restarts "
                + "a Temporal dev server of its own with that CLI; ./scripts/test exports it");
        server = TemporalDevServer.start(cli, DATA_DIR.resolve("temporal"));
    }

    /** Runs before the cached context is closed (Spring closes it after all @AfterAll methods). */
    @AfterAll
    static void stopTemporal() {
        if (server != null) {
            server.close();
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealPostgres.Connection database = RealPostgres.newDatabase("temporal_restart_it");
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.temporal.connection.target", () -> server.address());
        registry.add("mediajobs.temporal.task-queue", () -> TASK_QUEUE);
        registry.add("mediajobs.data-dir", DATA_DIR::toString);
    }

    @Test
    void aSubtitleJobCompletesAcrossATemporalServerRestart() throws TimeoutException {
        TestApi api = TestApi.as(port, "user-" + UUID.randomUUID());
        JobsIT.Upload up = JobsIT.upload(api, TestMedia.repeatedJfkSpeech(
                TempDirs.createDeletedOnExit("temporal-restart-it-media-"), 6), "speech.wav");
        TestApi.Response created = api.post("/api/ai/subtitle-generation", JobsIT.ids(up));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String jobId = created.json().at("/data/job/jobId").asString();

        JsonNode running = JobsIT.pollUntil(api, jobId, Duration.ofMinutes(2),
                j -> !j.at("/status").asString().equals("pending") && j.at("/progress").asInt() > 0).last();
        assertThat(running.at("/status").asString()).as("mid-job: %s", running).isEqualTo("processing");

        boolean orderly = server.stop();
        assertThat(orderly).as("the server stopped on SIGTERM\n%s", server.logTail(20)).isTrue();
        // While it is down the API still answers, from its own rows; nothing can complete without the server.
        TestApi.Response during = api.get("/api/ai/jobs/" + jobId);
        assertThat(during.status()).as(during.toString()).isEqualTo(200);
        assertThat(during.json().at("/data/job/status").asString()).isEqualTo("processing");
        server.restart();

        JobsIT.Polled polled = JobsIT.pollUntilFinal(api, jobId, Duration.ofMinutes(3));
        JsonNode done = polled.last();
        assertThat(done.at("/status").asString()).as("%s\n%s", done, server.logTail(20)).isEqualTo("completed");
        assertThat(done.at("/progress").asInt()).isEqualTo(100);
        List<String> texts = new ArrayList<>();
        done.at("/outputData/subtitles").forEach(c -> texts.add(c.at("/text").asString()));
        assertThat(texts).isNotEmpty();
        assertThat(String.join(" ", texts).toLowerCase()).contains("ask not what your country can do for you");
        // The same workflow, kept by the file-backed server across its restart, completes with that output.
        JobOutputData result = temporal.newUntypedWorkflowStub(jobId).getResult(30, TimeUnit.SECONDS,
                JobOutputData.class);
        assertThat(result.subtitles()).hasSize(texts.size());
    }
}
