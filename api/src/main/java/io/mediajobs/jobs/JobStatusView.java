package io.mediajobs.jobs;

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

    JobStatusView(JobWorkflows workflows) {
        this.workflows = workflows;
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
            Job failed = new Job(job.id(), job.userId(), job.projectId(), job.assetId(), job.type(), JobStatus.FAILED,
                    job.progress(), job.estimatedDuration(), job.outputDataJson(), JobReconciler.closedMessage(state),
                    job.optionsJson(), job.workflowId(), job.attempt(), job.retryOfJobId(), job.createdAt(),
                    job.startedAt(), job.completedAt());
            return JobResponses.JobStatusResponse.of(failed);
        }
        return JobResponses.JobStatusResponse.of(job, state.activityAttempt(), state.lastFailure());
    }
}
