package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.WhisperModel;
import io.mediajobs.storage.S3StorageService;
import io.mediajobs.storage.StorageKeys;
import io.mediajobs.storage.StorageService;
import io.mediajobs.support.RealPostgres;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;
import io.mediajobs.support.WorkerJvm;

/**
 * The API and a worker on "separate machines": two JVMs that share only PostgreSQL, Temporal and the S3 bucket
 * (the SeaweedFS {@code ./scripts/test} starts), each with a data dir of its own. The API (this JVM) runs no worker,
 * loads no engine and has no model; the worker JVM runs workflows and both engines. Both job types go through their
 * whole lifecycle, and the worker is killed (SIGKILL) mid-job and replaced: the jobs still complete once, their
 * source read from S3 by the new worker, the result written back to S3 and served by the API, Range included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.temporal.start-workers=false", "server.address=127.0.0.1"})
@ActiveProfiles("it")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SplitRolesS3IT {

    static final String TASK_QUEUE = "media-jobs-split-roles-it-" + UUID.randomUUID();
    static final Path API_DIR = TempDirs.createDeletedOnExit("split-roles-api-");
    static final Path WORKER_DIR = TempDirs.createDeletedOnExit("split-roles-worker-");
    static final Map<String, String> WORKER_ENV = Map.of("STORAGE", "s3");
    static RealPostgres.Connection database;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    StorageService storage;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        database = RealPostgres.newDatabase("split_roles_it");
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.temporal.connection.target", WorkerCrashIT::temporalAddress);
        registry.add("mediajobs.temporal.task-queue", () -> TASK_QUEUE);
        registry.add("mediajobs.data-dir", API_DIR::toString);
        registry.add("mediajobs.storage.root", () -> API_DIR.resolve("uploads").toString());
        registry.add("mediajobs.storage.type", () -> "s3");
        // No model on the API machine: what jobs may ask for is configuration, the workers' offer.
        registry.add("mediajobs.noise.neural-model-dir", () -> "");
        registry.add("mediajobs.noise.algorithms", () -> "mmse,spectral,neural");
        registry.add("mediajobs.speech.model", () -> API_DIR.resolve("no-such-model.bin").toString());
    }

    @Test
    void bothJobTypesCompleteOverS3ThroughAWorkerKilledAndReplacedMidJob() throws IOException {
        assertThat(storage).isInstanceOf(S3StorageService.class);
        assertThat(context.getBeanProvider(NoiseRemovalEngine.class).getIfAvailable()).as("noise engine").isNull();
        assertThat(context.getBeanProvider(WhisperModel.class).getIfAvailable()).as("Whisper model").isNull();
        assertThat(context.getBeanProvider(TranscriptionEngine.class).getIfAvailable()).as("speech engine").isNull();

        TestApi api = TestApi.as(port, "user-" + UUID.randomUUID());
        assertThat(TestApi.anonymous(port).get("/actuator/health").json().at("/components/storage/status").asString())
                .isEqualTo("UP");
        Path media = Files.createDirectories(API_DIR.resolve("media"));
        // 66 s through the neural denoiser: still running when the worker is killed.
        JobsIT.Upload noisy = JobsIT.upload(api, TestMedia.repeatedJfkSpeech(media, 6), "speech.wav");
        JobsIT.Upload speech = JobsIT.upload(api, TestMedia.repeatedJfkSpeech(media, 1), "jfk.wav");
        assertThat(storage.exists(StorageKeys.asset(UUID.fromString(noisy.projectId()),
                UUID.fromString(noisy.assetId()), "wav"))).as("the upload is in the bucket").isTrue();

        try (WorkerJvm first = startWorker("first")) {
            String noiseJob = startJob(api, "noise-removal", noisy, Map.of("algorithm", "neural"));
            String subtitleJob = startJob(api, "subtitle-generation", speech, Map.of());
            JsonNode running = pollUntil(api, noiseJob, Duration.ofMinutes(1),
                    j -> WorkerCrashIT.isFinal(j) || j.at("/progress").asInt() > 0);
            assertThat(running.at("/status").asString()).as("killed mid-job: %s\n%s", running, first.logTail(40))
                    .isEqualTo("processing");
            first.kill();

            try (WorkerJvm second = startWorker("second")) {
                JsonNode cleaned = pollUntil(api, noiseJob, Duration.ofMinutes(2), WorkerCrashIT::isFinal);
                JsonNode subtitled = pollUntil(api, subtitleJob, Duration.ofMinutes(1), WorkerCrashIT::isFinal);
                assertThat(cleaned.at("/status").asString()).as("%s\n%s", cleaned, second.logTail(40))
                        .isEqualTo("completed");
                assertThat(subtitled.at("/status").asString()).as("%s\n%s", subtitled, second.logTail(40))
                        .isEqualTo("completed");

                TestApi.Response srt = api.get("/api/ai/jobs/" + subtitleJob + "/subtitles.srt");
                assertThat(srt.status()).as(srt.toString()).isEqualTo(200);
                assertThat(srt.text().lines().findFirst()).contains("1");
                assertThat(srt.text().toLowerCase()).contains("ask not").contains("what your country can do for you");

                assertResultServedFromTheBucket(api, cleaned);
            }
        }
        // Nothing went through a shared disk: the API's own storage directory was never used.
        assertThat(filesUnder(API_DIR.resolve("uploads"))).isEmpty();
    }

    /** The result asset is in the bucket, downloadable whole and by range, byte for byte what S3 holds. */
    void assertResultServedFromTheBucket(TestApi api, JsonNode job) throws IOException {
        String resultAssetId = job.at("/outputData/resultAssetId").asString();
        JsonNode asset = api.get("/api/assets/" + resultAssetId).json().at("/data/asset");
        String key = asset.at("/storagePath").asString().substring(StorageKeys.publicPath("").length());
        byte[] stored;
        try (InputStream in = storage.open(key, 0)) {
            stored = in.readAllBytes();
        }
        assertThat(stored.length).isEqualTo(asset.at("/sizeBytes").asLong()).isGreaterThan(10_000);

        TestApi.Response whole = api.get("/api/assets/" + resultAssetId + "/content");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(stored);

        TestApi.Response range = api.get("/api/assets/" + resultAssetId + "/content", "Range", "bytes=1000-1999");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + stored.length);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(stored, 1000, 2000));

        TestApi.Response tail = api.get("/api/assets/" + resultAssetId + "/content", "Range", "bytes=-100");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(stored, stored.length - 100, stored.length));
    }

    WorkerJvm startWorker(String name) {
        Path dir = WORKER_DIR.resolve(name + "-" + UUID.randomUUID());
        return WorkerJvm.start(name, new WorkerJvm.Target(database, WorkerCrashIT.temporalAddress(), TASK_QUEUE,
                dir.resolve("uploads")), dir, WORKER_ENV);
    }

    static String startJob(TestApi api, String type, JobsIT.Upload up, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(JobsIT.ids(up));
        body.putAll(options);
        TestApi.Response created = api.post("/api/ai/" + type, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/data/job/jobId").asString();
    }

    static JsonNode pollUntil(TestApi api, String jobId, Duration timeout,
            java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TestApi.Response r = api.get("/api/ai/jobs/" + jobId);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode job = r.json().at("/data/job");
            if (done.test(job) || System.nanoTime() > deadline) {
                return job;
            }
            WorkerCrashIT.pause(250);
        }
    }

    static List<String> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
