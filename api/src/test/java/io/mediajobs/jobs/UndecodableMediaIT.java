package io.mediajobs.jobs;

import static io.mediajobs.jobs.JobsIT.ids;
import static io.mediajobs.jobs.JobsIT.pollUntilFinal;
import static io.mediajobs.jobs.JobsIT.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import io.mediajobs.jobs.JobsIT.Polled;
import io.mediajobs.jobs.JobsIT.Upload;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TempDirs;
import io.mediajobs.support.TestMedia;

/**
 * Media that probing accepts but FFmpeg refuses to decode (issue 10, item 10): a WAV whose header claims 384 kHz ×
 * 64 channels. Both jobs fail at once, without retries, with one human sentence; FFmpeg's own output (multi-line,
 * with memory addresses) stays in the log.
 */
class UndecodableMediaIT extends IntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"subtitle-generation", "noise-removal"})
    void aWavClaiming384KhzAnd64ChannelsFailsOnceWithOneHumanSentence(String type) throws IOException {
        Upload up = upload(api, liarWav(), "liar.wav");

        var started = api.post("/api/ai/" + type, ids(up));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        Polled polled = pollUntilFinal(api, started.json().at("/data/job/jobId").asString(), Duration.ofSeconds(90));

        JsonNode job = polled.last();
        assertThat(job.at("/status").asString()).isEqualTo("failed");
        assertThat(job.at("/errorMessage").asString()).isEqualTo(UnsupportedMediaException.UNDECODABLE);
        assertThat(polled.seen()).as("bad media is not retried: no status ever showed a second attempt")
                .allSatisfy(seen -> assertThat(seen.at("/attempt").isMissingNode()).isTrue());
    }

    @Test
    void theUndecodableSentenceIsOneLineWithoutToolOutput() {
        assertThat(UnsupportedMediaException.UNDECODABLE).doesNotContain("\n", "0x", "ffmpeg", "@");
    }

    /** A 2 s mono tone whose WAV header then claims 64 channels at 384 kHz. */
    private static Path liarWav() throws IOException {
        Path dir = TempDirs.createDeletedOnExit("undecodable-");
        Path wav = TestMedia.wav(dir, 2, 16000, 1);
        byte[] bytes = Files.readAllBytes(wav);
        int fmt = indexOf(bytes, "fmt ".getBytes()) + 8;
        ByteBuffer header = ByteBuffer.wrap(bytes, fmt, 16).order(ByteOrder.LITTLE_ENDIAN);
        int channels = 64;
        int rate = 384_000;
        header.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16);
        Path liar = dir.resolve("liar.wav");
        Files.write(liar, bytes);
        return liar;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no fmt chunk");
    }
}
