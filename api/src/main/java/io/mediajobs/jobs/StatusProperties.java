package io.mediajobs.jobs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code GET /api/ai/jobs/{id}} serves a job in flight ({@code mediajobs.status.*}; defaults in application.yml).
 *
 * @param freshFor     a row written this recently by its engine (progress at least every 2 s) is served as is;
 *                     an older one, or a job on its 2nd+ attempt, also gets Temporal's live state
 * @param liveCacheTtl how long one job's live state is reused; one call per job is in flight at a time
 */
@ConfigurationProperties("mediajobs.status")
@Validated
record StatusProperties(
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT3S") Duration freshFor,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") Duration liveCacheTtl) {
}
