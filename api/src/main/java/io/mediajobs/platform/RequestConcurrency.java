package io.mediajobs.platform;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many API calls are worked on at once ({@code mediajobs.http.concurrency.*}; defaults in application.yml); see
 * {@link ConcurrencyLimitFilter}.
 *
 * @param maxRequests calls in progress at a time (media uploads and downloads are not counted); {@code 0} = six per
 *                    core
 * @param maxWait     how long a call waits for its turn before it is answered 503
 */
@ConfigurationProperties("mediajobs.http.concurrency")
@Validated
public record RequestConcurrency(@PositiveOrZero int maxRequests,
        @DurationMin(millis = 1, message = "must be positive, e.g. PT10S") Duration maxWait) {

    /** {@link #maxRequests()} with {@code 0} resolved for {@code cores} cores. */
    int permits(int cores) {
        return maxRequests > 0 ? maxRequests : 6 * Math.max(1, cores);
    }
}
