package io.mediajobs.jobs;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.mediajobs.jobs.JobWorkflows.LiveState;

/**
 * Temporal's live state of jobs, read at most once per job per {@code mediajobs.status.live-cache-ttl} (2 s) with
 * one describe call in flight per job: while it runs, every other poll of that job waits for its answer instead of
 * asking again. The call runs on the thread of the poll that started it (bounded by
 * {@code mediajobs.temporal.describe-timeout}); an unreachable Temporal is remembered for the same time for
 * <em>every</em> job, so during an outage polls are served from the projection at once instead of each job's first
 * poll waiting out the timeout (and holding one of the API's few concurrent call slots while it does).
 */
@Component
class JobLiveStates {

    private static final Logger log = LoggerFactory.getLogger(JobLiveStates.class);

    private final JobWorkflows workflows;
    private final AsyncCache<String, Optional<LiveState>> cache;
    private final long unavailableForNanos;
    /** {@link System#nanoTime()} until which Temporal counts as unreachable; 0 = reachable as far as we know. */
    private volatile long unavailableUntil;

    JobLiveStates(JobWorkflows workflows, StatusProperties status) {
        this.workflows = workflows;
        this.unavailableForNanos = status.liveCacheTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(status.liveCacheTtl())
                .maximumSize(100_000)
                .buildAsync();
    }

    /**
     * The workflow's live state, from the cache or one describe call shared by all concurrent callers.
     *
     * @return empty when the workflow does not exist or Temporal did not answer in time (serve the projection)
     */
    Optional<LiveState> get(String workflowId) {
        long until = unavailableUntil;
        if (until != 0 && System.nanoTime() - until < 0) {
            return Optional.empty();
        }
        CompletableFuture<Optional<LiveState>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<LiveState>> shared = cache.get(workflowId, (id, executor) -> mine);
        if (shared == mine) {
            // Outside the cache's lock: other jobs' polls are not held up while this one asks Temporal.
            try {
                mine.complete(describe(workflowId));
            } catch (Throwable t) {
                mine.completeExceptionally(t); // never leave the waiters waiting
                throw t;
            }
        }
        return shared.join();
    }

    private Optional<LiveState> describe(String workflowId) {
        log.debug("Reading the live state of workflow {}", workflowId);
        try {
            Optional<LiveState> state = workflows.describe(workflowId);
            unavailableUntil = 0;
            return state;
        } catch (RuntimeException e) {
            unavailableUntil = System.nanoTime() + unavailableForNanos;
            log.debug("Temporal unavailable for workflow {}; serving the projection", workflowId, e);
            return Optional.empty();
        }
    }
}
