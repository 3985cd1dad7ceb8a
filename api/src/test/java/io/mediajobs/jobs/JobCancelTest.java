package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.common.ApiException;
import io.mediajobs.platform.DenoiseProperties;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;
import io.mediajobs.workflows.JobFailures;

/**
 * A cancel means what its 202 says: recorded first, then sent to Temporal at once, and when Temporal does not answer,
 * carried out by the reconciler once it does.
 */
class JobCancelTest {

    private final JobRepository jobs = mock(JobRepository.class);
    private final JobWorkflows workflows = mock(JobWorkflows.class);
    private final JobService service = new JobService(jobs, mock(AssetRepository.class),
            mock(TransactionTemplate.class), workflows, mock(EstimatedDurations.class), JsonMapper.builder().build(),
            new DenoiseProperties(null, List.of()), new JobLimitsProperties(3, 100, 500, Duration.ofHours(6)),
            mock(SubtitleRequestOptions.class));
    private final JobReconciler reconciler = new JobReconciler(jobs, service, workflows,
            new ReconcilerProperties(Duration.ofSeconds(20), Duration.ofMinutes(15), Duration.ofSeconds(5),
                    Duration.ofSeconds(15)));

    private static Job job(JobStatus status, Instant cancelRequestedAt) {
        UUID id = UUID.randomUUID();
        return new Job(id, "alice", UUID.randomUUID(), UUID.randomUUID(), JobType.SUBTITLE_GENERATION, status, 40, 30,
                null, null, null, id.toString(), 1, null, Instant.parse("2025-08-04T10:30:00Z"), null, null, null,
                cancelRequestedAt);
    }

    private static WorkflowServiceException temporalDown(Job job) {
        return new WorkflowServiceException(WorkflowExecution.newBuilder().setWorkflowId(job.workflowId()).build(),
                null, new RuntimeException("UNAVAILABLE: io exception"));
    }

    private static WorkflowNotFoundException noWorkflow(Job job) {
        return new WorkflowNotFoundException(WorkflowExecution.newBuilder().setWorkflowId(job.workflowId()).build(),
                null, null);
    }

    /** Alice's running job: read once before the cancel, then again with the cancel recorded. */
    private Job processingJobOfAlice() {
        Job job = job(JobStatus.PROCESSING, null);
        Job recorded = new Job(job.id(), "alice", job.projectId(), job.assetId(), job.type(), job.status(), 40, 30,
                null, null, null, job.workflowId(), 1, null, job.createdAt(), null, null, null, Instant.now());
        when(jobs.findOwned(job.id(), "alice")).thenReturn(Optional.of(job), Optional.of(recorded));
        when(jobs.requestCancel(job.id())).thenReturn(true);
        return job;
    }

    @Test
    void withTemporalUpTheCancelIsRecordedAndSentAtOnce() {
        Job job = processingJobOfAlice();

        Job answered = service.cancel("alice", job.id());

        verify(jobs).requestCancel(job.id());
        verify(workflows).cancel(job.workflowId());
        verify(jobs, never()).markFailed(any(), anyString());
        assertThat(answered.cancelRequested()).isTrue();
        assertThat(answered.status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void withTemporalDownTheCancelIsStillAcceptedBecauseItIsRecorded() {
        Job job = processingJobOfAlice();
        doThrow(temporalDown(job)).when(workflows).cancel(job.workflowId());

        Job answered = service.cancel("alice", job.id());

        verify(jobs).requestCancel(job.id());
        verify(jobs, never()).markFailed(any(), anyString());
        assertThat(answered.cancelRequested()).isTrue();
    }

    @Test
    void aJobWithoutAWorkflowIsFailedCancelledByUserDirectly() {
        Job job = processingJobOfAlice();
        doThrow(noWorkflow(job)).when(workflows).cancel(job.workflowId());

        service.cancel("alice", job.id());

        verify(jobs).markFailed(job.id(), JobFailures.CANCELLED_BY_USER);
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        Job done = job(JobStatus.COMPLETED, null);
        when(jobs.findOwned(done.id(), "alice")).thenReturn(Optional.of(done));

        assertThatThrownBy(() -> service.cancel("alice", done.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("Job is already completed");
                });
        verify(jobs, never()).requestCancel(any());
        verify(workflows, never()).cancel(anyString());
    }

    @Test
    void aJobThatFinishesWhileTheCancelIsRecordedIsAConflictNamingItsStatus() {
        Job running = job(JobStatus.PROCESSING, null);
        Job failed = new Job(running.id(), "alice", running.projectId(), running.assetId(), running.type(),
                JobStatus.FAILED, 40, 30, null, "Processing failed", null, running.workflowId(), 1, null,
                running.createdAt(), null, Instant.now(), null, null);
        when(jobs.findOwned(running.id(), "alice")).thenReturn(Optional.of(running), Optional.of(failed));
        when(jobs.requestCancel(running.id())).thenReturn(false);

        assertThatThrownBy(() -> service.cancel("alice", running.id()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Job is already failed"));
        verify(workflows, never()).cancel(anyString());
    }

    @Test
    void theReconcilerCarriesOutRecordedCancelsOnceTemporalIsBack() {
        Job running = job(JobStatus.PROCESSING, Instant.now());
        Job neverStarted = job(JobStatus.PENDING, Instant.now());
        when(jobs.cancelRequested(anyInt())).thenReturn(List.of(running, neverStarted));
        when(jobs.pendingOlderThan(any(), anyInt())).thenReturn(List.of(neverStarted));

        // Temporal still down: nothing is decided, the cancels stay recorded.
        doThrow(temporalDown(running)).when(workflows).cancel(running.workflowId());
        reconciler.reconcile();
        verify(jobs, never()).markFailed(any(), anyString());

        // Temporal back: the running workflow is cancelled, the one that never started is failed directly.
        doNothing().when(workflows).cancel(running.workflowId());
        doThrow(noWorkflow(neverStarted)).when(workflows).cancel(neverStarted.workflowId());
        reconciler.reconcile();

        verify(workflows, times(2)).cancel(running.workflowId());
        verify(jobs).markFailed(neverStarted.id(), JobFailures.CANCELLED_BY_USER);
        verify(jobs, never()).markFailed(running.id(), JobFailures.CANCELLED_BY_USER);
        verify(workflows, never()).start(any(), any()); // a cancelled pending job is never started
    }
}
