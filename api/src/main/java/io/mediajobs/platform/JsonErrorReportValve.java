package io.mediajobs.platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.mediajobs.common.ApiErrorWriter;
import io.mediajobs.common.ByteSizes;

/**
 * Tomcat's error report in the spec's envelope instead of its HTML page. It answers what Tomcat refuses before the
 * application sees the request (a request line or headers over {@code server.max-http-request-header-size}, a
 * malformed request line, {@code %00} in the path) and any error status that nothing else has written a body for.
 * Tomcat reports an oversized request line or header block as a plain 400; this tells them apart: 414 when the
 * request line itself did not fit, 431 when the headers did not.
 */
class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

    /** Tomcat's (localised) message for "request line or headers exceed the buffer", from its own bundle. */
    private static final String HEADER_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    private final ApiErrorWriter errors;
    private final String uriTooLong;
    private final String headersTooLarge;

    /**
     * @param maxHeaderBytes {@code server.max-http-request-header-size}, for the 431 message
     */
    JsonErrorReportValve(ApiErrorWriter errors, HttpLimits limits, long maxHeaderBytes) {
        this.errors = errors;
        this.uriTooLong = RequestLimitsFilter.uriTooLongMessage(limits);
        this.headersTooLarge = "Request header fields too large: the limit is " + ByteSizes.human(maxHeaderBytes)
                + " for the request line and headers together";
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As ErrorReportValve: only errors, only once, never over a body someone else wrote.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // A 400 without a context: Tomcat refused the request's syntax (its line, URL such as %00, or headers).
        String message = status == HttpStatus.BAD_REQUEST.value() && request.getContext() == null
                ? "Bad request: the request line, URL or a header is malformed"
                : ApiErrorWriter.defaultMessage(status);
        if (status == HttpStatus.BAD_REQUEST.value() && throwable instanceof IllegalArgumentException
                && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            // The request URI is only set once the request line was read whole.
            boolean requestLineTooLong = request.getCoyoteRequest().requestURI().isNull();
            status = requestLineTooLong ? HttpStatus.URI_TOO_LONG.value()
                    : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            message = requestLineTooLong ? uriTooLong : headersTooLarge;
            response.setStatus(status);
        }
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter(); // null when the body was already started
            if (writer != null) {
                writer.write(new String(errors.body(message), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error report", e);
        }
    }
}
