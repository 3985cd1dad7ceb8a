package io.mediajobs.common;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

import io.mediajobs.storage.StorageService;

/** Every failure leaves in the spec's envelope with a human message; internals stay in the log. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final String DATABASE_UNAVAILABLE = "Service unavailable: the database could not be reached, try again";
    static final String STORAGE_UNAVAILABLE = "Service unavailable: file storage could not be reached, try again";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> api(ApiException e) {
        return respond(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException e) {
        // Valid JSON with a value of the wrong type (e.g. {"name": 5}) or out of its type's range: name the field.
        if (e.getCause() instanceof JacksonException cause && !cause.getPath().isEmpty()
                && (cause instanceof MismatchedInputException || cause instanceof InputCoercionException)) {
            JacksonException.Reference field = cause.getPath().get(cause.getPath().size() - 1);
            if (field.getPropertyName() != null) {
                return respond(HttpStatus.BAD_REQUEST,
                        "Invalid value for '" + field.getPropertyName() + "' in the request body");
            }
        }
        return respond(HttpStatus.BAD_REQUEST, "Request body is missing or is not valid JSON");
    }

    /** Tomcat could not decode the query string or form (e.g. {@code ?foo=%ff}, not UTF-8) or it has too many. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiResponse<Void>> invalidParameters(InvalidParameterException e) {
        if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "Too many request parameters");
        }
        return respond(HttpStatus.BAD_REQUEST,
                "Invalid query string: parameters must be percent-encoded UTF-8");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type: " + e.getContentType());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> method(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Void>> missingParam(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "Missing parameter '" + e.getParameterName() + "'");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiResponse<Void>> missingHeader(MissingRequestHeaderException e) {
        return respond(HttpStatus.BAD_REQUEST, "Missing header '" + e.getHeaderName() + "'");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid value for '" + e.getName() + "'");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiResponse<Void>> missingPart(MissingServletRequestPartException e) {
        return respond(HttpStatus.BAD_REQUEST, "Missing multipart field '" + e.getRequestPartName() + "'");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiResponse<Void>> tooLarge(MaxUploadSizeExceededException e) {
        if (partHeadersTooLarge(e)) {
            return respond(HttpStatus.CONTENT_TOO_LARGE,
                    "File name is too long: the multipart part headers exceed the server's limit");
        }
        return respond(HttpStatus.CONTENT_TOO_LARGE, "File is too large: the upload limit was exceeded");
    }

    /** Tomcat reports a part's headers over {@code server.tomcat.max-part-header-size} as a size limit too. */
    private static boolean partHeadersTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SizeLimitExceededException limit
                    && String.valueOf(limit.getMessage()).startsWith("Header section has more than")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiResponse<Void>> multipart(MultipartException e) {
        return respond(HttpStatus.BAD_REQUEST, "Expected a multipart/form-data request with a 'file' field");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Void>> noRoute(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "Not found");
    }

    /**
     * The database did not answer (stopped, unreachable, restarting, pool exhausted): the same request is worth
     * sending again shortly, so 503 within the pool's connection timeout rather than a 500. The pool reconnects by
     * itself once the database is back.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ApiResponse<Void>> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.toString());
        return respond(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
    }

    /**
     * Object storage did not answer or refused to work (endpoint down, credentials, bucket gone): 503 in our words;
     * the SDK's text stays in the log.
     */
    @ExceptionHandler(StorageService.StorageUnavailableException.class)
    ResponseEntity<ApiResponse<Void>> storageUnavailable(StorageService.StorageUnavailableException e) {
        log.warn("Storage unavailable: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
        return respond(HttpStatus.SERVICE_UNAVAILABLE, STORAGE_UNAVAILABLE);
    }

    /**
     * Anything else: Spring's own web exceptions carry their status (e.g. 406, or 400 for a bad binding), so a
     * client error stays a 4xx; only the truly unexpected is a 500. Server errors are logged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            HttpStatusCode status = known.getStatusCode();
            if (status.is5xxServerError()) {
                log.error("Server error", e);
            } else {
                log.debug("Client error", e);
            }
            return respond(status, ApiErrorWriter.defaultMessage(status.value()));
        }
        log.error("Unhandled error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    /**
     * The envelope with {@code status}. Its Content-Type is set explicitly, so Spring writes it as JSON even when
     * the request's {@code Accept} excludes JSON (the API has no other representation to offer).
     */
    static ResponseEntity<ApiResponse<Void>> respond(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiResponse.error(message));
    }
}
