package io.mediajobs.platform;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code temporal} component of {@code /actuator/health}: can we reach the Temporal frontend right now? */
@Component("temporal")
class TemporalHealthIndicator implements HealthIndicator {

    private final WorkflowServiceStubs stubs;
    private final String target;

    TemporalHealthIndicator(WorkflowServiceStubs stubs,
            org.springframework.core.env.Environment env) {
        this.stubs = stubs;
        this.target = env.getProperty("spring.temporal.connection.target", "unknown");
    }

    @Override
    public Health health() {
        try {
            var info = stubs.blockingStub().withDeadlineAfter(3, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return Health.up().withDetail("target", target).withDetail("serverVersion", info.getServerVersion()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("target", target).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
