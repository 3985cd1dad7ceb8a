package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.AudioLevels;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * The customer's jobs API end to end: real HTTP, real PostgreSQL, the Temporal dev server, FFmpeg and Whisper.
 */
class JobsIT extends IntegrationTest {

    static final String SENTENCE = "The quick brown fox jumps over the lazy dog. "
            + "Please remember to bring the blue notebook to the meeting tomorrow morning.";

    static Path media;
    static Path noisySpeechMp4;
    static Path noisySpeechWav;
    static Path silentVideo;
    static Path longSpeechWav;

    @BeforeAll
    static void generateMedia() {
        media = TempDirs.createDeletedOnExit("jobs-it-media-");
        noisySpeechMp4 = TestMedia.speechMp4(media, SENTENCE, 0.03);
        noisySpeechWav = TestMedia.noisySpeechWav(media, SENTENCE, 0.05, 16000);
        silentVideo = TestMedia.mp4WithoutAudio(media, 2);
        // ~4 minutes of speech: long enough to watch progress rise several times and to cancel mid-way.
        longSpeechWav = TestMedia.noisySpeechWav(media, (SENTENCE + " ").repeat(28), 0.02, 16000);
    }

    // ---- the lifecycle ---------------------------------------------------------------------------------------

    @Test
    void subtitleJobOnAVideoGoesPendingProcessingCompletedWithTheSpokenWords() {
        Upload up = upload(api, noisySpeechMp4, "interview.mp4");

        TestApi.Response created = api.post("/api/ai/subtitle-generation", ids(up));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json().at("/data/job");
        assertThat(job.at("/status").asString()).isEqualTo("pending");
        assertThat(job.at("/progress").asInt()).isZero();
        assertThat(job.at("/type").asString()).isEqualTo("subtitle-generation");
        assertThat(job.at("/estimatedDuration").asInt()).isPositive();
        assertThat(job.has("startedAt")).isFalse();
        assertThat(job.has("outputData")).isFalse();
        assertThat(created.text()).doesNotContain("null");

        Polled polled = pollUntilFinal(api, job.at("/jobId").asString(), Duration.ofMinutes(3));
        JsonNode done = polled.last();
        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.at("/progress").asInt()).isEqualTo(100);
        assertThat(done.has("startedAt")).isTrue();
        assertThat(done.has("completedAt")).isTrue();
        assertThat(polled.statuses()).contains("processing");
        assertThat(polled.progressNeverDecreased()).isTrue();

        JsonNode subtitles = done.at("/outputData/subtitles");
        StringBuilder text = new StringBuilder();
        double previousEnd = 0;
        for (JsonNode cue : subtitles) {
            double start = cue.at("/startTime").asDouble();
            double end = cue.at("/endTime").asDouble();
            assertThat(start).isGreaterThanOrEqualTo(previousEnd - 1e-6);
            assertThat(end).isGreaterThan(start);
            assertThat(end).isLessThanOrEqualTo(up.durationSeconds() + 0.5);
            previousEnd = end;
            text.append(cue.at("/text").asString()).append(' ');
        }
        // tiny.en on noisy synthetic speech: most words, not every one ("brown fox" is often misheard).
        assertThat(text.toString().toLowerCase()).contains("quick", "remember", "notebook", "meeting", "tomorrow");

        TestApi.Response srt = api.get("/api/ai/jobs/" + job.at("/jobId").asString() + "/subtitles.srt");
        assertThat(srt.status()).isEqualTo(200);
        assertThat(srt.header("Content-Type")).startsWith("application/x-subrip");
        assertThat(srt.text()).startsWith("1\r\n").contains(" --> ").containsIgnoringCase("notebook");
        TestApi.Response vtt = api.get("/api/ai/jobs/" + job.at("/jobId").asString() + "/subtitles.vtt");
        assertThat(vtt.header("Content-Type")).startsWith("text/vtt");
        assertThat(vtt.text()).startsWith("WEBVTT");

