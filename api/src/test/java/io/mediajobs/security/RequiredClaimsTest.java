package io.mediajobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class RequiredClaimsTest {

    private final OAuth2TokenValidator<Jwt> validator = RequiredClaims.validator();

    private boolean valid(Consumer<Jwt.Builder> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(Instant.now());
        claims.accept(jwt);
        return !validator.validate(jwt.build()).hasErrors();
    }

    @Test
    void needsANonBlankSubjectAndAnExpiry() {
        Instant exp = Instant.now().plusSeconds(60);
        assertThat(valid(j -> j.subject("alice").expiresAt(exp))).isTrue();
        assertThat(valid(j -> j.expiresAt(exp))).as("no sub").isFalse();
        assertThat(valid(j -> j.subject(" ").expiresAt(exp))).as("blank sub").isFalse();
        assertThat(valid(j -> j.subject("alice"))).as("no exp").isFalse();
    }
}
