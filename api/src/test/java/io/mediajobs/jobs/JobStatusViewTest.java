package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;

import org.junit.jupiter.api.Test;

import io.mediajobs.jobs.JobWorkflows.LiveState;

/** How the status endpoint merges the projection with Temporal's live view. */
class JobStatusViewTest {

    private final JobWorkflows workflows = mock(JobWorkflows.class);
    private final JobRepository jobs = mock(JobRepository.class);
    private static final StatusProperties STATUS = new StatusProperties(Duration.ofSeconds(3), Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2025-08-04T10:31:00Z");
    private final JobStatusView view = new JobStatusView(new JobLiveStates(workflows, STATUS), jobs, STATUS,
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** A job whose row was last written long ago (or never known): the view asks Temporal. */
    private static Job job(JobStatus status) {
        return job(status, 1, null);
    }

    private static Job job(JobStatus status, int attempt, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        return new Job(id, "alice", UUID.randomUUID(), UUID.randomUUID(), JobType.NOISE_REMOVAL, status, 37, 12, null,
                null, null, id.toString(), attempt, null, Instant.parse("2025-08-04T10:30:00Z"),
                Instant.parse("2025-08-04T10:30:15Z"), null, null, null, updatedAt);
    }

    @Test
    void aRunningJobWhoseEngineWroteItsRowRecentlyIsServedFromTheRowAlone() {
        Job job = job(JobStatus.PROCESSING, 1, NOW.minusMillis(2_500));

        JobResponses.JobStatusResponse response = view.live(job);

        verify(workflows, never()).describe(anyString());
        assertThat(response.status()).isEqualTo("processing");
        assertThat(response.progress()).isEqualTo(37);
        assertThat(response.attempt()).isNull();
    }

    @Test
    void theStalenessRule() {
        assertThat(view.needsLiveState(job(JobStatus.PROCESSING, 1, NOW.minusSeconds(2)), NOW)).isFalse();
        assertThat(view.needsLiveState(job(JobStatus.PENDING, 1, NOW.minusSeconds(1)), NOW))
                .as("just submitted").isFalse();
        assertThat(view.needsLiveState(job(JobStatus.PROCESSING, 1, NOW.minusSeconds(3)), NOW))
                .as("exactly fresh-for old").isFalse();
        assertThat(view.needsLiveState(job(JobStatus.PROCESSING, 1, NOW.minusMillis(3_001)), NOW))
                .as("quiet engine: failed, crashed or between attempts").isTrue();
        assertThat(view.needsLiveState(job(JobStatus.PENDING, 0, NOW.minusSeconds(30)), NOW))
                .as("waiting for a worker").isTrue();
        assertThat(view.needsLiveState(job(JobStatus.PROCESSING, 2, NOW), NOW))
                .as("a retry's reason is only in Temporal").isTrue();
        assertThat(view.needsLiveState(job(JobStatus.PROCESSING, 1, null), NOW)).as("unknown last write").isTrue();
        assertThat(view.needsLiveState(job(JobStatus.COMPLETED, 1, NOW.minusSeconds(60)), NOW)).isFalse();
        assertThat(view.needsLiveState(job(JobStatus.FAILED, 3, NOW.minusSeconds(60)), NOW)).isFalse();
    }

    @Test
    void anActivityThatFailedShowsItsRetryWithinFiveSecondsOfItsLastProgressWrite() {
        Instant lastWrite = NOW.minusMillis(3_500); // the engine died right after this write; the next never came
        Job job = job(JobStatus.PROCESSING, 1, lastWrite);
        when(workflows.describe(job.workflowId())).thenReturn(Optional.of(new LiveState(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, 2, "The previous attempt failed; retrying")));

        JobResponses.JobStatusResponse response = view.live(job);

        assertThat(response.attempt()).isEqualTo(2);
        assertThat(response.retryReason()).isEqualTo("The previous attempt failed; retrying");
        // The slowest case: the row turns stale after fresh-for, and a state cached just before lives live-cache-ttl.
        assertThat(STATUS.freshFor().plus(STATUS.liveCacheTtl())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRetryingActivityShowsItsAttemptAndReason() {
        Job job = job(JobStatus.PROCESSING);
        when(workflows.describe(job.workflowId())).thenReturn(Optional.of(new LiveState(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, 2, "ffmpeg exited with 137")));

        JobResponses.JobStatusResponse response = view.live(job);

        assertThat(response.status()).isEqualTo("processing");
        assertThat(response.progress()).isEqualTo(37);
        assertThat(response.attempt()).isEqualTo(2);
        assertThat(response.retryReason()).isEqualTo("ffmpeg exited with 137");
        assertThat(response.createdAt()).isEqualTo("2025-08-04T10:30:00.000Z");
    }

    @Test
    void aHealthyRunningJobHasNoRetryFields() {
        Job job = job(JobStatus.PROCESSING);
        when(workflows.describe(job.workflowId())).thenReturn(Optional.of(
                new LiveState(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, null, null)));

        JobResponses.JobStatusResponse response = view.live(job);

        assertThat(response.attempt()).isNull();
        assertThat(response.retryReason()).isNull();
    }

    @Test
    void aWorkflowTerminatedByAnOperatorIsRecordedAndServedAsFailed() {
        Job job = job(JobStatus.PROCESSING);
        Job repaired = new Job(job.id(), "alice", job.projectId(), job.assetId(), job.type(), JobStatus.FAILED, 37,
                12, null, "Terminated by an operator", null, job.workflowId(), 1, null, job.createdAt(),
                job.startedAt(), Instant.now(), null, null);
        when(workflows.describe(job.workflowId())).thenReturn(Optional.of(
                new LiveState(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, null, null)));
        when(jobs.findOwned(job.id(), "alice")).thenReturn(Optional.of(repaired));

        JobResponses.JobStatusResponse response = view.live(job);

        verify(jobs).markFailed(job.id(), "Terminated by an operator");
        assertThat(response.status()).isEqualTo("failed");
        assertThat(response.errorMessage()).isEqualTo("Terminated by an operator");
        assertThat(response.completedAt()).isNotNull();
    }

    @Test
    void whenTemporalIsUnreachableTheProjectionIsServed() {
        Job job = job(JobStatus.PROCESSING);
        when(workflows.describe(anyString())).thenThrow(Status.UNAVAILABLE.asRuntimeException());

        JobResponses.JobStatusResponse response = view.live(job);

        assertThat(response.status()).isEqualTo("processing");
        assertThat(response.progress()).isEqualTo(37);
    }

    @Test
    void finishedJobsDoNotAskTemporal() {
        view.live(job(JobStatus.COMPLETED));
        verify(workflows, never()).describe(anyString());
        verify(jobs, never()).markFailed(any(), anyString());
    }
}
