package io.mediajobs.jobs;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code estimatedDuration}'s inputs ({@code mediajobs.estimates.*}; defaults in application.yml).
 *
 * @param noiseRemovalSecondsPerMediaSecond       prior rate of noise removal: seconds of processing per second
 *                                                of media, until calibration or job history says better
 * @param subtitleGenerationSecondsPerMediaSecond the same for subtitle generation
 * @param overheadSeconds                         the prior's fixed cost per job, in seconds
 * @param calibrate                               measure the noise engine once at start-up (worker instances only)
 */
@ConfigurationProperties("mediajobs.estimates")
@Validated
record EstimateProperties(
        @Positive(message = "must be positive: seconds of processing per second of media")
        double noiseRemovalSecondsPerMediaSecond,
        @Positive(message = "must be positive: seconds of processing per second of media")
        double subtitleGenerationSecondsPerMediaSecond,
        @PositiveOrZero(message = "must be 0 or more seconds") double overheadSeconds,
        boolean calibrate) {
}
