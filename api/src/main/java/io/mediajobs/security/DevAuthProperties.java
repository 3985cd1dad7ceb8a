package io.mediajobs.security;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Self-issued dev tokens ({@code mediajobs.dev-auth.*}; defaults in application.yml).
 *
 * @param enabled  {@code POST /api/dev/token} exists and its tokens are accepted ({@code DEV_AUTH}; the dev
 *                 profile turns it on)
 * @param keyFile  the signing key, created on first use ({@code $DATA_DIR/dev-jwt-key})
 * @param tokenTtl how long an issued token is valid
 */
@ConfigurationProperties("mediajobs.dev-auth")
@Validated
record DevAuthProperties(boolean enabled,
        @NotNull(message = "must be set: where the dev signing key is kept") Path keyFile,
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT12H") Duration tokenTtl) {
}
