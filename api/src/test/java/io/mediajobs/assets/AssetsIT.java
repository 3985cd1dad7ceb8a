package io.mediajobs.assets;

import io.mediajobs.persistence.Asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.mediajobs.storage.StorageKeys;
import io.mediajobs.storage.StorageService;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.noise.NoiseRemovalActivities;
import io.temporal.failure.ApplicationFailure;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

import tools.jackson.databind.JsonNode;

/** Assets through the real HTTP API, real PostgreSQL, real ffprobe and real files on disk. */
class AssetsIT extends IntegrationTest {

    @TempDir
    Path dir;

    @Value("${mediajobs.storage.root}")
    Path storageRoot;

    @Autowired
    AssetService assetService;

    @Autowired
    StorageService storage;

    @Autowired
    NoiseRemovalActivities noiseActivities;

    @Test
    void uploadsAnMp4WithAudioProbedAndStoredUnderAServerGeneratedPath() throws IOException {
        String project = newProject(api);
        Path mp4 = TestMedia.mp4WithAudio(dir, 2);

        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file", mp4, "holiday clip.mp4",
                "application/octet-stream");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json().at("/data/asset");
        String assetId = a.at("/assetId").asString();
        assertThat(UUID.fromString(assetId)).isNotNull();
        assertThat(a.at("/projectId").asString()).isEqualTo(project);
        assertThat(a.at("/fileName").asString()).isEqualTo("holiday clip.mp4");
        assertThat(a.at("/contentType").asString()).as("from the probe, not the client").isEqualTo("video/mp4");
        assertThat(a.at("/sizeBytes").asLong()).isEqualTo(Files.size(mp4));
        assertThat(a.at("/kind").asString()).isEqualTo("video");
        assertThat(a.at("/durationSeconds").asDouble()).isCloseTo(2.0, within(0.2));
        assertThat(a.at("/hasAudio").asBoolean()).isTrue();
        assertThat(a.at("/audio/codec").asString()).isEqualTo("aac");
        assertThat(a.at("/audio/sampleRate").asInt()).isEqualTo(44100);
        assertThat(a.at("/audio/channels").asInt()).isEqualTo(1);
        assertThat(a.at("/video/codec").asString()).isEqualTo("mpeg4");
        assertThat(a.at("/video/width").asInt()).isEqualTo(160);
        assertThat(a.at("/video/height").asInt()).isEqualTo(120);
        assertThat(a.at("/storagePath").asString()).isEqualTo("/uploads/" + project + "/" + assetId + ".mp4");
        assertThat(a.at("/createdAt").asString()).endsWith("Z");
        assertThat(a.has("sourceJobId")).as("uploads have no source job; absent, not null").isFalse();
        assertThat(r.text()).doesNotContain("null");

        Path stored = storageRoot.resolve(project).resolve(assetId + ".mp4");
        assertThat(stored).exists();
        assertThat(Files.readAllBytes(stored)).isEqualTo(Files.readAllBytes(mp4));
        assertThat(stagingFiles()).isEmpty();

