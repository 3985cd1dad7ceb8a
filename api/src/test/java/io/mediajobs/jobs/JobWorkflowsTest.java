package io.mediajobs.jobs;

import io.mediajobs.persistence.JobType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowServiceException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.mediajobs.platform.TemporalClientProperties;
import io.mediajobs.platform.TemporalClientTimeouts;
import io.mediajobs.workflows.JobRequest;

/**
 * {@link JobWorkflows} against Temporal's in-memory server, and how long a caller waits when Temporal is down: the
 * service stubs are configured as the application configures them ({@link TemporalClientTimeouts}).
 */
class JobWorkflowsTest {

    /** The application's defaults; the in-memory server has no custom search attributes. */
    private static final TemporalClientProperties TEMPORAL = new TemporalClientProperties("job-workflows-test", true,
            Duration.ofSeconds(3), Duration.ofSeconds(2), "job-workflows-test-speech", "job-workflows-test-noise");
    /** Room for the client's last retry backoff (at most 0.5 s) and scheduling. */
    private static final Duration SLACK = Duration.ofMillis(1000);

    @Test
    void whenTemporalGoesDownCallsEndAtTheirDeadline() throws IOException {
        int port = freePort();
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        WorkflowServiceStubs stubs = stubs("127.0.0.1:" + port);
        try {
            // Reached once, so the SDK knows the server's capabilities (without the 1 s budget of its own lookup).
            stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            JobWorkflows workflows = new JobWorkflows(WorkflowClient.newInstance(stubs), TEMPORAL);
            server.close();

            failsWithin(TEMPORAL.callTimeout().plus(SLACK), () -> workflows.start(JobType.NOISE_REMOVAL, request()));
            failsWithin(TEMPORAL.callTimeout().plus(SLACK), () -> workflows.cancel(UUID.randomUUID().toString()));
            failsWithin(TEMPORAL.describeTimeout().plus(SLACK),
                    () -> workflows.describe(UUID.randomUUID().toString()));
        } finally {
            stubs.shutdownNow();
            server.close();
        }
    }

    /** Before the SDK has reached a server once, it looks up the server's capabilities first. */
    @Test
    void whenTemporalWasNeverReachedCallsEndWithinTheirDeadline() {
        WorkflowServiceStubs stubs = stubs("127.0.0.1:1"); // nothing listens there
        try {
            JobWorkflows workflows = new JobWorkflows(WorkflowClient.newInstance(stubs), TEMPORAL);
            failsWithin(TEMPORAL.callTimeout().plus(SLACK), () -> workflows.start(JobType.NOISE_REMOVAL, request()));
            failsWithin(TEMPORAL.callTimeout().plus(SLACK), () -> workflows.cancel(UUID.randomUUID().toString()));
            failsWithin(TEMPORAL.describeTimeout().plus(SLACK),
                    () -> workflows.describe(UUID.randomUUID().toString()));
        } finally {
            stubs.shutdownNow();
        }
    }

    @Test
    void aServerThatNeverAnswersCostsNoMoreThanTheDeadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) { // the kernel accepts connections; nobody answers
            WorkflowServiceStubs stubs = stubs("127.0.0.1:" + silent.getLocalPort());
            try {
                JobWorkflows workflows = new JobWorkflows(WorkflowClient.newInstance(stubs), TEMPORAL);
                failsWithin(TEMPORAL.callTimeout().plus(SLACK),
                        () -> workflows.start(JobType.SUBTITLE_GENERATION, request()));
                failsWithin(TEMPORAL.describeTimeout().plus(SLACK),
                        () -> workflows.describe(UUID.randomUUID().toString()));
            } finally {
                stubs.shutdownNow();
            }
        }
    }

    @Test
    void describeSeesAStartedWorkflowAndNothingForAnUnknownOne() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            JobWorkflows workflows = new JobWorkflows(env.getWorkflowClient(), TEMPORAL);
            JobRequest request = request();

            workflows.start(JobType.NOISE_REMOVAL, request);
            workflows.start(JobType.NOISE_REMOVAL, request); // idempotent

            assertThat(workflows.describe(request.jobId())).hasValueSatisfying(live -> {
                assertThat(live.status()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
                assertThat(live.activityAttempt()).isNull();
                assertThat(live.lastFailure()).isNull();
            });
            assertThat(workflows.describe(UUID.randomUUID().toString())).isEmpty();
        }
    }

    private static WorkflowServiceStubs stubs(String target) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
        return WorkflowServiceStubs.newServiceStubs(new TemporalClientTimeouts(TEMPORAL).customize(options).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JobRequest request() {
        return new JobRequest(UUID.randomUUID().toString(), "alice", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "p/a.wav", "a.wav", 12.5, JobRequest.NoiseOptions.defaults(), null);
    }

    /** The call fails with the SDK's exception, and in less than {@code limit}. */
    private static void failsWithin(Duration limit, Executable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call::execute).isInstanceOf(WorkflowServiceException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
    }
}
