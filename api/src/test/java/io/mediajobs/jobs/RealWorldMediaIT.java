package io.mediajobs.jobs;

import static io.mediajobs.jobs.JobsIT.ids;
import static io.mediajobs.jobs.JobsIT.pollUntilFinal;
import static io.mediajobs.jobs.JobsIT.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.mediajobs.jobs.JobsIT.Upload;
import io.mediajobs.support.AudioLevels;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * Real-world media that broke jobs (issue 10), end to end through the HTTP API: headers without a duration or with
 * a false one, audio that starts after the picture (a stream offset, an MP4 edit list), and a silent first audio
 * track. Each case checks the asset's duration and that both jobs use the right audio at the right time.
 */
class RealWorldMediaIT extends IntegrationTest {

    static final String SENTENCE = "Please remember to bring the blue notebook to the meeting tomorrow morning.";
    static final double OFFSET = 3.0;

    static Path media;
    static Path speech;
    static double speechSeconds;

    @BeforeAll
    static void generateMedia() {
        media = TempDirs.createDeletedOnExit("real-world-media-");
        speech = TestMedia.speechWav(media, SENTENCE);
        speechSeconds = AudioLevels.decodedSeconds(speech);
    }

    // ---- 1. no duration in the header ------------------------------------------------------------------------

    @Test
    void aBrowserRecordingWithoutADurationIsAcceptedWithTheDurationItPlaysAndBothJobsWork() throws Exception {
        Path webm = TestMedia.recorderWebm(speech, media);

        Upload up = upload(api, webm, "recording.webm");

        assertThat(up.durationSeconds()).isCloseTo(AudioLevels.decodedSeconds(webm), within(0.1));
        Jobs jobs = runBoth(up, Map.of());
        assertThat(jobs.text()).contains("remember", "notebook", "meeting");
        assertThat(jobs.cleanedAsset().at("/durationSeconds").asDouble()).isCloseTo(up.durationSeconds(), within(0.1));
    }

    // ---- 2. a header that lies -------------------------------------------------------------------------------

    @Test
    void aHeaderClaimingTenThousandHoursForThreeSecondsIsNotBelieved() {
        Path mkv = TestMedia.lyingDurationMkv(media, 3, 3.6e10);

        Upload up = upload(api, mkv, "liar.mkv");

        assertThat(up.durationSeconds()).isCloseTo(3.0, within(0.1));
        TestApi.Response created = api.post("/api/ai/noise-removal", ids(up));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/data/job/estimatedDuration").asInt()).as("seconds, not years")
                .isBetween(1, 60);
        JsonNode done = pollUntilFinal(api, created.json().at("/data/job/jobId").asString(), Duration.ofMinutes(2))
                .last();
        assertThat(done.at("/status").asString()).as(done.toString()).isEqualTo("completed");
        JsonNode cleaned = asset(done.at("/outputData/resultAssetId").asString());
        assertThat(cleaned.at("/durationSeconds").asDouble()).isCloseTo(3.0, within(0.1));
    }

    // ---- 3. audio that does not start at 0 -------------------------------------------------------------------

    @Test
    void audioThatStartsAfterThePictureIsCaptionedAndCleanedWhereItPlays() throws Exception {
        double length = OFFSET + speechSeconds + 1;
        Path mkv = TestMedia.delayedAudioMkv(speech, media, OFFSET, length);

        Upload up = upload(api, mkv, "late-audio.mkv");

        assertThat(up.durationSeconds()).isCloseTo(length, within(0.1));
        assertInSync(runBoth(up, Map.of()), up);
    }

    @Test
    void anMp4EditListThatDelaysTheAudioIsHonouredToo() throws Exception {
        Path m4a = TestMedia.delayedAudioM4a(speech, media, OFFSET);

        Upload up = upload(api, m4a, "late-audio.m4a");

        assertThat(up.durationSeconds()).isCloseTo(OFFSET + speechSeconds, within(0.1));
        assertInSync(runBoth(up, Map.of()), up);
    }

    // ---- 4. several audio tracks, the first one silent -------------------------------------------------------

