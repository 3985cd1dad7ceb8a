package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

class TranscribeCliTest {

    /** bench/speech reads these fields; text is escaped by the mapper, not by hand. */
    @Test
    void jsonLineHasTheBenchShape() {
        Transcript t = new Transcript(List.of(new SubtitleSegment(0.5, 1.25, "Say \"hi\"\nthere"),
                new SubtitleSegment(2, 3.125, "back\\slash")), 11.00049, 1, 0);
        String line = TranscribeCli.JSON.writeValueAsString(TranscribeCli.Run.of(Path.of("a.wav"), 2, 0.123456, t));
        assertThat(line).isEqualTo("{\"file\":\"a.wav\",\"run\":2,\"seconds\":0.1235,\"audioSeconds\":11.0,"
                + "\"windows\":1,\"text\":\"Say \\\"hi\\\" there back\\\\slash\",\"segments\":["
                + "{\"startTime\":0.5,\"endTime\":1.25,\"text\":\"Say \\\"hi\\\"\\nthere\"},"
                + "{\"startTime\":2.0,\"endTime\":3.125,\"text\":\"back\\\\slash\"}]}");
    }
}
