package io.mediajobs.jobs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@link JobReconciler}'s timing ({@code mediajobs.reconciler.*}; defaults in application.yml).
 *
 * @param pendingGrace how long a pending job may wait for its workflow before the reconciler starts it
 * @param giveUpAfter  age at which a job whose workflow still cannot be started fails
 * @param initialDelay first pass after start-up
 * @param interval     pause between passes
 */
@ConfigurationProperties("mediajobs.reconciler")
@Validated
record ReconcilerProperties(
        @NotNull @DurationMin(millis = 0, message = "must not be negative") Duration pendingGrace,
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT15M") Duration giveUpAfter,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") Duration initialDelay,
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT15S") Duration interval) {
}
