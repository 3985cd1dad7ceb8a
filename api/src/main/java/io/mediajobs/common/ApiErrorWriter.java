package io.mediajobs.common;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a failure as the spec's envelope ({@code {"success":false,"message":...}}) where no Spring MVC exception
 * handler can: in servlet filters (security, request limits), in the {@code /error} page and in the servlet
 * container's own error report.
 */
@Component
public class ApiErrorWriter {

    private final JsonMapper json;

    public ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    /**
     * Sets {@code status} and writes the envelope with {@code message} as {@code application/json}, replacing
     * anything buffered but not yet sent. A response already committed is left alone.
     */
    public void write(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(body(message));
    }

    /** The envelope's bytes (UTF-8 JSON) for {@code message}. */
    public byte[] body(String message) {
        return json.writeValueAsBytes(ApiResponse.error(message));
    }

    /**
     * A human message for a bare HTTP status, when nothing more precise is known (an error raised by the servlet
     * container, or a {@code sendError} without a usable reason).
     */
    public static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Bad request: the request is malformed";
            case 401 -> "Authentication required: send 'Authorization: Bearer <token>'";
            case 403 -> "Access denied";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable: the API answers in application/json only";
            case 408 -> "Request timeout: the request was not received in time";
            case 413 -> "Request body is too large";
            case 414 -> "Request URI is too long";
            case 415 -> "Unsupported Content-Type";
            case 431 -> "Request header fields too large";
            case 500 -> "Internal server error";
            case 503 -> "Service unavailable, try again";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known != null ? known.getReasonPhrase() : "HTTP error " + status;
            }
        };
    }
}
