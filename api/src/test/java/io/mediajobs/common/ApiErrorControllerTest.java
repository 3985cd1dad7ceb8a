package io.mediajobs.common;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import io.mediajobs.security.WithApiSecurity;

/**
 * The container's error page ({@code /error}): what it is forwarded with (an exception thrown outside Spring MVC,
 * or a bare status) leaves in the envelope, mapped as {@link ApiExceptionHandler} maps it inside a controller.
 */
@WebMvcTest(ApiErrorController.class)
@WithApiSecurity
class ApiErrorControllerTest {

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> forwards() {
        return Stream.of(
                Arguments.of("a filter's upload-size exception", error(500, new MaxUploadSizeExceededException(1)),
                        413, "File is too large: the upload limit was exceeded"),
                Arguments.of("an API exception wrapped in a ServletException",
                        error(500, new ServletException("Request processing failed",
                                ApiException.notFound("Project not found"))),
                        404, "Project not found"),
                Arguments.of("an unexpected exception", error(500, new IllegalStateException("boom")),
                        500, "Internal server error"),
                Arguments.of("a bare 400", error(400, null), 400, "Bad request: the request is malformed"),
                Arguments.of("a bare 413", error(413, null), 413, "Request body is too large"),
                Arguments.of("no error at all: /error requested directly", get("/error"), 404, "Not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwards")
    void answersInTheEnvelope(String description, MockHttpServletRequestBuilder request, int status, String message)
            throws Exception {
        mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().json("{\"success\":false,\"message\":\"" + message + "\"}",
                        JsonCompareMode.STRICT));
    }

    /** What Tomcat sets when it forwards an error to the error page. */
    private static MockHttpServletRequestBuilder error(int status, Throwable exception) {
        MockHttpServletRequestBuilder request = get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status);
        return exception == null ? request : request.requestAttr(RequestDispatcher.ERROR_EXCEPTION, exception);
    }
}
