package io.mediajobs.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mediajobs.denoise.DenoiseAlgorithm;
import io.mediajobs.denoise.OutputFormat;
import io.mediajobs.denoise.Strength;
import io.mediajobs.persistence.Asset;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;

class WireNameTest {

    /** The wire names are the API contract and the stored column values: a renamed constant must fail here. */
    @Test
    void wireNamesAreTheContractValues() {
        assertThat(names(JobType.values())).containsExactly("noise-removal", "subtitle-generation");
        assertThat(names(JobStatus.values())).containsExactly("pending", "processing", "completed", "failed");
        assertThat(names(Asset.Kind.values())).containsExactly("video", "audio");
        assertThat(names(DenoiseAlgorithm.values())).containsExactly("mmse", "spectral", "neural");
        assertThat(names(Strength.values())).containsExactly("low", "medium", "high");
        assertThat(names(OutputFormat.values())).containsExactly("mp3", "wav", "flac", "aac");
    }

    @Test
    void parseMatchesExactly() {
        assertThat(WireName.parse(JobType.class, "noise-removal")).contains(JobType.NOISE_REMOVAL);
        assertThat(WireName.parse(JobStatus.class, "failed")).contains(JobStatus.FAILED);
        assertThat(WireName.parse(JobStatus.class, "FAILED")).isEmpty();
        assertThat(WireName.parse(JobStatus.class, " failed")).isEmpty();
        assertThat(WireName.parse(JobType.class, "noise_removal")).isEmpty();
        assertThat(WireName.parse(JobStatus.class, null)).isEmpty();
    }

    @Test
    void parseLenientTrimsAndIgnoresCase() {
        assertThat(WireName.parseLenient(DenoiseAlgorithm.class, " MMSE ")).contains(DenoiseAlgorithm.MMSE);
        assertThat(WireName.parseLenient(OutputFormat.class, "Aac")).contains(OutputFormat.AAC);
        assertThat(WireName.parseLenient(Strength.class, "max")).isEmpty();
        assertThat(WireName.parseLenient(Strength.class, null)).isEmpty();
    }

    @Test
    void allowedListsTheWireNamesInOrder() {
        assertThat(WireName.allowed(JobStatus.class)).isEqualTo("pending, processing, completed, failed");
        assertThat(WireName.allowed(JobType.class)).isEqualTo("noise-removal, subtitle-generation");
    }

    private static String[] names(WireName... values) {
        return Arrays.stream(values).map(WireName::wireName).toArray(String[]::new);
    }
}
