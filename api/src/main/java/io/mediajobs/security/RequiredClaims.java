package io.mediajobs.security;

import java.time.Instant;
import java.util.Objects;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * What this API needs of every access token beyond signature, issuer and time checks: a non-blank {@code sub} (the
 * user id that owns projects, assets and jobs) and an {@code exp} (Spring accepts tokens without one, which would
 * never expire). A token lacking either is an invalid token: 401 before any controller sees it.
 */
final class RequiredClaims {

    private RequiredClaims() {
    }

    static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
    }
}
