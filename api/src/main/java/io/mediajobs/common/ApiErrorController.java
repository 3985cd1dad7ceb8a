package io.mediajobs.common;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, replacing Boot's {@code BasicErrorController}): errors that
 * left the application outside Spring MVC (an exception thrown by a servlet filter, a {@code sendError}) answer in
 * the envelope too. An exception is rethrown so that {@link ApiExceptionHandler} maps it exactly as it would inside
 * a controller; a bare status gets {@link ApiErrorWriter#defaultMessage}.
 */
@RestController
class ApiErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:/error}")
    ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) throws Exception {
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        while (error instanceof ServletException wrapper && wrapper.getRootCause() != null) {
            error = wrapper.getRootCause(); // e.g. DispatcherServlet's "Request processing failed"
        }
        if (error instanceof Exception e) {
            throw e;
        }
        if (error != null) {
            throw new ServletException(error);
        }
        // No status: /error was requested directly, it is no resource of the API.
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i && i >= 400 ? i : HttpStatus.NOT_FOUND.value();
        return ApiExceptionHandler.respond(HttpStatusCode.valueOf(code), ApiErrorWriter.defaultMessage(code));
    }
}
