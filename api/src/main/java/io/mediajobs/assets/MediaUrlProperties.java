package io.mediajobs.assets;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Signed media links ({@code mediajobs.media-urls.*}; defaults in application.yml): what {@code <video>} and
 * {@code <audio>} load, since they cannot send a bearer token.
 *
 * @param secret  the HMAC key ({@code MEDIA_URL_SECRET}, at least 32 characters); every API instance behind one
 *                address needs the same one. Empty: a random key kept in {@code keyFile}
 * @param keyFile where the generated key is kept when no secret is set ({@code $DATA_DIR/media-url-key})
 * @param ttl     how long a link stays valid (minutes: a leaked link is useless soon)
 */
@ConfigurationProperties("mediajobs.media-urls")
@Validated
public record MediaUrlProperties(String secret,
        @NotNull(message = "must be set: where the generated media link key is kept") Path keyFile,
        @NotNull @DurationMin(seconds = 10, message = "must be at least 10 seconds, e.g. PT10M")
        @DurationMax(hours = 24, message = "must be at most 24 hours: signed links are meant to be short-lived")
        Duration ttl) {
}
