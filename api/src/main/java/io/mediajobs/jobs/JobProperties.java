package io.mediajobs.jobs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of what a job may be asked to do ({@code mediajobs.jobs.*}; defaults in application.yml).
 *
 * @param maxMediaDuration the longest media a job accepts ({@code MAX_MEDIA_DURATION}); a longer asset is refused
 *                         with 400 when a job starts or is retried (uploading it is fine)
 */
@ConfigurationProperties("mediajobs.jobs")
@Validated
record JobProperties(
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1 second, e.g. PT6H") Duration maxMediaDuration) {
}
