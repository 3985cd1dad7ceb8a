package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobWorkflows.LiveState;

/**
 * The status endpoint's view: the projection, merged with what Temporal says right now only when that can add
 * something — a retrying activity shows its attempt and reason, and a workflow an operator terminated shows as
 * failed. A running engine rewrites its row at least every 2 s, so a row fresher than
 * {@code mediajobs.status.fresh-for} (3 s) on a first attempt is the whole truth and is served as is: a poll of a
 * healthy running job costs what a finished job's does. Otherwise (a pending job, an engine that went quiet —
 * failed, crashed, between attempts — or a 2nd+ attempt, whose reason only Temporal has) the live state comes from
 * {@link JobLiveStates}: at most one describe call per job every couple of seconds. So a retry shows within
 * fresh-for + the cache's lifetime (5 s). If Temporal does not answer quickly, the projection alone is served.
 */
@Component
class JobStatusView {

    private final JobLiveStates liveStates;
    private final JobRepository jobs;
    private final Duration freshFor;
    private final Clock clock;

    @Autowired
    JobStatusView(JobLiveStates liveStates, JobRepository jobs, StatusProperties status) {
        this(liveStates, jobs, status, Clock.systemUTC());
    }

    JobStatusView(JobLiveStates liveStates, JobRepository jobs, StatusProperties status, Clock clock) {
        this.liveStates = liveStates;
        this.jobs = jobs;
        this.freshFor = status.freshFor();
        this.clock = clock;
    }

    JobResponses.JobStatusResponse live(Job job) {
        if (!needsLiveState(job, clock.instant())) {
            return JobResponses.JobStatusResponse.of(job);
        }
        Optional<LiveState> live = liveStates.get(job.workflowId());
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

    /**
     * The staleness rule: Temporal can add something to a job in flight whose row its engine has not written
     * within {@code freshFor} (or whose last write is unknown), or that is on a 2nd+ attempt (the retry's reason is
     * not in the row). A finished job's row is final.
     */
    boolean needsLiveState(Job job, Instant now) {
        if (job.status().isFinal()) {
            return false;
        }
        return job.attempt() > 1 || job.updatedAt() == null || job.updatedAt().plus(freshFor).isBefore(now);
    }
}
