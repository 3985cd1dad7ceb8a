package io.mediajobs.security;

import io.mediajobs.assets.MediaUrlSigner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * The one filter chain: every {@code /api/**} call is a JWT-authenticated OAuth2 resource-server call whose
 * {@code sub} is the user id. Only health, info, the OpenAPI document and Swagger UI (when springdoc serves them),
 * the web app's static files and, in dev mode, the token endpoint are open. The other actuator endpoints (prometheus) follow
 * {@link ActuatorAccessProperties}: open, or a bearer token with the metrics scope.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the worker profile has no web layer
@EnableConfigurationProperties({ActuatorAccessProperties.class, TokenCacheProperties.class}) // also in @WebMvcTest slices that import this
class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonAuthenticationErrors errors,
            ActuatorAccessProperties actuator, JwtDecoder decoder, TokenCacheProperties tokenCache) throws Exception {
        http
                .csrf(csrf -> csrf.disable()) // stateless bearer tokens, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/dev/token").permitAll()
                        // The web app's page and bundles; it signs in by itself.
                        .requestMatchers(HttpMethod.GET, "/", "/assets/**").permitAll()
                        // Media elements cannot send a bearer token: the signed link is the credential.
                        .requestMatchers(MediaUrlSigner::isSignedContentRequest).permitAll()
                        .requestMatchers("/error").permitAll()
                        // Served only when springdoc.api-docs / springdoc.swagger-ui are enabled (dev profile).
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").access(actuatorAccess(actuator))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        // Boot's decoder (issuer/JWK set) or the dev one; a poll every 2-3 s verifies its token once.
                        .jwt(jwt -> jwt.decoder(
                                VerifiedTokenCache.wrap(decoder, tokenCache.ttl(), tokenCache.maxSize())))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(failuresTo(errors)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    /** Health and info are matched (open) before this; the rest of the actuator: see {@link ActuatorAccessProperties}. */
    private static AuthorizationManager<RequestAuthorizationContext> actuatorAccess(ActuatorAccessProperties actuator) {
        if (actuator.open()) {
            return (authentication, context) -> new AuthorizationDecision(true);
        }
        if (actuator.requiredScope() == null || actuator.requiredScope().isBlank()) {
            return AuthenticatedAuthorizationManager.authenticated();
        }
        return AuthorityAuthorizationManager.hasAuthority("SCOPE_" + actuator.requiredScope().strip());
    }

    /**
     * By default the bearer-token filter rethrows an {@code AuthenticationServiceException} (the token could not be
     * checked at all, e.g. the JWK set is unreachable), which would leave as a 500 outside the envelope; here it goes
     * to the entry point like any other authentication failure, which answers 503.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failuresTo(JsonAuthenticationErrors errors) {
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(errors);
        failures.setRethrowAuthenticationServiceException(false);
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    /**
     * Spring Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to the decoder it builds from
     * {@code spring.security.oauth2.resourceserver.jwt.*}; the dev decoder applies the same claims itself.
     */
    @Bean
    OAuth2TokenValidator<Jwt> requiredClaims() {
        return RequiredClaims.validator();
    }
}
