package io.mediajobs.platform;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code temporal} component of {@code /actuator/health}: can we reach the Temporal frontend right now, within
 * {@code mediajobs.temporal.call-timeout}?
 */
@Component("temporal")
class TemporalHealthIndicator implements HealthIndicator {

    private final WorkflowServiceStubs stubs;
    private final Duration timeout;

    TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalClientProperties temporal) {
        this.stubs = stubs;
        this.timeout = temporal.callTimeout();
    }

    @Override
    public Health health() {
        String target = String.valueOf(stubs.getOptions().getTarget());
        try {
            var info = stubs.blockingStub().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return Health.up().withDetail("target", target).withDetail("serverVersion", info.getServerVersion()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("target", target).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
