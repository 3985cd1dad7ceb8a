package io.mediajobs.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DenoiseOptionsTest {

    @Test
    void blankValuesMeanDefaults() {
        DenoiseOptions o = DenoiseOptions.fromStrings(null, " ", null, "");
        assertThat(o).isEqualTo(DenoiseOptions.defaults());
        assertThat(o.algorithm()).isEqualTo(DenoiseAlgorithm.MMSE);
        assertThat(o.strength()).isEqualTo(Strength.MEDIUM);
        assertThat(o.outputFormat()).isEqualTo(OutputFormat.MP3);
        assertThat(o.normalizeLoudness()).isFalse();
        assertThat(o.sampleRate()).isZero();
    }

    @Test
    void valuesAreCaseInsensitive() {
        DenoiseOptions o = DenoiseOptions.fromStrings("Neural", "HIGH", "True", "Flac", 48000);
        assertThat(o).isEqualTo(new DenoiseOptions(DenoiseAlgorithm.NEURAL, Strength.HIGH, true, OutputFormat.FLAC,
                48000));
    }

    @Test
    void unknownValuesAreRejectedWithTheAllowedOnes() {
        assertThatThrownBy(() -> DenoiseOptions.fromStrings("magic", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid algorithm 'magic': allowed values are mmse, spectral, neural");
        assertThatThrownBy(() -> DenoiseOptions.fromStrings(null, "max", null, null))
                .hasMessage("Invalid strength 'max': allowed values are low, medium, high");
        assertThatThrownBy(() -> DenoiseOptions.fromStrings(null, null, "yes", null))
                .hasMessage("Invalid normalizeLoudness 'yes': allowed values are true, false");
        assertThatThrownBy(() -> DenoiseOptions.fromStrings(null, null, null, "ogg"))
                .hasMessage("Invalid outputFormat 'ogg': allowed values are mp3, wav, flac, aac");
        assertThatThrownBy(() -> DenoiseOptions.fromStrings(null, null, null, null, 1234))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleRate");
    }

    @Test
    void formatsMapToContentTypesAndStorableRates() {
        assertThat(OutputFormat.MP3.contentType()).isEqualTo("audio/mpeg");
        assertThat(OutputFormat.AAC.extension()).isEqualTo("m4a");
        assertThat(OutputFormat.MP3.supportedSampleRate(96000)).isEqualTo(48000);
        assertThat(OutputFormat.MP3.supportedSampleRate(16000)).isEqualTo(16000);
        assertThat(OutputFormat.FLAC.supportedSampleRate(96000)).isEqualTo(96000);
    }
}
