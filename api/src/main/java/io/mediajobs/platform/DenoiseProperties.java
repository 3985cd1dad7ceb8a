package io.mediajobs.platform;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.mediajobs.denoise.DenoiseAlgorithm;

/**
 * Noise removal ({@code mediajobs.noise.*}; defaults in application.yml).
 *
 * @param neuralModelDir the neural denoiser's model directory ({@code NOISE_MODEL_DIR}, printed by
 *                       {@code scripts/noise-models}); blank disables that algorithm
 * @param algorithms     the algorithms the deployment's workers offer ({@code NOISE_ALGORITHMS}, e.g.
 *                       {@code mmse,spectral,neural}); empty: see {@link #offeredAlgorithms()}
 */
@ConfigurationProperties("mediajobs.noise")
@Validated
public record DenoiseProperties(String neuralModelDir, List<DenoiseAlgorithm> algorithms) {

    /** The model directory, or null when the neural algorithm is off. */
    public Path neuralModelDirOrNull() {
        return neuralModelDir == null || neuralModelDir.isBlank() ? null : Path.of(neuralModelDir);
    }

    /**
     * The algorithms jobs may ask for: what {@code algorithms} lists, else MMSE and spectral (plain Java and FFmpeg,
     * on every worker) plus neural when a model directory is configured. Configuration, not a probe of this process's
     * engine: an API-only instance loads none, and its workers run elsewhere. A worker that lacks an algorithm after
     * all fails that job with "not available on this worker".
     */
    public Set<DenoiseAlgorithm> offeredAlgorithms() {
        if (algorithms != null && !algorithms.isEmpty()) {
            return EnumSet.copyOf(algorithms);
        }
        Set<DenoiseAlgorithm> offered = EnumSet.of(DenoiseAlgorithm.MMSE, DenoiseAlgorithm.SPECTRAL);
        if (neuralModelDirOrNull() != null) {
            offered.add(DenoiseAlgorithm.NEURAL);
        }
        return offered;
    }
}
