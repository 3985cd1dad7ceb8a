package io.mediajobs.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.common.ApiResponse;

/**
 * 401/403 in the spec's envelope ({@code {"success":false,"message":...}}), with a message that tells the frontend
 * what to do next. These are answered by the security filters, before Spring MVC and its exception handlers.
 */
@Component
class JsonAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    JsonAuthenticationErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
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
        write(response, HttpStatus.UNAUTHORIZED, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Access denied");
    }

    private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(ApiResponse.error(message)));
    }
}
