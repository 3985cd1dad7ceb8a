package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mediajobs.jobs.JobWorkflows.LiveState;

/** One describe call per job in flight, its answer reused for the cache's lifetime. */
class JobLiveStatesTest {

    private static final LiveState RETRYING = new LiveState(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, 2, "The previous attempt failed; retrying");

    private final JobWorkflows workflows = mock(JobWorkflows.class);
    private final ExecutorService pollers = Executors.newFixedThreadPool(20);

    @AfterEach
    void tearDown() {
        pollers.shutdownNow();
    }

    private JobLiveStates states(Duration ttl) {
        return new JobLiveStates(workflows, new StatusProperties(Duration.ofSeconds(3), ttl));
    }

    @Test
    void concurrentPollsOfOneJobShareASingleDescribeCall() throws Exception {
        JobLiveStates states = states(Duration.ofSeconds(2));
        CountDownLatch describing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        when(workflows.describe("job-1")).thenAnswer(inv -> {
            describing.countDown();
            answer.await(5, TimeUnit.SECONDS); // a slow Temporal: everyone else arrives meanwhile
            return Optional.of(RETRYING);
        });

        List<Future<Optional<LiveState>>> polls = new ArrayList<>();
        polls.add(pollers.submit(() -> states.get("job-1")));
        assertThat(describing.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 19; i++) {
            polls.add(pollers.submit(() -> states.get("job-1")));
        }
        Thread.sleep(200); // let them all reach the cache
        answer.countDown();

        for (Future<Optional<LiveState>> poll : polls) {
            assertThat(poll.get(5, TimeUnit.SECONDS)).contains(RETRYING);
        }
        verify(workflows, times(1)).describe("job-1");
    }

    @Test
    void anAnswerIsReusedForItsLifetimeThenAskedForAgain() throws Exception {
        JobLiveStates states = states(Duration.ofMillis(300));
        when(workflows.describe("job-1")).thenReturn(Optional.of(RETRYING));

        states.get("job-1");
        states.get("job-1");
        verify(workflows, times(1)).describe("job-1");

        Thread.sleep(500);
        states.get("job-1");
        verify(workflows, times(2)).describe("job-1");
    }

    @Test
    void eachJobHasItsOwnEntry() {
        JobLiveStates states = states(Duration.ofSeconds(2));
        when(workflows.describe("job-1")).thenReturn(Optional.of(RETRYING));
        when(workflows.describe("job-2")).thenReturn(Optional.empty());

        assertThat(states.get("job-1")).contains(RETRYING);
        assertThat(states.get("job-2")).isEmpty();
    }

    @Test
    void anUnreachableTemporalIsRememberedAsNoAnswerSoOutagesAreNotHammered() {
        JobLiveStates states = states(Duration.ofSeconds(2));
        when(workflows.describe("job-1")).thenThrow(Status.UNAVAILABLE.asRuntimeException());

        assertThat(states.get("job-1")).isEmpty();
        assertThat(states.get("job-1")).isEmpty();
        verify(workflows, times(1)).describe("job-1");
    }

    @Test
    void anOutageSeenOnOneJobSpareTheOtherJobsTheTimeout() {
        JobLiveStates states = states(Duration.ofSeconds(2));
        when(workflows.describe("job-1")).thenThrow(Status.UNAVAILABLE.asRuntimeException());

        assertThat(states.get("job-1")).isEmpty();
        assertThat(states.get("job-2")).isEmpty();
        verify(workflows, times(1)).describe("job-1");
        verify(workflows, never()).describe("job-2");
    }

    @Test
    void afterTheOutageWindowTemporalIsAskedAgain() throws Exception {
        JobLiveStates states = states(Duration.ofMillis(50));
        when(workflows.describe("job-1")).thenThrow(Status.UNAVAILABLE.asRuntimeException());
        when(workflows.describe("job-2")).thenReturn(Optional.of(RETRYING));
        assertThat(states.get("job-1")).isEmpty();

        Thread.sleep(120);

        assertThat(states.get("job-2")).contains(RETRYING);
    }
}
