package io.mediajobs.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

import io.mediajobs.workflows.noise.NoiseRemovalWorkflowImpl;
import io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflowImpl;

/**
 * {@code scripts/replay <jobId>}: fetches a job's workflow history from Temporal and replays it against the workflow
 * code of this build, so an operator learns before (or after) an upgrade whether running and failed jobs still fit
 * the code: a non-deterministic change would make their workflows fail on the next task. Also takes a history file
 * downloaded from the Temporal Web UI ({@code scripts/replay history.json}).
 * <p>
 * Connects like the application: {@code TEMPORAL_ADDRESS} (default {@code 127.0.0.1:7233}) and
 * {@code TEMPORAL_NAMESPACE} ({@code default}). Prints one line; exit status 0 = replays cleanly, 1 = it does not
 * (the SDK's determinism error follows), 2 = no such workflow, Temporal unreachable, or bad usage. Runs without
 * Spring, from the application jar ({@code java -cp media-jobs.jar -Dloader.main=io.mediajobs.jobs.JobReplay
 * org.springframework.boot.loader.launch.PropertiesLauncher <jobId>}).
 */
public final class JobReplay {

    /** Every workflow implementation the workflows worker registers (application.yml; a test keeps them equal). */
    static final List<Class<?>> WORKFLOW_IMPLEMENTATIONS =
            List.of(NoiseRemovalWorkflowImpl.class, SubtitleGenerationWorkflowImpl.class);

    /**
     * A cold JVM loads the workflow code's classes from the nested jar while replaying; on a busy machine that takes
     * longer than the SDK's 1 s deadlock detection, which would report a healthy history as broken.
     */
    private static final long REPLAY_DEADLOCK_TIMEOUT_MS = 60_000;

    static final int OK = 0;
    static final int NOT_DETERMINISTIC = 1;
    static final int UNUSABLE = 2;

    private JobReplay() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: scripts/replay <jobId | history.json>");
            System.exit(UNUSABLE);
        }
        String address = orDefault(System.getenv("TEMPORAL_ADDRESS"), "127.0.0.1:7233");
        String namespace = orDefault(System.getenv("TEMPORAL_NAMESPACE"), "default");
        System.exit(run(args[0], address, namespace, System.out));
    }

    /**
     * Replays the job's history (a job id, or the path of a history JSON file) and prints the outcome to {@code out}.
     *
     * @return {@link #OK}, {@link #NOT_DETERMINISTIC} or {@link #UNUSABLE}
     */
    static int run(String jobIdOrFile, String address, String namespace, PrintStream out) {
        WorkflowExecutionHistory history;
        String source;
        try {
            Path file = Path.of(jobIdOrFile);
            if (jobIdOrFile.endsWith(".json") && Files.isRegularFile(file)) {
                history = WorkflowExecutionHistory.fromJson(Files.readString(file));
                source = file.toString();
            } else {
                history = fetch(jobIdOrFile, address, namespace);
                source = "job " + jobIdOrFile;
            }
        } catch (IOException | RuntimeException e) {
            out.println("CANNOT REPLAY " + jobIdOrFile + ": " + e.getMessage());
            return UNUSABLE;
        }
        return replay(history, source, out);
    }

    /** Replays one history against {@link #WORKFLOW_IMPLEMENTATIONS}; the SDK's full error goes to stderr. */
    static int replay(WorkflowExecutionHistory history, String source, PrintStream out) {
        String type = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType()
                .getName();
        String what = source + " (" + type + ", " + history.getEvents().size() + " events)";
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
            Worker worker = environment.newWorker("replay", WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(REPLAY_DEADLOCK_TIMEOUT_MS).build());
            worker.registerWorkflowImplementationTypes(WORKFLOW_IMPLEMENTATIONS.toArray(Class<?>[]::new));
            worker.replayWorkflowExecution(history);
        } catch (Exception e) {
            out.println("NOT DETERMINISTIC " + what + ": this build's workflow code does not replay it: "
                    + summary(e.getMessage()));
            System.err.println(e.getMessage());
            return NOT_DETERMINISTIC;
        }
        out.println("OK " + what + " replays against this build");
        return OK;
    }

    /**
     * The SDK's own explanation of a replay failure, on one line: from its first error code (e.g. {@code [TMPRL1100]}
     * for a command that does not match the history) to the stack trace; else the message's first line.
     */
    static String summary(String message) {
        if (message == null) {
            return "(no message)";
        }
        int code = message.indexOf("[TMPRL");
        if (code < 0) {
            return message.lines().findFirst().orElse("");
        }
        String explanation = message.substring(code);
        int stack = explanation.indexOf("\tat ");
        explanation = (stack < 0 ? explanation : explanation.substring(0, stack)).replaceAll("\\s+", " ").strip();
        return explanation.length() <= 600 ? explanation : explanation.substring(0, 600) + "...";
    }

    private static WorkflowExecutionHistory fetch(String workflowId, String address, String namespace) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(service,
                    WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
            return client.fetchHistory(workflowId);
        } finally {
            service.shutdownNow();
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
