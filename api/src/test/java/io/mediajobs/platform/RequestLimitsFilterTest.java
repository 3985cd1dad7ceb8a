package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import io.mediajobs.common.ApiErrorWriter;

import tools.jackson.databind.json.JsonMapper;

class RequestLimitsFilterTest {

    private final RequestLimitsFilter filter = new RequestLimitsFilter(
            new HttpLimits(DataSize.ofBytes(16), 40), new ApiErrorWriter(JsonMapper.builder().build()));

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    @Test
    void aDeclaredJsonBodyOverTheLimitIs413WithoutReadingIt() throws Exception {
        run(json("{\"name\":\"seventeen\"}"));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString())
                .isEqualTo("{\"success\":false,\"message\":\"Request body is too large: the limit is 16 bytes\"}");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aChunkedJsonBodyIsCountedAndRefusedOverTheLimit() throws Exception {
        run(chunked(json("{\"name\":\"seventeen\"}")));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aChunkedJsonBodyWithinTheLimitIsHandedOnWhole() throws Exception {
        run(chunked(json("{\"name\":\"ok\"}")));
        assertThat(response.getStatus()).isEqualTo(200);
        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getContentLengthLong()).isEqualTo(13);
        assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"ok\"}");
    }

    @Test
    void aStructuredJsonSuffixCountsAsJson() throws Exception {
        MockHttpServletRequest request = json("{\"name\":\"seventeen\"}");
        request.setContentType("application/merge-patch+json");
        run(request);
        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void otherBodiesAreLeftToTheirOwnLimits() throws Exception {
        MockHttpServletRequest request = json("{\"name\":\"seventeen\"}");
        request.setContentType("multipart/form-data; boundary=x");
        run(request);
        assertThat(chain.getRequest()).isSameAs(request);

        MockHttpServletRequest garbled = json("{\"name\":\"seventeen\"}");
        garbled.setContentType("not a media type");
        MockFilterChain next = new MockFilterChain();
        filter.doFilter(garbled, new MockHttpServletResponse(), next);
        assertThat(next.getRequest()).isSameAs(garbled);
    }

    @Test
    void aRequestTargetOverTheLimitIs414() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/ai/jobs");
        request.setQueryString("projectId=" + "a".repeat(20));
        run(request);
        assertThat(response.getStatus()).isEqualTo(414);
        assertThat(response.getContentAsString()).isEqualTo(
                "{\"success\":false,\"message\":\"Request URI is too long: the limit is 40 characters\"}");
        assertThat(chain.getRequest()).isNull();
    }

    private void run(HttpServletRequest request) throws ServletException, IOException {
        filter.doFilter(request, response, chain);
    }

    private static MockHttpServletRequest json(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/projects");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** As Tomcat presents a chunked body: no length known up front. */
    private static HttpServletRequest chunked(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
    }
}
