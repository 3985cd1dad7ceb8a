package io.mediajobs.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Job limits and list paging ({@code mediajobs.jobs.*}; defaults in application.yml).
 *
 * @param maxActivePerUser how many of a user's jobs may be pending or processing at once (the spec recommends 3);
 *                         one more is refused with 429
 * @param defaultPageSize  jobs per page of {@code GET /api/ai/jobs} without {@code limit}
 * @param maxPageSize      the largest {@code limit} accepted
 * @param maxMediaDuration the longest media a job accepts ({@code MAX_MEDIA_DURATION}); a longer asset is refused
 *                         with 400 when a job starts or is retried (uploading it is fine)
 */
@ConfigurationProperties("mediajobs.jobs")
@Validated
record JobLimitsProperties(
        @Min(value = 1, message = "must be at least 1 (MAX_ACTIVE_JOBS_PER_USER)") int maxActivePerUser,
        @Min(value = 1, message = "must be at least 1") int defaultPageSize,
        @Min(value = 1, message = "must be at least 1") int maxPageSize,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1 second, e.g. PT6H") Duration maxMediaDuration) {
}
