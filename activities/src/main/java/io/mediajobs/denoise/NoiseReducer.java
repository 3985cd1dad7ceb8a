package io.mediajobs.denoise;

import java.util.Optional;

/**
 * One noise-removal algorithm. Implementations write the denoised, encoded audio to {@link ReductionJob#tempOutput()}
 * using the job's FFmpeg helpers, which take care of progress, cancellation, timeouts and encoding.
 */
public interface NoiseReducer {

    DenoiseAlgorithm algorithm();

    /** Empty when the algorithm can run here; otherwise why not (shown to users and operators). */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    void reduce(ReductionJob job);
}
