package io.mediajobs.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.mediajobs.common.ApiErrorWriter;
import io.mediajobs.common.ByteSizes;

/**
 * Refuses, before any parsing and before authentication, a request target longer than
 * {@link HttpLimits#maxUriLength()} (414) and a JSON body larger than {@link HttpLimits#maxJsonBody()} (413), both in
 * the envelope. A declared {@code Content-Length} is checked up front; a chunked JSON body is read up to the limit
 * and handed on from memory (the limit is small), so a body that turns out larger is never parsed either.
 * Multipart uploads have their own, much larger limits.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

    private final HttpLimits limits;
    private final ApiErrorWriter errors;

    RequestLimitsFilter(HttpLimits limits, ApiErrorWriter errors) {
        this.limits = limits;
        this.errors = errors;
    }

    static String uriTooLongMessage(HttpLimits limits) {
        return "Request URI is too long: the limit is " + limits.maxUriLength() + " characters";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        long uriLength = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
        if (uriLength > limits.maxUriLength()) {
            errors.write(response, HttpStatus.URI_TOO_LONG.value(), uriTooLongMessage(limits));
            return;
        }
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        long max = limits.maxJsonBody().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            tooLarge(response);
            return;
        }
        if (declared < 0) { // chunked: the length is only known once read
            byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE));
            if (body.length > max) {
                tooLarge(response);
                return;
            }
            request = new BufferedBody(request, body);
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        errors.write(response, HttpStatus.CONTENT_TOO_LARGE.value(),
                "Request body is too large: the limit is " + ByteSizes.human(limits.maxJsonBody().toBytes()));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false; // left to Spring MVC, which answers 415
        }
    }

    /** The request with its (already read, size-checked) body served from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
