package io.mediajobs.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Dev mode ({@code mediajobs.dev-auth.enabled=true}, set by the dev profile only): self-issued tokens. */
@Configuration
@ConditionalOnProperty(name = "mediajobs.dev-auth.enabled", havingValue = "true")
class DevAuthConfig {

    @Bean
    DevTokenIssuer devTokenIssuer(@Value("${mediajobs.dev-auth.key-file}") Path keyFile,
            @Value("${mediajobs.dev-auth.token-ttl:PT12H}") Duration ttl) {
        return new DevTokenIssuer(keyFile, ttl);
    }

    @Bean
    JwtDecoder devJwtDecoder(DevTokenIssuer issuer) {
        return issuer.decoder();
    }
}
