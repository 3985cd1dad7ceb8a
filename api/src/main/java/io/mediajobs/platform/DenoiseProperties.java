package io.mediajobs.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Noise removal ({@code mediajobs.noise.*}; defaults in application.yml).
 *
 * @param neuralModelDir the neural denoiser's model directory ({@code NOISE_MODEL_DIR}, printed by
 *                       {@code scripts/noise-models}); blank disables that algorithm
 */
@ConfigurationProperties("mediajobs.noise")
@Validated
public record DenoiseProperties(String neuralModelDir) {

    /** The model directory, or null when the neural algorithm is off. */
    public Path neuralModelDirOrNull() {
        return neuralModelDir == null || neuralModelDir.isBlank() ? null : Path.of(neuralModelDir);
    }
}
