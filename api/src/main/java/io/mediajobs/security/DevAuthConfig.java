package io.mediajobs.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Dev mode ({@code mediajobs.dev-auth.enabled=true}, set by the dev profile only): self-issued tokens. */
@Configuration
@EnableConfigurationProperties(DevAuthProperties.class) // also when a test slice imports this configuration
@ConditionalOnProperty(name = "mediajobs.dev-auth.enabled", havingValue = "true")
class DevAuthConfig {

    @Bean
    DevTokenIssuer devTokenIssuer(DevAuthProperties devAuth) {
        return new DevTokenIssuer(devAuth.keyFile(), devAuth.tokenTtl());
    }

    @Bean
    JwtDecoder devJwtDecoder(DevTokenIssuer issuer) {
        return issuer.decoder();
    }
}
