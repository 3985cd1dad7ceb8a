package io.mediajobs.platform;

import java.time.Duration;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TemporalWorkerConfig {

    /**
     * Heartbeats reach the server at least every second, so a cancel is seen by the engine within about a second
     * (the SDK otherwise throttles to 80 % of the heartbeat timeout). With the in-memory test server, sticky
     * queues are off: after a worker crash they otherwise hang workflow tasks.
     */
    @Bean
    WorkerOptionsCustomizer mediaJobsWorkerOptions(TemporalClientProperties temporal) {
        return (WorkerOptions.Builder builder, String workerName, String taskQueue) -> {
            builder.setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
                    .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1));
            if (temporal.embeddedTestServer()) {
                builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
            }
            return builder;
        };
    }
}
