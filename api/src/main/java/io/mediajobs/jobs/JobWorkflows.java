package io.mediajobs.jobs;

import io.mediajobs.persistence.JobType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Context;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;

import org.springframework.stereotype.Component;

import io.mediajobs.platform.TemporalClientProperties;
import io.mediajobs.platform.TemporalClientTimeouts;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.JobRequest;
import io.mediajobs.workflows.noise.NoiseRemovalWorkflow;
import io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflow;

/**
 * The API's only door to Temporal: start a job's workflow (id = job id), read its live state, cancel it.
 * <p>
 * Each call runs under a gRPC deadline ({@code mediajobs.temporal.call-timeout}, 3 s, or {@code describe-timeout},
 * 2 s), so a user is answered quickly when Temporal is down. The deadline bounds each RPC and every retry loop of the
 * SDK, which otherwise retries an unreachable server for about a minute; {@link TemporalClientTimeouts} keeps the
 * SDK's backoff from carrying a call far past it.
 */
@Component
public class JobWorkflows {

    static final SearchAttributeKey<String> JOB_TYPE = SearchAttributeKey.forKeyword("JobType");
    static final SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("UserId");
    static final SearchAttributeKey<String> PROJECT_ID = SearchAttributeKey.forKeyword("ProjectId");

    /** Cancels a call's gRPC context when its deadline passes (gRPC needs a timer); calls run on the caller's thread. */
    private static final ScheduledExecutorService DEADLINE_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "temporal-call-deadline");
        t.setDaemon(true);
        return t;
    });

    private final WorkflowClient client;
    private final String taskQueue;
    private final String speechTaskQueue;
    private final String noiseTaskQueue;
    private final Duration callTimeout;
    private final Duration describeTimeout;
    private final boolean searchAttributes;

    JobWorkflows(WorkflowClient client, TemporalClientProperties temporal) {
        this.client = client;
        this.taskQueue = temporal.taskQueue();
        this.speechTaskQueue = temporal.speechTaskQueue();
        this.noiseTaskQueue = temporal.noiseTaskQueue();
        this.callTimeout = temporal.callTimeout();
        this.describeTimeout = temporal.describeTimeout();
        // The in-memory test server has no custom search attributes registered; real servers do (temporal-config).
        this.searchAttributes = !temporal.embeddedTestServer();
    }

    /** Runs a Temporal call with the given deadline; past it, the SDK throws its {@code WorkflowServiceException}. */
    private static <T> T within(Duration timeout, Supplier<T> call) {
        Context.CancellableContext deadline = Context.current()
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS, DEADLINE_TIMER);
        Context previous = deadline.attach();
        try {
            return call.get();
        } finally {
            deadline.detachAndCancel(previous, null);
        }
    }

    /**
     * Starts the job's workflow on the workflow task queue, its engine activities bound for the engine's own queue
     * (named in the request: workflow code cannot read configuration). Starting one that already exists is a no-op,
     * which makes this idempotent.
     *
     * @throws io.temporal.client.WorkflowServiceException if Temporal did not accept it within
     *         {@code mediajobs.temporal.call-timeout}; the job stays pending and the reconciler starts it later
     */
    public void start(JobType type, JobRequest request) {
        within(callTimeout, () -> {
            startNow(type, request);
            return null;
        });
    }

    private void startNow(JobType type, JobRequest request) {
        WorkflowOptions.Builder builder = WorkflowOptions.newBuilder()
                .setWorkflowId(request.jobId())
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
        if (searchAttributes) {
            builder.setTypedSearchAttributes(SearchAttributes.newBuilder()
                    .set(JOB_TYPE, type.wireName())
                    .set(USER_ID, request.userId())
                    .set(PROJECT_ID, request.projectId())
                    .build());
        }
        WorkflowOptions options = builder.build();
        JobRequest input = request.withActivityTaskQueue(switch (type) {
            case NOISE_REMOVAL -> noiseTaskQueue;
            case SUBTITLE_GENERATION -> speechTaskQueue;
        });
        try {
            switch (type) {
                case NOISE_REMOVAL -> WorkflowClient.start(
                        client.newWorkflowStub(NoiseRemovalWorkflow.class, options)::removeNoise, input);
                case SUBTITLE_GENERATION -> WorkflowClient.start(
                        client.newWorkflowStub(SubtitleGenerationWorkflow.class, options)::generateSubtitles, input);
            }
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // Started by an earlier attempt (or the reconciler): exactly what we wanted.
        }
    }

    /**
     * Asks the job's workflow to cancel; its engine stops and the workflow records the job as cancelled.
     *
     * @throws WorkflowNotFoundException if the workflow never started or is gone
     * @throws io.temporal.client.WorkflowServiceException if Temporal did not answer within
     *         {@code mediajobs.temporal.call-timeout}
     */
    public void cancel(String jobId) {
        within(callTimeout, () -> {
            client.newUntypedWorkflowStub(jobId).cancel();
            return null;
        });
    }

    /** What Temporal knows right now about a job's execution. */
    public record LiveState(WorkflowExecutionStatus status, Integer activityAttempt, String lastFailure) {

        boolean isClosed() {
            return status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        }

        boolean isCompleted() {
            return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
        }
    }

    /**
     * Only our own failure types carry messages written for users; anything else (stack-level exception text,
     * FFmpeg stderr, host paths) becomes a generic reason.
     */
    static String userFacing(io.temporal.api.failure.v1.Failure failure) {
        String type = failure.hasApplicationFailureInfo() ? failure.getApplicationFailureInfo().getType() : "";
        return JobFailures.USER_FACING_TYPES.contains(type) ? failure.getMessage()
                : "The previous attempt failed; retrying";
    }

    /**
     * What Temporal knows about the job's workflow, within {@code mediajobs.temporal.describe-timeout} (shorter:
     * the status endpoint serves the projection instead).
     *
     * @return empty if the workflow does not exist
     * @throws io.temporal.client.WorkflowServiceException if Temporal did not answer in time
     */
    public Optional<LiveState> describe(String jobId) {
        WorkflowExecutionDescription description;
        try {
            description = within(describeTimeout, () -> client.newUntypedWorkflowStub(jobId).describe());
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        }
        Integer attempt = null;
        String lastFailure = null;
        for (PendingActivityInfo activity : description.getRawDescription().getPendingActivitiesList()) {
            if (activity.getAttempt() > 1) {
                attempt = Math.max(attempt == null ? 0 : attempt, activity.getAttempt());
            }
            if (activity.hasLastFailure()) {
                lastFailure = userFacing(activity.getLastFailure());
            }
        }
        return Optional.of(new LiveState(description.getStatus(), attempt, lastFailure));
    }
}
