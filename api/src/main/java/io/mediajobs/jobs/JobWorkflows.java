package io.mediajobs.jobs;

import io.mediajobs.persistence.JobType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.JobRequest;
import io.mediajobs.workflows.noise.NoiseRemovalWorkflow;
import io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflow;

/** The API's only door to Temporal: start a job's workflow (id = job id), read its live state, cancel it. */
@Component
public class JobWorkflows {

    static final SearchAttributeKey<String> JOB_TYPE = SearchAttributeKey.forKeyword("JobType");
    static final SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("UserId");
    static final SearchAttributeKey<String> PROJECT_ID = SearchAttributeKey.forKeyword("ProjectId");

    private final WorkflowClient client;
    private final String taskQueue;
    private final Duration describeTimeout;
    private final boolean searchAttributes;
    private final Duration callTimeout;
    /** Bounded: during an outage, hung calls must not pile up threads without limit. */
    private final ThreadPoolExecutor calls = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "temporal-call");
                t.setDaemon(true);
                return t;
            });

    JobWorkflows(WorkflowClient client, @Value("${mediajobs.temporal.task-queue}") String taskQueue,
            @Value("${mediajobs.temporal.describe-timeout:PT2S}") Duration describeTimeout,
            @Value("${mediajobs.temporal.embedded-test-server:false}") boolean embeddedTestServer,
            @Value("${mediajobs.temporal.call-timeout:PT3S}") Duration callTimeout) {
        this.callTimeout = callTimeout;
        calls.allowCoreThreadTimeOut(true);
        this.client = client;
        this.taskQueue = taskQueue;
        this.describeTimeout = describeTimeout;
        // The in-memory test server has no custom search attributes registered; real servers do (temporal-config).
        this.searchAttributes = !embeddedTestServer;
    }

    /**
     * Runs a Temporal call with the request's deadline. The SDK retries an unreachable server for about a minute;
     * a user must not wait that long. On timeout the call goes on in the background (a late start is what the
     * reconciler would do anyway; a late cancel is still what the user asked for) and the caller hears
     * {@link TemporalUnavailableException} now.
     */
    private void withDeadline(Runnable call) {
        Future<?> future;
        try {
            future = calls.submit(call);
        } catch (RejectedExecutionException e) {
            throw new TemporalUnavailableException("too many calls to Temporal are waiting", e);
        }
        try {
            future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TemporalUnavailableException("no answer within " + callTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TemporalUnavailableException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporalUnavailableException("interrupted", e);
        }
    }

    /** Temporal did not answer in time. */
    public static class TemporalUnavailableException extends RuntimeException {
        TemporalUnavailableException(String message, Throwable cause) {
            super("Temporal unavailable: " + message, cause);
        }
    }

    /** Starts the job's workflow; starting one that already exists is a no-op, which makes this idempotent. */
    public void start(JobType type, JobRequest request) {
        withDeadline(() -> startNow(type, request));
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
        try {
            switch (type) {
                case NOISE_REMOVAL -> WorkflowClient.start(
                        client.newWorkflowStub(NoiseRemovalWorkflow.class, options)::removeNoise, request);
                case SUBTITLE_GENERATION -> WorkflowClient.start(
                        client.newWorkflowStub(SubtitleGenerationWorkflow.class, options)::generateSubtitles, request);
            }
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // Started by an earlier attempt (or the reconciler): exactly what we wanted.
        }
    }

    public void cancel(String jobId) {
        withDeadline(() -> client.newUntypedWorkflowStub(jobId).cancel());
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

    /** Describes the workflow with a short deadline; empty if it does not exist. Throws if Temporal is unreachable. */
    public Optional<LiveState> describe(String jobId) {
        DescribeWorkflowExecutionResponse response;
        try {
            response = client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(describeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(jobId))
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        WorkflowExecutionStatus status = response.getWorkflowExecutionInfo().getStatus();
        Integer attempt = null;
        String lastFailure = null;
        for (PendingActivityInfo activity : response.getPendingActivitiesList()) {
            if (activity.getAttempt() > 1) {
                attempt = Math.max(attempt == null ? 0 : attempt, activity.getAttempt());
            }
            if (activity.hasLastFailure()) {
                lastFailure = userFacing(activity.getLastFailure());
            }
        }
        return Optional.of(new LiveState(status, attempt, lastFailure));
    }
}
