package io.mediajobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final JwtDecoder delegate = mock(JwtDecoder.class);

    private static Jwt jwt(String subject, Instant expiresAt) {
        return Jwt.withTokenValue("t-" + subject).header("alg", "RS256").subject(subject)
                .issuedAt(T0.minusSeconds(1)).expiresAt(expiresAt).build();
    }

    @Test
    void aVerifiedTokenIsCheckedOnceThenServedFromMemory() {
        when(delegate.decode("a")).thenReturn(jwt("alice", T0.plus(Duration.ofHours(1))));
        JwtDecoder cache = new VerifiedTokenCache(delegate, Duration.ofMinutes(5), 100, clock);

        assertThat(cache.decode("a").getSubject()).isEqualTo("alice");
        assertThat(cache.decode("a").getSubject()).isEqualTo("alice");

        verify(delegate, times(1)).decode("a");
    }

    @Test
    void aTokenPastItsExpiryIsCheckedAgainAndRefused() {
        when(delegate.decode("a")).thenReturn(jwt("alice", T0.plusSeconds(30)))
                .thenThrow(new BadJwtException("expired"));
        JwtDecoder cache = new VerifiedTokenCache(delegate, Duration.ofMinutes(5), 100, clock);
        cache.decode("a");

        now.set(T0.plusSeconds(31));

        assertThatThrownBy(() -> cache.decode("a")).isInstanceOf(BadJwtException.class);
        verify(delegate, times(2)).decode("a");
    }

    @Test
    void aRejectedTokenIsNotRemembered() {
        when(delegate.decode("bad")).thenThrow(new BadJwtException("bad signature"));
        JwtDecoder cache = new VerifiedTokenCache(delegate, Duration.ofMinutes(5), 100, clock);

        assertThatThrownBy(() -> cache.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad")).isInstanceOf(BadJwtException.class);

        verify(delegate, times(2)).decode("bad");
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        assertThat(VerifiedTokenCache.wrap(delegate, Duration.ZERO, 100)).isSameAs(delegate);
        assertThat(VerifiedTokenCache.wrap(delegate, Duration.ofMinutes(5), 0)).isSameAs(delegate);
        assertThat(VerifiedTokenCache.wrap(delegate, Duration.ofMinutes(5), 100)).isInstanceOf(VerifiedTokenCache.class);
    }
}
