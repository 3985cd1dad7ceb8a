package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.IsolatedApplication;
import io.mediajobs.support.RestartablePostgres;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * A cancel sent while Temporal does not answer is accepted (202, {@code cancelRequested: true}) because it is
 * recorded, and it still happens: the reconciler carries it out once Temporal answers, and the job ends failed /
 * "Cancelled by user". Temporal's outage is the real client's failure, thrown by the spied {@link JobWorkflows} of
 * an application of its own (the other tests' reconcilers would otherwise carry the cancels out at once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@DirtiesContext
class CancelWhileTemporalDownIT {

    private static final RestartablePostgres POSTGRES = RestartablePostgres.started();

    static Path speech;

    @LocalServerPort
    int port;

    TestApi api;

    @MockitoSpyBean
    JobWorkflows workflows;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void ownServices(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, POSTGRES, "cancel-it");
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    @BeforeAll
    static void generateMedia() {
        speech = TestMedia.noisySpeechWav(TempDirs.createDeletedOnExit("cancel-it-"),
                (JobsIT.SENTENCE + " ").repeat(48), 0.02, 16000); // ~4 min: still running after the outage
    }

    /** While true, every cancel this application sends fails as if Temporal were unreachable. */
    private final AtomicBoolean temporalDown = new AtomicBoolean();

    @BeforeEach
    void cancelsFailWhileTemporalIsDown() {
        api = TestApi.as(port, "user-" + UUID.randomUUID());
        doAnswer(call -> {
            if (temporalDown.get()) {
                throw new WorkflowServiceException(WorkflowExecution.getDefaultInstance(), null,
                        Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
            }
            return call.callRealMethod();
        }).when(workflows).cancel(anyString());
    }

    /** Reconciler passes run every 2 s (application-it.yml): a few of them fail while Temporal is down. */
    private static void severalReconcilerPasses() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRunningJobCancelledWhileTemporalIsDownEndsCancelledOnceItIsBack() {
        JobsIT.Upload up = JobsIT.upload(api, speech, "long.wav");
        String jobId = api.post("/api/ai/subtitle-generation", JobsIT.ids(up)).json().at("/data/job/jobId").asString();
        JsonNode running = JobsIT.pollUntil(api, jobId, Duration.ofMinutes(2),
                j -> j.at("/status").asString().equals("processing")).last();
        assertThat(running.at("/status").asString()).isEqualTo("processing");
        assertThat(running.has("cancelRequested")).isFalse();
        temporalDown.set(true);

        TestApi.Response cancel = api.postEmpty("/api/ai/jobs/" + jobId + "/cancel");

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        JsonNode accepted = cancel.json().at("/data/job");
        assertThat(accepted.at("/cancelRequested").asBoolean()).isTrue();
        assertThat(accepted.at("/status").asString()).isEqualTo("processing");
        severalReconcilerPasses();
        JsonNode meanwhile = api.get("/api/ai/jobs/" + jobId).json().at("/data/job");
        assertThat(meanwhile.at("/status").asString()).as("still running while Temporal is down").isEqualTo("processing");
        assertThat(meanwhile.at("/cancelRequested").asBoolean()).isTrue();

        temporalDown.set(false);
        JsonNode ended = JobsIT.pollUntilFinal(api, jobId, Duration.ofSeconds(30)).last();
        assertThat(ended.at("/status").asString()).as(ended.toString()).isEqualTo("failed");
        assertThat(ended.at("/errorMessage").asString()).isEqualTo("Cancelled by user");
        assertThat(ended.at("/cancelRequested").asBoolean()).isTrue();
        verify(workflows, atLeast(2)).cancel(jobId); // refused, then carried out by the reconciler
        assertThat(api.postEmpty("/api/ai/jobs/" + jobId + "/cancel").status()).isEqualTo(409);
    }

    @Test
    void aPendingJobWhoseWorkflowNeverStartedIsFailedByItsRecordedCancel() {
        JobsIT.Upload up = JobsIT.upload(api, speech, "long.wav");
        // The API wrote the row, then neither the start nor the cancel reached Temporal.
        UUID jobId = JobsIT.insertPendingRow(jdbc, api.userId(), up);
        temporalDown.set(true);

        TestApi.Response cancel = api.postEmpty("/api/ai/jobs/" + jobId + "/cancel");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        assertThat(cancel.json().at("/data/job/cancelRequested").asBoolean()).isTrue();
        severalReconcilerPasses();
        assertThat(api.get("/api/ai/jobs/" + jobId).json().at("/data/job/status").asString())
                .as("neither started nor failed while Temporal is down").isEqualTo("pending");

        temporalDown.set(false);

        JsonNode ended = JobsIT.pollUntilFinal(api, jobId.toString(), Duration.ofSeconds(30)).last();
        assertThat(ended.at("/status").asString()).as(ended.toString()).isEqualTo("failed");
        assertThat(ended.at("/errorMessage").asString()).isEqualTo("Cancelled by user");
        assertThat(ended.has("startedAt")).as("the cancelled job never ran").isFalse();
    }
}
