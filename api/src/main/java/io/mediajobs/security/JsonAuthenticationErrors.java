package io.mediajobs.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.KeySourceException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import io.mediajobs.common.ApiErrorWriter;

/**
 * What the security filters answer, in the spec's envelope ({@code {"success":false,"message":...}}) with a message
 * that tells the frontend what to do next: 401 (no, bad or expired token), 403, 503 when the token could not be
 * checked because the identity provider (its JWK set) is unreachable, and 400 for URLs the firewall rejects
 * ({@code %2e%2e}, {@code //}, ...). These run before Spring MVC and its exception handlers.
 */
@Component
class JsonAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonAuthenticationErrors.class);

    private final ApiErrorWriter errors;

    JsonAuthenticationErrors(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // A system problem, not a bad token: e.g. the JWK set could not be fetched. The client may retry.
        if (e instanceof AuthenticationServiceException) {
            log.warn("Could not verify an access token: {}", e.getMessage());
            errors.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), identityProviderUnreachable(e)
                    ? "Service unavailable: the identity provider could not be reached, try again"
                    : "Service unavailable: the access token could not be verified, try again");
            return;
        }
        String message;
        String error;
        if (e instanceof InvalidBearerTokenException) {
            String detail = String.valueOf(e.getMessage());
            message = detail.toLowerCase().contains("expired")
                    ? "Session expired: the access token has expired, sign in again"
                    : "Invalid access token: it is malformed or its signature is not trusted";
            error = "invalid_token";
        } else {
            message = "Authentication required: send 'Authorization: Bearer <token>'";
            error = null;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                error == null ? "Bearer" : "Bearer error=\"" + error + "\"");
        errors.write(response, HttpStatus.UNAUTHORIZED.value(), message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        errors.write(response, HttpStatus.FORBIDDEN.value(), "Access denied");
    }

    /** Spring Security's firewall refused the URL (encoded or traversal sequences, {@code //}, ...). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.debug("Rejected request: {}", e.getMessage());
        errors.write(response, HttpStatus.BAD_REQUEST.value(),
                "Invalid URL: encoded or path-traversal sequences such as '..', '//' or '%2e' are not allowed");
    }

    /** The JWK set could not be fetched: a network or I/O failure under the decoder's exception. */
    private static boolean identityProviderUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof KeySourceException) {
                return true;
            }
        }
        return false;
    }
}
