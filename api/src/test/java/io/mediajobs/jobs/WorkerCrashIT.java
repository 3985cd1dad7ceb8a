package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.support.RealPostgres;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;
import io.mediajobs.support.WorkerJvm;
import io.mediajobs.workflows.JobOutputData;

/**
 * kill -9 of a worker mid-job. The API here runs no workers; jobs run in a separate worker JVM started from the
 * built jar, which the test kills with SIGKILL (FFmpeg included) while the engine works, then replaces with a fresh
 * one. Temporal notices the silence through the activity's heartbeat timeout and retries it on the new worker:
 * subtitles resume from the last checkpoint the killed worker heartbeated, noise removal starts over, and either
 * job completes exactly once with one result.
 * <p>
 * Its own database and task queue: the other test classes' contexts (still alive in the same JVM) neither see these
 * jobs nor take their tasks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.temporal.start-workers=false", "server.address=127.0.0.1"})
@ActiveProfiles("it")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WorkerCrashIT {

    static final String TASK_QUEUE = "media-jobs-crash-it-" + UUID.randomUUID();
    static final Path DATA_DIR = TempDirs.createDeletedOnExit("worker-crash-it-");
    static final Path STORAGE_ROOT = DATA_DIR.resolve("uploads");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static RealPostgres.Connection database;
    static Path media;

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient temporal;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    final List<WorkerJvm> workers = new ArrayList<>();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        database = RealPostgres.newDatabase("worker_crash_it");
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.temporal.connection.target", WorkerCrashIT::temporalAddress);
        registry.add("mediajobs.temporal.task-queue", () -> TASK_QUEUE);
        registry.add("mediajobs.data-dir", DATA_DIR::toString);
        registry.add("mediajobs.storage.root", STORAGE_ROOT::toString);
    }

    static String temporalAddress() {
        String address = System.getenv("TEMPORAL_ADDRESS");
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("TEMPORAL_ADDRESS is not set: run integration tests through ./scripts/test");
        }
        return address;
    }

    @BeforeAll
    static void generateMedia() {
        media = TempDirs.createDeletedOnExit("worker-crash-it-media-");
    }

    @BeforeEach
    void newUser() {
        api = TestApi.as(port, "user-" + UUID.randomUUID());
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(WorkerJvm::close);
    }

    @Test
    void aSubtitleJobWhoseWorkerIsKilledResumesFromItsCheckpointOnAFreshWorker() {
        // 132 s of real speech: three Whisper windows or more, so there is a checkpoint well before the end.
        JobsIT.Upload up = JobsIT.upload(api, TestMedia.repeatedJfkSpeech(media, 12), "speech.wav");
        startWorker("first");
        String jobId = startJob("subtitle-generation", up, Map.of());
        List<JsonNode> seen = new ArrayList<>();

        JsonNode reported = awaitCheckpoint(jobId, seen);
        workers.get(0).kill();
        pause(1000); // any heartbeat already on the wire lands; from now on the server's record is final
        JsonNode checkpoint = heartbeatDetails(jobId, "TranscribeSpeech").orElseThrow();
        double resumeAt = checkpoint.at("/resumeOffsetSeconds").asDouble();
        assertThat(resumeAt).as("the checkpoint the killed worker reported last (first seen: %s)", reported)
                .isGreaterThanOrEqualTo(reported.at("/resumeOffsetSeconds").asDouble())
                .isLessThan(up.durationSeconds());

        WorkerJvm second = startWorker("second");
        Set<List<String>> decoders = new LinkedHashSet<>();
        JsonNode done = pollUntilFinal(jobId, seen, Duration.ofMinutes(3),
                () -> second.childArguments("s16le", "pipe:1").ifPresent(decoders::add));

        assertThat(done.at("/status").asString()).as("%s\n%s", done, second.logTail(40)).isEqualTo("completed");
        assertThat(done.at("/progress").asInt()).isEqualTo(100);
        assertThat(progressValues(seen)).as("progress never went back").isSorted();
        assertThat(seen).as("the status showed the retry").anyMatch(j -> j.at("/attempt").asInt() == 2);
        // The fresh worker decoded from the checkpoint on, not from the start (the engine's later lanes start
        // later still, at their hand-over).
        assertThat(decoders).as("the second worker's FFmpeg decoder").isNotEmpty()
                .allSatisfy(args -> {
                    int ss = args.indexOf("-ss");
                    assertThat(ss).as("a seek in %s", args).isNotNegative();
                    assertThat(Double.parseDouble(args.get(ss + 1))).isGreaterThanOrEqualTo(resumeAt - 1e-3);
                })
                .anySatisfy(args -> assertThat(Double.parseDouble(args.get(args.indexOf("-ss") + 1)))
                        .isCloseTo(resumeAt, within(1e-3)));
        // Cues: in order, none overlapping, every cue the killed worker checkpointed kept as it was.
        List<JsonNode> cues = new ArrayList<>();
        done.at("/outputData/subtitles").forEach(cues::add);
        assertThat(cues).hasSizeGreaterThan(checkpoint.at("/segments").size());
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).at("/startTime").asDouble())
                    .isGreaterThanOrEqualTo(cues.get(i - 1).at("/endTime").asDouble() - 1e-6);
        }
        assertThat(cues.get(cues.size() - 1).at("/endTime").asDouble()).isGreaterThan(resumeAt);
        List<String> texts = cues.stream().map(c -> c.at("/text").asString()).toList();
        List<String> checkpointed = new ArrayList<>();
        checkpoint.at("/segments").forEach(s -> checkpointed.add(s.at("/text").asString()));
        assertThat(texts).containsSubsequence(checkpointed);
        assertThat(String.join(" ", texts).toLowerCase()).contains("ask not what your country can do for you");
        // Exactly once: one transcription completed (its 2nd attempt) and one workflow completion.
        assertCompletedOnceOnSecondAttempt(jobId, "TranscribeSpeech");
        assertThat(attemptColumn(jobId)).isEqualTo(2);
    }

    @Test
    void aNoiseRemovalJobWhoseWorkerIsKilledCompletesOnceWithOneResultAndNoStrayFiles() {
        // 66 s through the neural denoiser (several seconds of work on two cores): long enough to be killed mid-way.
        JobsIT.Upload up = JobsIT.upload(api, TestMedia.repeatedJfkSpeech(media, 6), "speech.wav");
        startWorker("first");
        String jobId = startJob("noise-removal", up, Map.of("algorithm", "neural"));
        List<JsonNode> seen = new ArrayList<>();

        JsonNode running = pollUntil(jobId, seen, Duration.ofMinutes(2),
                j -> isFinal(j) || j.at("/progress").asInt() > 0, () -> { });
        assertThat(running.at("/status").asString()).as("killed mid-job, not after: %s", running)
                .isEqualTo("processing");
        workers.get(0).kill();
        WorkerJvm second = startWorker("second");
        JsonNode done = pollUntilFinal(jobId, seen, Duration.ofMinutes(3), () -> { });

        assertThat(done.at("/status").asString()).as("%s\n%s", done, second.logTail(40)).isEqualTo("completed");
        assertThat(progressValues(seen)).as("progress never went back").isSorted();
        String resultAssetId = done.at("/outputData/resultAssetId").asString();
        List<JsonNode> assets = new ArrayList<>();
        api.get("/api/projects/" + up.projectId() + "/assets").json().at("/data/assets").forEach(assets::add);
        assertThat(assets).filteredOn(a -> jobId.equals(a.at("/sourceJobId").asString()))
                .as("result assets of the job").singleElement()
                .satisfies(a -> assertThat(a.at("/assetId").asString()).isEqualTo(resultAssetId));
        assertThat(assets).hasSize(2); // the upload and the one result
        // Storage holds exactly the two assets' files: no partial output, no temp file of the killed attempt.
        assertThat(filesUnder(STORAGE_ROOT.resolve(up.projectId())))
                .containsExactlyInAnyOrder(up.assetId() + ".wav", resultAssetId + ".mp3");
        assertThat(filesUnder(STORAGE_ROOT.resolve("incoming"))).as("uploads being probed").isEmpty();
        assertCompletedOnceOnSecondAttempt(jobId, "RemoveNoise");
        assertCompletedOnce(jobId, "StoreResultAsset");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    WorkerJvm startWorker(String name) {
        WorkerJvm worker = WorkerJvm.start(name, new WorkerJvm.Target(database, temporalAddress(), TASK_QUEUE,
                STORAGE_ROOT), DATA_DIR.resolve("worker-" + name + "-" + UUID.randomUUID()));
        workers.add(worker);
        return worker;
    }

    String startJob(String type, JobsIT.Upload up, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(JobsIT.ids(up));
        body.putAll(options);
        TestApi.Response created = api.post("/api/ai/" + type, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/data/job/jobId").asString();
    }

    /** Polls until the engine activity heartbeats a checkpoint with a resume offset past 0; returns that checkpoint. */
    JsonNode awaitCheckpoint(String jobId, List<JsonNode> seen) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = status(jobId);
            seen.add(job);
            if (isFinal(job)) {
                fail("The job ended before its first checkpoint could be seen (too fast a machine for 132 s?): " + job);
            }
            Optional<JsonNode> details = heartbeatDetails(jobId, "TranscribeSpeech");
            if (details.isPresent() && details.get().at("/resumeOffsetSeconds").asDouble() > 0) {
                return details.get();
            }
            pause(200);
        }
        throw new AssertionError("No checkpoint within 2 minutes; last status " + seen.get(seen.size() - 1) + "\n"
                + workers.get(0).logTail(40));
    }

    /**
     * The checkpoint the engine activity last heartbeated, as the Temporal server has it (heartbeat details are
     * always {@code {fraction, checkpoint}}; empty before the first checkpoint).
     */
    Optional<JsonNode> heartbeatDetails(String jobId, String activityType) {
        WorkflowExecutionDescription description = temporal.newUntypedWorkflowStub(jobId).describe();
        for (PendingActivityInfo activity : description.getRawDescription().getPendingActivitiesList()) {
            if (activity.getActivityType().getName().equals(activityType) && activity.hasHeartbeatDetails()
                    && activity.getHeartbeatDetails().getPayloadsCount() > 0) {
                JsonNode checkpoint = JSON.readTree(activity.getHeartbeatDetails().getPayloads(0).getData()
                        .toStringUtf8()).path("checkpoint");
                return checkpoint.isObject() ? Optional.of(checkpoint) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    JsonNode pollUntilFinal(String jobId, List<JsonNode> seen, Duration timeout, Runnable eachPoll) {
        return pollUntil(jobId, seen, timeout, WorkerCrashIT::isFinal, eachPoll);
    }

    JsonNode pollUntil(String jobId, List<JsonNode> seen, Duration timeout,
            java.util.function.Predicate<JsonNode> done, Runnable eachPoll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            eachPoll.run();
            JsonNode job = status(jobId);
            seen.add(job);
            if (done.test(job) || System.nanoTime() > deadline) {
                return job;
            }
            pause(250);
        }
    }

    JsonNode status(String jobId) {
        TestApi.Response r = api.get("/api/ai/jobs/" + jobId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().at("/data/job");
    }

    static boolean isFinal(JsonNode job) {
        String s = job.at("/status").asString();
        return s.equals("completed") || s.equals("failed");
    }

    static List<Integer> progressValues(List<JsonNode> seen) {
        return seen.stream().map(j -> j.at("/progress").asInt()).toList();
    }

    /** The activity completed once in the workflow's history, on its second attempt (the first died with its worker). */
    void assertCompletedOnceOnSecondAttempt(String jobId, String activityType) {
        List<HistoryEvent> events = closedHistory(jobId);
        Map<Long, String> scheduled = new HashMap<>();
        List<Integer> startedAttempts = new ArrayList<>();
        for (HistoryEvent e : events) {
            if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                    && activityType.equals(scheduled.get(e.getActivityTaskStartedEventAttributes().getScheduledEventId()))) {
                startedAttempts.add(e.getActivityTaskStartedEventAttributes().getAttempt());
            }
        }
        assertThat(startedAttempts).as("attempts of %s that reached the history", activityType).containsExactly(2);
        assertCompletedOnce(jobId, activityType);
        assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                .hasSize(1);
    }

    void assertCompletedOnce(String jobId, String activityType) {
        List<HistoryEvent> events = closedHistory(jobId);
        Map<Long, String> scheduled = new HashMap<>();
        int completed = 0;
        for (HistoryEvent e : events) {
            if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED && activityType.equals(
                    scheduled.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
                completed++;
            }
        }
        assertThat(completed).as("completions of %s", activityType).isEqualTo(1);
    }

    /**
     * The workflow's history once it has closed: the job row says completed a moment before the workflow does (the
     * projection is written by the workflow's last step).
     */
    List<HistoryEvent> closedHistory(String jobId) {
        try {
            temporal.newUntypedWorkflowStub(jobId).getResult(30, TimeUnit.SECONDS, JobOutputData.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("The workflow of job " + jobId + " did not close within 30 s", e);
        }
        return temporal.fetchHistory(jobId).getEvents();
    }

    int attemptColumn(String jobId) {
        return jdbc.sql("SELECT attempt FROM jobs WHERE id = ?").param(UUID.fromString(jobId)).query(Integer.class)
                .single();
    }

    /** Every regular file under {@code dir}, relative to it ("" for none). */
    static List<String> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
