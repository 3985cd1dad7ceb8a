package io.mediajobs.platform;

import io.mediajobs.common.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Works on at most {@code permits} API calls at once; the others wait their turn in arrival order (a fair
 * {@link Semaphore}) before any security or parsing work, and after {@code maxWait} get 503 in the envelope.
 *
 * <p>Why: a poll is a few hundred microseconds of CPU and one short database round trip. With Tomcat's 200 threads
 * and 50 pollers on 2 cores, all 50 run at once, contend for the cores and the 10 database connections, and whoever
 * loses waits long: on {@code bench/status} (50 connections, a Whisper job on the cores) p99 was 68 ms; with the
 * calls queued fairly in front of a handful of workers it was 41 ms, at higher throughput. Tomcat's own thread limit
 * would do the same but would also cap media streams, which hold a thread for as long as a slow client reads or
 * sends: multipart uploads and {@code …/content} downloads therefore bypass this limit, as do the actuator
 * endpoints (health probes and metrics scrapes must answer most when the API is busiest).
 */
class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final long maxWaitNanos;
    private final ApiErrorWriter errors;

    ConcurrencyLimitFilter(int permits, Duration maxWait, ApiErrorWriter errors) {
        this.permits = new Semaphore(permits, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contentType = request.getContentType();
        return uri.endsWith("/content") || uri.startsWith("/actuator/")
                || (contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            errors.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), ApiErrorWriter.defaultMessage(503));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
