package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobWorkflows.LiveState;

/**
 * The status endpoint's view: the projection, merged with what Temporal says right now for a job still in
 * flight — a retrying activity shows its attempt and reason, and a workflow an operator terminated shows as
 * failed. If Temporal does not answer quickly, the projection alone is served.
 */
@Component
class JobStatusView {

    private static final Logger log = LoggerFactory.getLogger(JobStatusView.class);

    private final JobWorkflows workflows;
    private final JobRepository jobs;

    JobStatusView(JobWorkflows workflows, JobRepository jobs) {
        this.workflows = workflows;
        this.jobs = jobs;
    }

    JobResponses.JobStatusResponse live(Job job) {
        if (job.status().isFinal()) {
            return JobResponses.JobStatusResponse.of(job);
        }
        Optional<LiveState> live;
        try {
            live = workflows.describe(job.workflowId());
        } catch (RuntimeException e) {
            log.debug("Temporal unavailable for job {}; serving the projection", job.id(), e);
            return JobResponses.JobStatusResponse.of(job);
        }
        if (live.isEmpty()) {
            return JobResponses.JobStatusResponse.of(job);
        }
        LiveState state = live.get();
        if (state.isClosed() && !state.isCompleted()) {
            // The workflow ended without recording it (terminated by an operator, or its last write was lost):
            // record it now rather than waiting for the reconciler, and serve the repaired row.
            jobs.markFailed(job.id(), JobReconciler.closedMessage(state));
            return JobResponses.JobStatusResponse.of(jobs.findOwned(job.id(), job.userId()).orElse(job));
        }
        return JobResponses.JobStatusResponse.of(job, state.activityAttempt(), state.lastFailure());
    }
}
