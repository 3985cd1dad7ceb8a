package io.mediajobs.security;

import io.mediajobs.assets.MediaUrlSigner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * The one filter chain: every {@code /api/**} call is a JWT-authenticated OAuth2 resource-server call whose
 * {@code sub} is the user id. Only health, (in dev mode) the token endpoint and the web app's static files are open.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the worker profile has no web layer
class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonAuthenticationErrors errors) throws Exception {
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
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(failuresTo(errors)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
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
