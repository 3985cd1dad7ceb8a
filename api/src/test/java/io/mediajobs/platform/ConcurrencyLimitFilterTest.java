package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediajobs.common.ApiErrorWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ConcurrencyLimitFilterTest {

    private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(200),
            new ApiErrorWriter(JsonMapper.builder().build()));

    /** A call occupying the single permit until {@link #release()}. */
    private record Holder(CountDownLatch leave, CompletableFuture<Void> call) {
        void release() throws Exception {
            leave.countDown();
            call.get(5, TimeUnit.SECONDS);
        }
    }

    /** Occupies the single permit with a call that stays in the chain until released. */
    private Holder holdThePermit() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(new MockHttpServletRequest("GET", "/api/ai/jobs"), new MockHttpServletResponse(),
                        (request, response) -> {
                            inside.countDown();
                            try {
                                leave.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        return new Holder(leave, call);
    }

    @Test
    void aCallBeyondTheLimitWaitsThenGets503InTheEnvelope() throws Exception {
        Holder first = holdThePermit();

        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/ai/jobs/x"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString())
                .isEqualTo("{\"success\":false,\"message\":\"Service unavailable, try again\"}");
        assertThat(chain.getRequest()).isNull();
        first.release();

        // the permit is back once the first call ends
        MockFilterChain next = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/ai/jobs/x"), new MockHttpServletResponse(), next);
        assertThat(next.getRequest()).isNotNull();
    }

    @Test
    void mediaStreamsAndActuatorEndpointsAreNotCounted() throws Exception {
        Holder first = holdThePermit();
        try {
            MockHttpServletRequest upload = new MockHttpServletRequest("POST", "/api/projects/p/assets");
            upload.setContentType("multipart/form-data; boundary=x");
            for (MockHttpServletRequest request : new MockHttpServletRequest[] {upload,
                    new MockHttpServletRequest("GET", "/api/assets/a/content"),
                    new MockHttpServletRequest("GET", "/actuator/health"),
                    new MockHttpServletRequest("GET", "/actuator/prometheus")}) {
                MockFilterChain chain = new MockFilterChain();
                filter.doFilter(request, new MockHttpServletResponse(), chain);
                assertThat(chain.getRequest()).as(request.getRequestURI()).isNotNull();
            }
        } finally {
            first.release();
        }
    }

    @Test
    void zeroMeansSixPerCore() {
        assertThat(new RequestConcurrency(0, Duration.ofSeconds(10)).permits(2)).isEqualTo(12);
        assertThat(new RequestConcurrency(5, Duration.ofSeconds(10)).permits(2)).isEqualTo(5);
    }
}