        // extensions: the English-only test model decodes English (not detected: no probability), words are timed
        assertThat(done.at("/outputData/language").asString()).isEqualTo("en");
        assertThat(done.at("/outputData").has("languageProbability")).isFalse();
        assertThat(done.at("/outputData/model").asString()).isNotBlank();
        for (JsonNode cue : subtitles) {
            assertThat(cue.at("/words").size()).as(cue.toString()).isPositive();
        }
        TestApi.Response txt = api.get("/api/ai/jobs/" + job.at("/jobId").asString() + "/subtitles.txt");
        assertThat(txt.header("Content-Type")).startsWith("text/plain");
        assertThat(txt.text().lines().count()).isEqualTo(subtitles.size());
        TestApi.Response json = api.get("/api/ai/jobs/" + job.at("/jobId").asString() + "/subtitles.json");
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().at("/language").asString()).isEqualTo("en");
        assertThat(json.json().at("/segments")).isEqualTo(subtitles);
    }

    @Test
    void noiseRemovalCreatesACleanerAudioAssetInTheProject() throws Exception {
        Upload up = upload(api, noisySpeechWav, "noisy.wav");

        TestApi.Response created = api.post("/api/ai/noise-removal", ids(up));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String jobId = created.json().at("/data/job/jobId").asString();

        JsonNode done = pollUntilFinal(api, jobId, Duration.ofMinutes(2)).last();
        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");
        String resultAssetId = done.at("/outputData/resultAssetId").asString();
        String resultPath = done.at("/outputData/resultAssetPath").asString();
        assertThat(resultPath).isEqualTo("/uploads/" + up.projectId() + "/" + resultAssetId + ".mp3");

        JsonNode asset = api.get("/api/assets/" + resultAssetId).json().at("/data/asset");
        assertThat(asset.at("/projectId").asString()).isEqualTo(up.projectId());
        assertThat(asset.at("/kind").asString()).isEqualTo("audio");
        assertThat(asset.at("/durationSeconds").asDouble()).isCloseTo(up.durationSeconds(),
                org.assertj.core.data.Offset.offset(0.1));

        TestApi.Response content = api.get("/api/assets/" + resultAssetId + "/content");
        assertThat(content.status()).isEqualTo(200);
        Path cleaned = media.resolve("cleaned-" + UUID.randomUUID() + ".mp3");
        Files.write(cleaned, content.bytes());
        double noiseBefore = AudioLevels.noiseFloorDb(noisySpeechWav);
        double noiseAfter = AudioLevels.noiseFloorDb(cleaned);
        assertThat(noiseBefore - noiseAfter).as("noise floor drop in dB (before %.1f, after %.1f)", noiseBefore,
                noiseAfter).isGreaterThan(6);
        assertThat(AudioLevels.speechLevelDb(cleaned)).as("speech kept")
                .isGreaterThan(AudioLevels.speechLevelDb(noisySpeechWav) - 6);
    }

    // ---- errors, in the spec's words ------------------------------------------------------------------------

    @Test
    void missingIdsAreA400WithTheSpecMessage() {
        for (Object body : List.of(Map.of(), Map.of("assetId", UUID.randomUUID().toString()),
                Map.of("projectId", UUID.randomUUID().toString()), Map.of("assetId", "", "projectId", ""))) {
            TestApi.Response r = api.post("/api/ai/noise-removal", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"success\":false,\"message\":\"Asset ID and Project ID are required\"}");
        }
        assertThat(api.post("/api/ai/subtitle-generation", "").json().at("/message").asString())
                .isIn("Asset ID and Project ID are required", "Request body is missing or is not valid JSON");
    }

    @Test
    void malformedIdsAreA400() {
        TestApi.Response r = api.post("/api/ai/subtitle-generation",
                Map.of("assetId", "not-a-uuid", "projectId", UUID.randomUUID().toString()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/message").asString()).contains("valid UUID");
        assertThat(api.get("/api/ai/jobs/nope").status()).isEqualTo(400);
        assertThat(api.get("/api/ai/jobs?projectId=nope").status()).isEqualTo(400);
    }

    @Test
    void unknownOrForeignOrMisplacedAssetIsSourceAssetNotFound() {
        Upload mine = upload(api, noisySpeechWav, "a.wav");
        TestApi other = asNewUser();
        Upload theirs = upload(other, noisySpeechWav, "b.wav");
        String otherProjectOfMine = createProject(api, "second");

        for (Map<String, String> body : List.of(
                Map.of("assetId", UUID.randomUUID().toString(), "projectId", mine.projectId()),
                Map.of("assetId", theirs.assetId(), "projectId", theirs.projectId()),
                Map.of("assetId", mine.assetId(), "projectId", otherProjectOfMine))) {
            TestApi.Response r = api.post("/api/ai/noise-removal", body);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).isEqualTo("{\"success\":false,\"message\":\"Source asset not found\"}");
        }
    }

    @Test
    void assetWithoutAudioIsRefusedBeforeAnyJobStarts() {
        Upload video = upload(api, silentVideo, "silent.mp4");
        TestApi.Response noise = api.post("/api/ai/noise-removal", ids(video));
        assertThat(noise.status()).isEqualTo(400);
        assertThat(noise.json().at("/message").asString()).isEqualTo("Cannot remove noise from assets without audio");
        TestApi.Response subs = api.post("/api/ai/subtitle-generation", ids(video));
        assertThat(subs.status()).isEqualTo(400);
        assertThat(subs.json().at("/message").asString()).isEqualTo("Cannot generate subtitles for assets without audio");
        assertThat(api.get("/api/ai/jobs").json().at("/data/jobs").size()).isZero();
    }

    @Test
    void noiseOptionsAreNormalisedAndHonoured() {
        Upload up = upload(api, noisySpeechWav, "noisy.wav");
        Map<String, Object> body = new java.util.HashMap<>(ids(up));
        body.put("outputFormat", "WAV");
        body.put("strength", " High ");
        body.put("normalizeLoudness", true);
        TestApi.Response created = api.post("/api/ai/noise-removal", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode done = pollUntilFinal(api, created.json().at("/data/job/jobId").asString(), Duration.ofMinutes(2))
                .last();
        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.at("/outputData/resultAssetPath").asString()).endsWith(".wav");
        JsonNode asset = api.get("/api/assets/" + done.at("/outputData/resultAssetId").asString()).json()
                .at("/data/asset");
        assertThat(asset.at("/contentType").asString()).isEqualTo("audio/wav");
        assertThat(asset.at("/fileName").asString()).isEqualTo("noisy-cleaned.wav");
    }

    @Test
    void invalidNoiseOptionsAreA400NamingTheAllowedValues() {
        Upload up = upload(api, noisySpeechWav, "a.wav");
        Map<String, Object> body = new java.util.HashMap<>(ids(up));
        body.put("algorithm", "magic");
        TestApi.Response r = api.post("/api/ai/noise-removal", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/message").asString()).contains("algorithm").contains("magic");
    }

    // ---- reading jobs -----------------------------------------------------------------------------------------

    @Test
    void statusOfUnknownOrForeignJobIs404AndForeignJobsAreInvisibleEverywhere() {
        Upload up = upload(api, noisySpeechWav, "a.wav");
        String jobId = api.post("/api/ai/noise-removal", ids(up)).json().at("/data/job/jobId").asString();
        TestApi intruder = asNewUser();

        assertThat(api.get("/api/ai/jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(intruder.get("/api/ai/jobs/" + jobId).status()).isEqualTo(404);
        assertThat(intruder.get("/api/ai/jobs/" + jobId).json().at("/message").asString()).isEqualTo("Job not found");
        assertThat(intruder.postEmpty("/api/ai/jobs/" + jobId + "/cancel").status()).isEqualTo(404);
        assertThat(intruder.postEmpty("/api/ai/jobs/" + jobId + "/retry").status()).isEqualTo(404);
        assertThat(intruder.get("/api/ai/jobs/" + jobId + "/subtitles.srt").status()).isEqualTo(404);
        assertThat(intruder.get("/api/ai/jobs").json().at("/data/jobs").size()).isZero();
        assertThat(intruder.get("/api/ai/jobs?projectId=" + up.projectId()).json().at("/data/jobs").size()).isZero();
        pollUntilFinal(api, jobId, Duration.ofMinutes(2));
    }

    @Test
    void listFiltersByProjectStatusAndTypeNewestFirst() {
        Upload a = upload(api, noisySpeechWav, "a.wav");
        Upload b = upload(api, noisySpeechWav, "b.wav");
        String noiseA = api.post("/api/ai/noise-removal", ids(a)).json().at("/data/job/jobId").asString();
        String subsB = api.post("/api/ai/subtitle-generation", ids(b)).json().at("/data/job/jobId").asString();
        pollUntilFinal(api, noiseA, Duration.ofMinutes(2));
        pollUntilFinal(api, subsB, Duration.ofMinutes(3));
        String noiseB = api.post("/api/ai/noise-removal", ids(b)).json().at("/data/job/jobId").asString();

        assertThat(jobIds("/api/ai/jobs")).containsExactly(noiseB, subsB, noiseA);
        assertThat(jobIds("/api/ai/jobs?projectId=" + a.projectId())).containsExactly(noiseA);
        assertThat(jobIds("/api/ai/jobs?type=subtitle-generation")).containsExactly(subsB);
        assertThat(jobIds("/api/ai/jobs?type=noise-removal")).containsExactly(noiseB, noiseA);
        assertThat(jobIds("/api/ai/jobs?status=completed")).containsExactly(subsB, noiseA);
        assertThat(jobIds("/api/ai/jobs?projectId=" + b.projectId() + "&status=completed")).containsExactly(subsB);
        assertThat(jobIds("/api/ai/jobs?limit=1")).containsExactly(noiseB);
        String next = api.get("/api/ai/jobs?limit=2").json().at("/data/nextCursor").asString();
        assertThat(jobIds("/api/ai/jobs?limit=2&cursor=" + next)).containsExactly(noiseA);
        assertThat(api.get("/api/ai/jobs?limit=5").json().at("/data").has("nextCursor")).isFalse();
        assertThat(api.get("/api/ai/jobs?cursor=bogus").status()).isEqualTo(400);
        String farFuture = java.util.Base64.getUrlEncoder().encodeToString(
                ("+1000000-01-01T00:00:00Z|" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(api.get("/api/ai/jobs?cursor=" + farFuture).status()).isEqualTo(400);

        JsonNode listed = api.get("/api/ai/jobs?status=completed&type=noise-removal").json().at("/data/jobs/0");
        assertThat(listed.at("/projectId").asString()).isEqualTo(a.projectId());
        assertThat(listed.at("/assetId").asString()).isEqualTo(a.assetId());
        assertThat(listed.at("/outputData/resultAssetId").isString()).isTrue();
        assertThat(listed.has("completedAt")).isTrue();

        assertThat(api.get("/api/ai/jobs?status=done").status()).isEqualTo(400);
        assertThat(api.get("/api/ai/jobs?type=transcode").status()).isEqualTo(400);
        assertThat(api.get("/api/ai/jobs?limit=0").status()).isEqualTo(400);
        pollUntilFinal(api, noiseB, Duration.ofMinutes(2));
    }

    // ---- extensions: cancel, retry, idempotency, the per-user limit -----------------------------------------

    @Test
    void cancelStopsARunningJobWithin5SecondsAndRetryStartsALinkedJob() {
        Upload up = upload(api, longSpeechWav, "long.wav");
        String jobId = api.post("/api/ai/subtitle-generation", ids(up)).json().at("/data/job/jobId").asString();
        Polled running = pollUntil(api, jobId, Duration.ofMinutes(2),
                j -> j.at("/status").asString().equals("processing") && j.at("/progress").asInt() >= 50);
        assertThat(running.last().at("/status").asString()).isEqualTo("processing");
        assertThat(running.distinctProgressValues()).as("progress rose several times while polling").hasSizeGreaterThan(3);
        assertThat(running.progressNeverDecreased()).isTrue();

        long cancelledAt = System.nanoTime();
        TestApi.Response cancel = api.postEmpty("/api/ai/jobs/" + jobId + "/cancel");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        assertThat(cancel.json().at("/data/job/cancelRequested").asBoolean()).isTrue();
        JsonNode ended = pollUntilFinal(api, jobId, Duration.ofSeconds(5)).last();
        double seconds = (System.nanoTime() - cancelledAt) / 1e9;
        assertThat(ended.at("/status").asString()).as("after %.1f s: %s", seconds, ended).isEqualTo("failed");
        assertThat(ended.at("/errorMessage").asString()).isEqualTo("Cancelled by user");
        assertThat(ended.has("completedAt")).isTrue();
        assertThat(api.postEmpty("/api/ai/jobs/" + jobId + "/cancel").status()).isEqualTo(409);

        TestApi.Response retried = api.postEmpty("/api/ai/jobs/" + jobId + "/retry");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        JsonNode retry = retried.json().at("/data/job");
        assertThat(retry.at("/jobId").asString()).isNotEqualTo(jobId);
        assertThat(retry.at("/retryOfJobId").asString()).isEqualTo(jobId);
        assertThat(retry.at("/status").asString()).isEqualTo("pending");
        assertThat(api.postEmpty("/api/ai/jobs/" + retry.at("/jobId").asString() + "/retry").status()).isEqualTo(409);
        TestApi.Response again = api.postEmpty("/api/ai/jobs/" + jobId + "/retry");
        assertThat(again.status()).as("a failed job is retried once").isEqualTo(409);
        assertThat(again.json().at("/message").asString()).contains(retry.at("/jobId").asString());
        api.postEmpty("/api/ai/jobs/" + retry.at("/jobId").asString() + "/cancel");
        pollUntilFinal(api, retry.at("/jobId").asString(), Duration.ofSeconds(30));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnTheSameJob() {
        Upload up = upload(api, noisySpeechWav, "a.wav");
        String key = "key-" + UUID.randomUUID();
        TestApi.Response first = api.post("/api/ai/noise-removal", ids(up), "Idempotency-Key", key);
        TestApi.Response second = api.post("/api/ai/noise-removal", ids(up), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        String jobId = first.json().at("/data/job/jobId").asString();
        assertThat(second.json().at("/data/job/jobId").asString()).isEqualTo(jobId);

        TestApi.Response otherBody = api.post("/api/ai/subtitle-generation", ids(up), "Idempotency-Key", key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().at("/message").asString()).contains("Idempotency-Key");
        assertThat(api.get("/api/ai/jobs").json().at("/data/jobs").size()).isEqualTo(1);
        pollUntilFinal(api, jobId, Duration.ofMinutes(2));
    }

    @Test
    void atMostThreeActiveJobsPerUserEvenUnderTenConcurrentSubmissions() throws Exception {
        Upload up = upload(api, longSpeechWav, "long.wav");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<TestApi.Response>> submissions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            submissions.add(() -> api.post("/api/ai/noise-removal", ids(up)));
        }
        List<TestApi.Response> responses = new ArrayList<>();
        for (Future<TestApi.Response> f : pool.invokeAll(submissions)) {
            responses.add(f.get());
        }
        pool.shutdown();

        List<TestApi.Response> accepted = responses.stream().filter(r -> r.status() == 201).toList();
        List<TestApi.Response> refused = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(accepted).hasSize(3);
        assertThat(refused).hasSize(7);
        assertThat(refused.get(0).json().at("/message").asString()).contains("at most 3");
        TestApi.Response deleteInUse = api.delete("/api/assets/" + up.assetId());
        assertThat(deleteInUse.status()).as("an asset active jobs read cannot be deleted").isEqualTo(409);
        for (TestApi.Response r : accepted) {
            api.postEmpty("/api/ai/jobs/" + r.json().at("/data/job/jobId").asString() + "/cancel");
        }
        for (TestApi.Response r : accepted) {
            pollUntilFinal(api, r.json().at("/data/job/jobId").asString(), Duration.ofSeconds(60));
        }
        // Once they are over, the user may submit again.
        TestApi.Response again = api.post("/api/ai/noise-removal", ids(up));
        assertThat(again.status()).isEqualTo(201);
        api.postEmpty("/api/ai/jobs/" + again.json().at("/data/job/jobId").asString() + "/cancel");
        pollUntilFinal(api, again.json().at("/data/job/jobId").asString(), Duration.ofSeconds(60));
    }

    @Test
    void subtitlesAreNotServedBeforeCompletionNorForNoiseJobs() {
        Upload up = upload(api, noisySpeechWav, "a.wav");
        String noiseJob = api.post("/api/ai/noise-removal", ids(up)).json().at("/data/job/jobId").asString();
        TestApi.Response r = api.get("/api/ai/jobs/" + noiseJob + "/subtitles.vtt");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/success").asBoolean()).isFalse();
        pollUntilFinal(api, noiseJob, Duration.ofMinutes(2));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    record Upload(String projectId, String assetId, double durationSeconds) {
    }

    static Upload upload(TestApi as, Path file, String name) {
        String projectId = createProject(as, "jobs-it");
        TestApi.Response r = as.upload("/api/projects/" + projectId + "/assets", "file", file, name,
                "application/octet-stream");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode asset = r.json().at("/data/asset");
        return new Upload(projectId, asset.at("/assetId").asString(), asset.at("/durationSeconds").asDouble());
    }

    static String createProject(TestApi as, String name) {
        TestApi.Response r = as.post("/api/projects", Map.of("name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/data/project/projectId").asString();
    }

    /** Exactly the pending row the API writes before it starts the workflow, with no workflow started. */
    static UUID insertPendingRow(JdbcClient jdbc, String userId, Upload up) {
        UUID jobId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO jobs (id, user_id, project_id, asset_id, type, status, progress, estimated_duration,
                                  workflow_id)
                VALUES (?, ?, ?, ?, 'noise-removal', 'pending', 0, 5, ?)""")
                .params(jobId, userId, UUID.fromString(up.projectId()), UUID.fromString(up.assetId()),
                        jobId.toString())
                .update();
        return jobId;
    }

    static Map<String, Object> ids(Upload up) {
        return Map.of("assetId", up.assetId(), "projectId", up.projectId());
    }

    List<String> jobIds(String path) {
        TestApi.Response r = api.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().at("/data/jobs").forEach(j -> ids.add(j.at("/jobId").asString()));
        return ids;
    }

    /** Every status the frontend would have seen, polling like the spec's pollJobStatus (faster, to see more). */
    record Polled(List<JsonNode> seen) {
        JsonNode last() {
            return seen.get(seen.size() - 1);
        }

        Set<String> statuses() {
            Set<String> s = new HashSet<>();
            seen.forEach(j -> s.add(j.at("/status").asString()));
            return s;
        }

        Set<Integer> distinctProgressValues() {
            Set<Integer> values = new HashSet<>();
            seen.forEach(j -> values.add(j.at("/progress").asInt()));
            return values;
        }

        boolean progressNeverDecreased() {
            int previous = -1;
            for (JsonNode j : seen) {
                int p = j.at("/progress").asInt();
                if (p < previous) {
                    return false;
                }
                previous = p;
            }
            return true;
        }
    }

    static Polled pollUntilFinal(TestApi as, String jobId, Duration timeout) {
        return pollUntil(as, jobId, timeout, j -> {
            String s = j.at("/status").asString();
            return s.equals("completed") || s.equals("failed");
        });
    }

    static Polled pollUntil(TestApi as, String jobId, Duration timeout, java.util.function.Predicate<JsonNode> done) {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TestApi.Response r = as.get("/api/ai/jobs/" + jobId);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode job = r.json().at("/data/job");
            seen.add(job);
            if (done.test(job) || System.nanoTime() > deadline) {
                return new Polled(seen);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Polled(seen);
            }
        }
    }
}
