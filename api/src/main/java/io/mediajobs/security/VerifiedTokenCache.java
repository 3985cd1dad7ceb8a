package io.mediajobs.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it has verified, so an editor polling every 2–3 s with the same
 * bearer token pays for one signature check and claim validation, not one per request (profiling the status poll
 * showed JWT decoding at about 13 % of its CPU time, the RSA verification half of that).
 *
 * <p>Only successful decodes are remembered, keyed by the exact token string (whose signature was verified), each
 * until the earlier of its {@code exp} and {@code ttl} after it was first seen; a rejected token is decoded again on
 * every request. The cost: a token the issuer revokes or whose signing key is rotated out stays accepted here for at
 * most {@code ttl} (bearer JWTs are not revocable anyway until they expire, unless the issuer's keys change).
 * Thread-safe; at most {@code maxSize} tokens are held (least recently used go first).
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    /**
     * @param delegate the decoder that verifies signatures and validates claims
     * @param ttl      how long a verified token is trusted without a new check; must be positive
     * @param maxSize  tokens held at most
     * @param clock    for {@code exp}; the cache's own clock is Caffeine's ticker
     */
    VerifiedTokenCache(JwtDecoder delegate, Duration ttl, long maxSize, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt, ttl)))
                .build();
    }

    /**
     * A decoder that caches when {@code ttl} is positive, else {@code delegate} itself.
     */
    static JwtDecoder wrap(JwtDecoder delegate, Duration ttl, long maxSize) {
        if (ttl == null || ttl.isZero() || ttl.isNegative() || maxSize <= 0) {
            return delegate;
        }
        return new VerifiedTokenCache(delegate, ttl, maxSize, Clock.systemUTC());
    }

    /**
     * @throws JwtException as the delegate does, for a token that is not (or no longer) valid
     */
    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        // The entry expires at exp; checked again because Caffeine evicts lazily and its ticker is not our clock.
        if (jwt != null && (jwt.getExpiresAt() == null || clock.instant().isBefore(jwt.getExpiresAt()))) {
            return jwt;
        }
        jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private Duration lifetime(Jwt jwt, Duration ttl) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return ttl;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : (left.compareTo(ttl) < 0 ? left : ttl);
    }
}