        TestApi.Response got = api.get("/api/assets/" + assetId);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/data/asset")).isEqualTo(a);
    }

    @Test
    void anMp4WithoutAudioHasNoAudioTrack() {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.mp4WithoutAudio(dir, 1), "silent.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json().at("/data/asset");
        assertThat(a.at("/kind").asString()).isEqualTo("video");
        assertThat(a.at("/hasAudio").asBoolean()).isFalse();
        assertThat(a.has("audio")).as("absent, not null").isFalse();
        assertThat(a.at("/video/codec").asString()).isEqualTo("mpeg4");
    }

    @Test
    void aWavIsAnAudioAsset() {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.wav(dir, 1.5, 16000, 2), "tone.wav", "audio/x-wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json().at("/data/asset");
        assertThat(a.at("/kind").asString()).isEqualTo("audio");
        assertThat(a.at("/contentType").asString()).isEqualTo("audio/wav");
        assertThat(a.at("/hasAudio").asBoolean()).isTrue();
        assertThat(a.at("/audio/codec").asString()).isEqualTo("pcm_s16le");
        assertThat(a.at("/audio/sampleRate").asInt()).isEqualTo(16000);
        assertThat(a.at("/audio/channels").asInt()).isEqualTo(2);
        assertThat(a.at("/durationSeconds").asDouble()).isCloseTo(1.5, within(0.05));
        assertThat(a.has("video")).isFalse();
        assertThat(a.at("/storagePath").asString()).endsWith(".wav");
    }

    @Test
    void anMp3IsAnAudioAssetWhateverTheClientCalledIt() {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.mp3(dir, 2), "song.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json().at("/data/asset");
        assertThat(a.at("/kind").asString()).isEqualTo("audio");
        assertThat(a.at("/contentType").asString()).isEqualTo("audio/mpeg");
        assertThat(a.at("/audio/codec").asString()).isEqualTo("mp3");
        assertThat(a.at("/storagePath").asString()).endsWith(".mp3");
        assertThat(a.at("/fileName").asString()).as("kept as metadata only").isEqualTo("song.mp4");
    }

    @Test
    void speechFromEspeakIsAccepted() {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.noisySpeechWav(dir, "Hello and welcome to media jobs.", 0.05, 16000), "speech.wav",
                "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().at("/data/asset/audio/sampleRate").asInt()).isEqualTo(16000);
        assertThat(r.json().at("/data/asset/durationSeconds").asDouble()).isGreaterThan(1.0);
    }

    @Test
    void randomBytesNamedMp4AreRejectedAndNothingIsKept() throws IOException {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.randomBytes(dir, "video.mp4", 256 * 1024, 7), "video.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/success").asBoolean()).isFalse();
        assertThat(r.json().at("/message").asString()).startsWith("Unsupported media file");
        assertNothingStored(project);
    }

    @Test
    void anImageIsNotAMediaAsset() throws IOException {
        String project = newProject(api);
        Path gif = dir.resolve("anim.gif");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x64:rate=5:duration=1", gif.toString());
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file", gif, "anim.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/message").asString()).startsWith("Unsupported media file");
        assertNothingStored(project);
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.empty(dir, "empty.mp4"), "empty.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/message").asString()).isEqualTo("The uploaded file is empty");
        assertNothingStored(project);
    }

    @Test
    void aRequestWithoutTheFileFieldIsRejected() {
        String project = newProject(api);
        TestApi.Response wrongField = api.upload("/api/projects/" + project + "/assets", "upload",
                TestMedia.wav(dir, 1, 16000, 1), "a.wav", "audio/wav");
        assertThat(wrongField.status()).as(wrongField.toString()).isEqualTo(400);
        assertThat(wrongField.json().at("/message").asString()).contains("'file'");

        TestApi.Response json = api.post("/api/projects/" + project + "/assets", Map.of("file", "x"));
        assertThat(json.status()).as(json.toString()).isEqualTo(400);
        assertThat(json.json().at("/message").asString()).contains("multipart/form-data");
    }

    @Test
    void theClientFileNameIsSanitizedMetadataNeverAPath() {
        String project = newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.wav(dir, 1, 16000, 1), "..\\..\\etc/pass\u202Ewd   evil.wav", "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json().at("/data/asset");
        assertThat(a.at("/fileName").asString()).isEqualTo("passwd evil.wav");
        assertThat(a.at("/storagePath").asString())
                .isEqualTo("/uploads/" + project + "/" + a.at("/assetId").asString() + ".wav");
    }

    @Test
    void listsAProjectsAssetsNewestFirst() {
        String project = newProject(api);
        String other = newProject(api);
        String first = upload(api, project, TestMedia.wav(dir, 1, 16000, 1), "first.wav");
        String second = upload(api, project, TestMedia.mp3(dir, 1), "second.mp3");
        upload(api, other, TestMedia.wav(dir, 1, 16000, 1), "elsewhere.wav");

        TestApi.Response r = api.get("/api/projects/" + project + "/assets");
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = StreamSupport.stream(r.json().at("/data/assets").spliterator(), false)
                .map(n -> n.at("/assetId").asString()).toList();
        assertThat(ids).containsExactly(second, first);

        String empty = newProject(api);
        assertThat(api.get("/api/projects/" + empty + "/assets").text())
                .isEqualTo("{\"success\":true,\"data\":{\"assets\":[]}}");
    }

    @Test
    void streamsTheBytesWithContentTypeLengthAndRanges() throws IOException {
        String project = newProject(api);
        Path mp4 = TestMedia.mp4WithAudio(dir, 2);
        byte[] bytes = Files.readAllBytes(mp4);
        String asset = upload(api, project, mp4, "clip \u00e9t\u00e9.mp4");
        String url = "/api/assets/" + asset + "/content";

        TestApi.Response full = api.get(url);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(full.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(full.header("Content-Disposition")).startsWith("inline").contains("filename*=UTF-8''clip%20%C3%A9t%C3%A9.mp4");
        assertThat(full.bytes()).isEqualTo(bytes);

        TestApi.Response part = api.get(url, "Range", "bytes=100-1123");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-1123/" + bytes.length);
        assertThat(part.header("Content-Length")).isEqualTo("1024");
        assertThat(part.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(part.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1124));

        TestApi.Response open = api.get(url, "Range", "bytes=" + (bytes.length - 10) + "-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));

        TestApi.Response suffix = api.get(url, "Range", "bytes=-50");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 50, bytes.length));

        TestApi.Response unsatisfiable = api.get(url, "Range", "bytes=" + bytes.length + "-");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.header("Content-Range")).isEqualTo("bytes */" + bytes.length);
        assertThat(unsatisfiable.bytes()).as("no body with a 416, least of all the whole file").isEmpty();

        TestApi.Response malformed = api.get(url, "Range", "bytes=abc");
        assertThat(malformed.status()).isEqualTo(416);
        assertThat(malformed.bytes()).isEmpty();

        TestApi.Response two = api.get(url, "Range", "bytes=0-9,20-29");
        assertThat(two.status()).isEqualTo(206);
        assertThat(two.header("Content-Type")).startsWith("multipart/byteranges");
    }

    @Test
    void deletingRemovesTheRowAndTheFile() {
        String project = newProject(api);
        String asset = upload(api, project, TestMedia.wav(dir, 1, 16000, 1), "gone.wav");
        Path stored = storageRoot.resolve(project).resolve(asset + ".wav");
        assertThat(stored).exists();

        TestApi.Response r = api.delete("/api/assets/" + asset);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/success").asBoolean()).isTrue();
        assertThat(r.json().at("/data/assetId").asString()).isEqualTo(asset);
        assertThat(stored).doesNotExist();

        assertThat(api.get("/api/assets/" + asset).status()).isEqualTo(404);
        assertThat(api.get("/api/assets/" + asset + "/content").status()).isEqualTo(404);
        assertThat(api.delete("/api/assets/" + asset).status()).isEqualTo(404);
        assertThat(api.get("/api/projects/" + project + "/assets").json().at("/data/assets").size()).isZero();
    }

    @Test
    void anotherUsersProjectAndAssetAreNotFoundOnEveryEndpoint() {
        TestApi owner = asNewUser();
        String project = newProject(owner);
        String asset = upload(owner, project, TestMedia.wav(dir, 1, 16000, 1), "private.wav");
        Path wav = TestMedia.wav(dir, 1, 16000, 1);
        String projectNotFound = "{\"success\":false,\"message\":\"Project not found\"}";
        String assetNotFound = "{\"success\":false,\"message\":\"Asset not found\"}";

        for (String p : List.of(project, UUID.randomUUID().toString())) {
            assertNotFound(api.get("/api/projects/" + p), projectNotFound);
            assertNotFound(api.get("/api/projects/" + p + "/assets"), projectNotFound);
            assertNotFound(api.upload("/api/projects/" + p + "/assets", "file", wav, "x.wav", "audio/wav"),
                    projectNotFound);
        }
        for (String a : List.of(asset, UUID.randomUUID().toString())) {
            assertNotFound(api.get("/api/assets/" + a), assetNotFound);
            assertNotFound(api.get("/api/assets/" + a + "/content"), assetNotFound);
            assertNotFound(api.get("/api/assets/" + a + "/content", "Range", "bytes=0-10"), assetNotFound);
            assertNotFound(api.delete("/api/assets/" + a), assetNotFound);
        }
        // Nothing the other user did touched the owner's data.
        assertThat(owner.get("/api/assets/" + asset).status()).isEqualTo(200);
        assertThat(owner.get("/api/assets/" + asset + "/content").status()).isEqualTo(200);
        assertThat(owner.get("/api/projects/" + project + "/assets").json().at("/data/assets").size()).isEqualTo(1);
    }

    @Test
    void malformedIdsAre400OnEveryEndpoint() {
        Path wav = TestMedia.wav(dir, 1, 16000, 1);
        assertBadRequest(api.get("/api/projects/nope/assets"), "projectId must be a valid UUID");
        assertBadRequest(api.upload("/api/projects/nope/assets", "file", wav, "x.wav", "audio/wav"),
                "projectId must be a valid UUID");
        assertBadRequest(api.get("/api/assets/123"), "assetId must be a valid UUID");
        assertBadRequest(api.get("/api/assets/123/content"), "assetId must be a valid UUID");
        assertBadRequest(api.delete("/api/assets/123"), "assetId must be a valid UUID");
    }

    @Test
    void requiresAuthentication() {
        TestApi anon = TestApi.anonymous(port);
        String id = UUID.randomUUID().toString();
        assertThat(anon.get("/api/assets/" + id).status()).isEqualTo(401);
        assertThat(anon.get("/api/assets/" + id + "/content").status()).isEqualTo(401);
        assertThat(anon.delete("/api/assets/" + id).status()).isEqualTo(401);
        assertThat(anon.get("/api/projects/" + id + "/assets").status()).isEqualTo(401);
    }

    @Test
    void aJobResultIsStoredOnceUnderItsFinalKeyAndRegisteredOncePerJob() throws IOException {
        String project = newProject(api);
        UUID projectId = UUID.fromString(project);
        UUID jobId = UUID.randomUUID();
        // What removeNoise leaves in storage: the cleaned audio, already under the result asset's final key.
        String key = StorageKeys.jobResult(projectId, jobId, "mp3");
        Path cleaned = TestMedia.convert(TestMedia.wav(dir, 1, 48000, 1), dir, "cleaned.mp3", "-c:a", "libmp3lame");
        storage.importFile(key, cleaned);
        var input = new NoiseRemovalActivities.StoreResultInput(jobId.toString(), api.userId(), project,
                "interview.mp4", key, null);

        NoiseRemovalActivities.ResultAsset result = noiseActivities.storeResultAsset(input);
        Asset asset = assetService.requireOwned(UUID.fromString(result.assetId()), api.userId());
        assertThat(asset.id()).isEqualTo(StorageKeys.resultAssetId(jobId));
        assertThat(asset.sourceJobId()).isEqualTo(jobId);
        assertThat(asset.kind()).isEqualTo(Asset.Kind.AUDIO);
        assertThat(asset.contentType()).isEqualTo("audio/mpeg");
        assertThat(asset.storageKey()).as("registered where it was stored: no copy").isEqualTo(key);
        assertThat(result.storagePath()).isEqualTo("/uploads/" + project + "/" + asset.id() + ".mp3");

        NoiseRemovalActivities.ResultAsset again = noiseActivities.storeResultAsset(input);
        assertThat(again.assetId()).as("a retried activity gets the same asset").isEqualTo(result.assetId());
        assertThat(assetService.list(projectId, api.userId())).hasSize(1);

        JsonNode view = api.get("/api/assets/" + result.assetId()).json().at("/data/asset");
        assertThat(view.at("/sourceJobId").asString()).isEqualTo(jobId.toString());
        assertThat(view.at("/fileName").asString()).isEqualTo("interview-cleaned.mp3");
        assertThat(assetService.findOwned(asset.id(), "someone-else")).isEmpty();

        // Another user's project never receives a result: refused for good, and the orphan file is removed.
        UUID otherJob = UUID.randomUUID();
        String otherKey = StorageKeys.jobResult(projectId, otherJob, "mp3");
        storage.importFile(otherKey, cleaned);
        assertThatThrownBy(() -> noiseActivities.storeResultAsset(new NoiseRemovalActivities.StoreResultInput(
                otherJob.toString(), "someone-else", project, "x.mp4", otherKey, null)))
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(e -> assertThat(((ApplicationFailure) e).getType()).isEqualTo(JobFailures.BAD_MEDIA))
                .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue())
                .hasMessageContaining("Project not found");
        assertNothingStoredBesides(project, asset.id() + ".mp3");
    }

    // --- helpers

    static String newProject(TestApi user) {
        TestApi.Response r = user.post("/api/projects", Map.of("name", "assets test"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/data/project/projectId").asString();
    }

    static String upload(TestApi user, String project, Path file, String name) {
        TestApi.Response r = user.upload("/api/projects/" + project + "/assets", "file", file, name,
                "application/octet-stream");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/data/asset/assetId").asString();
    }

    private void assertNothingStored(String project) throws IOException {
        assertNothingStoredBesides(project);
    }

    private void assertNothingStoredBesides(String project, String... expected) throws IOException {
        Path projectDir = storageRoot.resolve(project);
        List<String> files = Files.isDirectory(projectDir)
                ? listFiles(projectDir).stream().map(p -> p.getFileName().toString()).toList() : List.of();
        assertThat(files).containsExactlyInAnyOrder(expected);
        assertThat(stagingFiles()).isEmpty();
    }

    private List<Path> stagingFiles() throws IOException {
        Path staging = storageRoot.resolve("incoming");
        return Files.isDirectory(staging) ? listFiles(staging) : List.of();
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void assertNotFound(TestApi.Response r, String body) {
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.text()).isEqualTo(body);
    }

    private static void assertBadRequest(TestApi.Response r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/message").asString()).isEqualTo(message);
    }
}