    @Test
    void theTrackThatCarriesSpeechIsListedChosenAndNamedAndAnotherCanBeAskedFor() throws Exception {
        Path mp4 = TestMedia.silentFirstTrackMp4(speech, media);

        Upload up = upload(api, mp4, "two-tracks.mp4");

        JsonNode asset = asset(up.assetId());
        assertThat(asset.at("/audioStreams").size()).isEqualTo(2);
        assertThat(asset.at("/audioStreams/0/index").asInt()).isZero();
        assertThat(asset.at("/audioStreams/0/language").asString()).isEqualTo("eng");
        assertThat(asset.at("/audioStreams/0/default").asBoolean()).isTrue();
        assertThat(asset.at("/audioStreams/0/channels").asInt()).isEqualTo(2);
        assertThat(asset.at("/audioStreams/1/language").asString()).isEqualTo("fra");
        assertThat(asset.at("/audioStreams/1/default").asBoolean()).isFalse();
        assertThat(asset.at("/audioTrack").asInt()).isEqualTo(1);

        Jobs chosen = runBoth(up, Map.of());
        assertThat(chosen.text()).contains("remember", "notebook");
        assertThat(chosen.subtitles().at("/outputData/audioTrack").asInt()).isEqualTo(1);
        assertThat(chosen.noise().at("/outputData/audioTrack").asInt()).isEqualTo(1);
        assertThat(AudioLevels.speechLevelDb(chosen.cleanedFile())).as("the cleaned speech").isGreaterThan(-40);

        for (int invalid : new int[] {2, -1}) {
            for (String endpoint : new String[] {"/api/ai/noise-removal", "/api/ai/subtitle-generation"}) {
                TestApi.Response r = api.post(endpoint, with(up, Map.of("audioTrack", invalid)));
                assertThat(r.status()).as(r.toString()).isEqualTo(400);
                assertThat(r.json().at("/message").asString())
                        .isEqualTo("audioTrack must be between 0 and 1 for this asset");
            }
        }

        Jobs first = runBoth(up, Map.of("audioTrack", 0));
        assertThat(first.subtitles().at("/outputData/subtitles").size()).as("the silent track has no words").isZero();
        for (String file : new String[] {"subtitles.srt", "subtitles.txt"}) { // empty downloads keep their headers
            TestApi.Response empty = api.get("/api/ai/jobs/" + first.subtitles().at("/jobId").asString() + "/" + file);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.bytes()).isEmpty();
            assertThat(empty.header("X-Content-Type-Options")).as(file).isEqualTo("nosniff");
            assertThat(empty.header("X-Frame-Options")).as(file).isEqualTo("DENY");
            assertThat(empty.header("Cache-Control")).as(file).isEqualTo("no-store");
        }
        assertThat(first.subtitles().at("/outputData/audioTrack").asInt()).isZero();
        assertThat(first.noise().at("/outputData/audioTrack").asInt()).isZero();
    }

    @Test
    void anAssetWithOneAudioTrackTakesOnlyTrackZero() {
        Upload up = upload(api, speech, "speech.wav");

        JsonNode asset = asset(up.assetId());
        assertThat(asset.at("/audioStreams").size()).isEqualTo(1);
        assertThat(asset.at("/audioStreams/0/default").isBoolean()).isTrue();
        assertThat(asset.at("/audioStreams/0").has("language")).as("absent, not null").isFalse();
        assertThat(asset.at("/audioTrack").asInt()).isZero();
        TestApi.Response r = api.post("/api/ai/subtitle-generation", with(up, Map.of("audioTrack", 1)));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/message").asString())
                .isEqualTo("audioTrack must be 0 for this asset: it has one audio track");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Captions start where the speech is heard; the cleaned audio is as long as the media, its gap silent. */
    private void assertInSync(Jobs jobs, Upload up) throws Exception {
        JsonNode cues = jobs.subtitles().at("/outputData/subtitles");
        assertThat(cues.size()).isPositive();
        assertThat(cues.get(0).at("/startTime").asDouble()).as("first cue, in the picture's time")
                .isGreaterThan(OFFSET - 0.3);
        assertThat(cues.get(cues.size() - 1).at("/endTime").asDouble()).isLessThanOrEqualTo(up.durationSeconds() + 0.5);
        assertThat(jobs.text()).contains("remember", "notebook");

        assertThat(jobs.cleanedAsset().at("/durationSeconds").asDouble()).isCloseTo(up.durationSeconds(), within(0.1));
        Path cleaned = jobs.cleanedFile();
        assertThat(AudioLevels.decodedSeconds(cleaned)).isCloseTo(up.durationSeconds(), within(0.1));
        assertThat(AudioLevels.maxLevelDb(cleaned, 0, OFFSET - 0.2)).as("the leading gap stays silent")
                .isLessThan(-60);
        assertThat(AudioLevels.maxLevelDb(cleaned, OFFSET, OFFSET + speechSeconds)).as("then the speech")
                .isGreaterThan(-30);
    }

    /** Both job types on the same asset, at once, each polled to its end and required to complete. */
    private Jobs runBoth(Upload up, Map<String, Object> extra) throws Exception {
        TestApi.Response subtitles = api.post("/api/ai/subtitle-generation", with(up, extra));
        assertThat(subtitles.status()).as(subtitles.toString()).isEqualTo(201);
        TestApi.Response noise = api.post("/api/ai/noise-removal", with(up, extra));
        assertThat(noise.status()).as(noise.toString()).isEqualTo(201);
        JsonNode subtitlesDone = pollUntilFinal(api, subtitles.json().at("/data/job/jobId").asString(),
                Duration.ofMinutes(3)).last();
        JsonNode noiseDone = pollUntilFinal(api, noise.json().at("/data/job/jobId").asString(), Duration.ofMinutes(3))
                .last();
        assertThat(subtitlesDone.at("/status").asString()).as(subtitlesDone.toString()).isEqualTo("completed");
        assertThat(noiseDone.at("/status").asString()).as(noiseDone.toString()).isEqualTo("completed");
        String resultId = noiseDone.at("/outputData/resultAssetId").asString();
        TestApi.Response content = api.get("/api/assets/" + resultId + "/content");
        assertThat(content.status()).isEqualTo(200);
        Path cleaned = Files.write(media.resolve("cleaned-" + UUID.randomUUID() + ".mp3"), content.bytes());
        return new Jobs(subtitlesDone, noiseDone, asset(resultId), cleaned);
    }

    private record Jobs(JsonNode subtitles, JsonNode noise, JsonNode cleanedAsset, Path cleanedFile) {
        String text() {
            StringBuilder text = new StringBuilder();
            subtitles.at("/outputData/subtitles").forEach(cue -> text.append(cue.at("/text").asString()).append(' '));
            return text.toString().toLowerCase();
        }
    }

    private JsonNode asset(String assetId) {
        TestApi.Response r = api.get("/api/assets/" + assetId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().at("/data/asset");
    }

    private static Map<String, Object> with(Upload up, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(ids(up));
        body.putAll(extra);
        return body;
    }
}
