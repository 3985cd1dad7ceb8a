package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobWorkflows.LiveState;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.JobRequest;

/**
 * Heals the gap between the projection and Temporal. A cancel the user asked for but Temporal did not receive (it
 * was down) is carried out. A pending row whose workflow never started (the API crashed between insert and start,
 * or Temporal was down) gets its workflow started, idempotently by workflow id; one that cannot be started for too
 * long fails. A row still active whose workflow is gone or closed (lost by an in-memory server, terminated by an
 * operator) is failed with a clear message.
 */
@Component
class JobReconciler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);
    private static final int BATCH = 50;

    private final JobRepository jobs;
    private final JobService service;
    private final JobWorkflows workflows;
    private final ReconcilerProperties timing;

    JobReconciler(JobRepository jobs, JobService service, JobWorkflows workflows, ReconcilerProperties timing) {
        this.jobs = jobs;
        this.service = service;
        this.workflows = workflows;
        this.timing = timing;
    }

    /** A pass every {@code interval}, the first {@code initial-delay} after start-up. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::reconcile, timing.interval(), timing.initialDelay()));
    }

    void reconcile() {
        try {
            carryOutRecordedCancels();
            reconcilePending();
            reconcileSilentProcessing();
        } catch (RuntimeException e) {
            log.warn("Job reconciliation pass failed; next pass will retry: {}", e.toString());
        }
    }

    /**
     * Every recorded cancel of a job still in flight is (re)sent: cancelling a workflow twice is harmless, and this
     * is what makes a cancel the API accepted while Temporal was down happen once it is back.
     */
    void carryOutRecordedCancels() {
        for (Job job : jobs.cancelRequested(BATCH)) {
            service.carryOutCancel(job);
        }
    }

    void reconcilePending() {
        Instant now = Instant.now();
        for (Job job : jobs.pendingOlderThan(now.minus(timing.pendingGrace()), BATCH)) {
            if (job.cancelRequested()) {
                continue; // never start a cancelled job: carryOutRecordedCancels ends it
            }
            Optional<LiveState> live = workflows.describe(job.workflowId());
            if (live.isPresent()) {
                if (live.get().isClosed() && !live.get().isCompleted()) {
                    jobs.markFailed(job.id(), closedMessage(live.get()));
                }
                continue; // running: its first activity will mark it processing
            }
            if (job.createdAt().isBefore(now.minus(timing.giveUpAfter()))) {
                jobs.markFailed(job.id(), "AI service temporarily unavailable: the job could not be started");
                continue;
            }
            JobRequest request = service.requestFor(job);
            if (request == null) {
                jobs.markFailed(job.id(), "The source asset was deleted before the job could run");
                continue;
            }
            log.info("Starting the workflow of pending job {} that had none", job.id());
            workflows.start(job.type(), request);
        }
    }

    void reconcileSilentProcessing() {
        for (Job job : jobs.processingSilentSince(Instant.now().minus(Duration.ofMinutes(1)), BATCH)) {
            Optional<LiveState> live = workflows.describe(job.workflowId());
            if (live.isEmpty()) {
                jobs.markFailed(job.id(),
                        "The job was lost by the workflow service (it restarted without persistence); retry it");
            } else if (live.get().isClosed() && !live.get().isCompleted()) {
                jobs.markFailed(job.id(), closedMessage(live.get()));
            }
        }
    }

    static String closedMessage(LiveState live) {
        return switch (live.status()) {
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "Terminated by an operator";
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "Processing timed out";
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> JobFailures.CANCELLED_BY_USER;
            default -> "Processing failed";
        };
    }
}
