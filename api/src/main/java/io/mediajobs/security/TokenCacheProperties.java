package io.mediajobs.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a verified bearer token is trusted without checking it again ({@code mediajobs.security.token-cache.*};
 * defaults in application.yml). See {@link VerifiedTokenCache}.
 *
 * @param ttl     at most this long, and never past the token's {@code exp}; {@code 0} checks every request
 * @param maxSize tokens remembered at most (about 1 KiB each); {@code 0} checks every request
 */
@ConfigurationProperties("mediajobs.security.token-cache")
@Validated
record TokenCacheProperties(
        @NotNull @DurationMin(millis = 0, message = "must not be negative") Duration ttl,
        @PositiveOrZero long maxSize) {
}
