package io.mediajobs.jobs;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Per-user job limits and list paging ({@code mediajobs.jobs.*}; defaults in application.yml).
 *
 * @param maxActivePerUser how many of a user's jobs may be pending or processing at once (the spec recommends 3);
 *                         one more is refused with 429
 * @param defaultPageSize  jobs per page of {@code GET /api/ai/jobs} without {@code limit}
 * @param maxPageSize      the largest {@code limit} accepted
 */
@ConfigurationProperties("mediajobs.jobs")
@Validated
record JobLimitsProperties(
        @Min(value = 1, message = "must be at least 1 (MAX_ACTIVE_JOBS_PER_USER)") int maxActivePerUser,
        @Min(value = 1, message = "must be at least 1") int defaultPageSize,
        @Min(value = 1, message = "must be at least 1") int maxPageSize) {
}
