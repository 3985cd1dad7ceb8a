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

import java.time.Instant;
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
    private final JobStatusView view = new JobStatusView(workflows, jobs);

    private static Job job(JobStatus status) {
        UUID id = UUID.randomUUID();
        return new Job(id, "alice", UUID.randomUUID(), UUID.randomUUID(), JobType.NOISE_REMOVAL, status, 37, 12, null,
                null, null, id.toString(), 1, null, Instant.parse("2025-08-04T10:30:00Z"),
                Instant.parse("2025-08-04T10:30:15Z"), null, null, null);
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
