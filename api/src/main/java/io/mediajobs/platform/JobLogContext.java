package io.mediajobs.platform;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;

import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the job a log line is about into the logging MDC as {@code jobId} and {@code workflowId} (equal: a job's
 * workflow id is its job id), so JSON logs ({@code LOG_FORMAT=json}) can be filtered by job across the API and the
 * workers: on the activity's thread for every activity execution, and on the request thread for the job endpoints
 * ({@code /api/ai/jobs/{jobId}/...}). Threads an engine starts itself do not inherit it.
 */
@Configuration
class JobLogContext implements WebMvcConfigurer {

    static final String JOB_ID = "jobId";
    static final String WORKFLOW_ID = "workflowId";

    /** Picked up by the Temporal starter for every worker it creates. */
    @Bean
    WorkerInterceptor jobLogContextInterceptor() {
        return new WorkerInterceptorBase() {
            @Override
            public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
                return new ActivityInboundCallsInterceptorBase(next) {
                    private ActivityExecutionContext context;

                    @Override
                    public void init(ActivityExecutionContext context) {
                        this.context = context;
                        super.init(context);
                    }

                    @Override
                    public ActivityOutput execute(ActivityInput input) {
                        String workflowId = context.getInfo().getWorkflowId();
                        try (MDC.MDCCloseable job = MDC.putCloseable(JOB_ID, workflowId);
                                MDC.MDCCloseable workflow = MDC.putCloseable(WORKFLOW_ID, workflowId)) {
                            return super.execute(input);
                        }
                    }
                };
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JobRequests()).addPathPatterns("/api/ai/jobs/*", "/api/ai/jobs/*/**");
    }

    /** The request's {@code {jobId}} path variable into the MDC while the request is handled. */
    static final class JobRequests implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                    && vars.get(JOB_ID) instanceof String jobId) {
                MDC.put(JOB_ID, jobId);
                MDC.put(WORKFLOW_ID, jobId);
            }
            return true;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                Exception ex) {
            MDC.remove(JOB_ID);
            MDC.remove(WORKFLOW_ID);
        }
    }
}
