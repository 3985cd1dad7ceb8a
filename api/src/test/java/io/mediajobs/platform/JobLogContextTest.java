package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.Header;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

class JobLogContextTest {

    @Test
    void anActivityLogsWithItsJobIdAndWorkflowIdWhichAreGoneAfterwards() {
        ActivityExecutionContext context = mock(ActivityExecutionContext.class, RETURNS_DEEP_STUBS);
        when(context.getInfo().getWorkflowId()).thenReturn("6f1c2b0e-job");
        ActivityInboundCallsInterceptor next = mock(ActivityInboundCallsInterceptor.class);
        Map<String, String> seen = new HashMap<>();
        when(next.execute(any())).thenAnswer(call -> {
            seen.putAll(MDC.getCopyOfContextMap());
            return new ActivityInboundCallsInterceptor.ActivityOutput(null);
        });

        ActivityInboundCallsInterceptor intercepted = new JobLogContext().jobLogContextInterceptor()
                .interceptActivity(next);
        intercepted.init(context);
        intercepted.execute(new ActivityInboundCallsInterceptor.ActivityInput(Header.empty(), new Object[0]));

        assertThat(seen).containsEntry("jobId", "6f1c2b0e-job").containsEntry("workflowId", "6f1c2b0e-job");
        assertThat(MDC.get("jobId")).isNull();
    }

    @Test
    void aJobRequestLogsWithTheJobIdOfItsPath() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/ai/jobs/abc");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("jobId", "abc"));
        JobLogContext.JobRequests interceptor = new JobLogContext.JobRequests();

        interceptor.preHandle(request, new MockHttpServletResponse(), new Object());
        assertThat(MDC.get("jobId")).isEqualTo("abc");
        assertThat(MDC.get("workflowId")).isEqualTo("abc");
        interceptor.afterCompletion(request, new MockHttpServletResponse(), new Object(), null);
        assertThat(MDC.get("jobId")).isNull();
    }
}
