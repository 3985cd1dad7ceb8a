package io.mediajobs.platform;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this application uses Temporal ({@code mediajobs.temporal.*}; defaults in application.yml). The connection
 * itself (address, namespace, workers) is the starter's {@code spring.temporal.*}.
 *
 * @param taskQueue          task queue of the job workflows ({@code TEMPORAL_TASK_QUEUE}); the projection's local
 *                           activities run in the same worker
 * @param embeddedTestServer Temporal is the in-memory Java test server ({@code MEDIAJOBS_TEMPORAL_EMBEDDED}): no
 *                           custom search attributes, no sticky queues
 * @param callTimeout        longest starting or cancelling a workflow may take, retries included, and the health
 *                           check's deadline
 * @param describeTimeout    longest reading a job's live state may take (status endpoint, reconciler)
 * @param speechTaskQueue    task queue of the subtitle jobs' Whisper activities ({@code SPEECH_TASK_QUEUE})
 * @param noiseTaskQueue     task queue of the noise removal jobs' activities ({@code NOISE_TASK_QUEUE})
 */
@ConfigurationProperties("mediajobs.temporal")
@Validated
public record TemporalClientProperties(
        @NotBlank(message = "must be set (TEMPORAL_TASK_QUEUE)") String taskQueue,
        boolean embeddedTestServer,
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT3S") Duration callTimeout,
        @NotNull @DurationMin(millis = 1, message = "must be positive, e.g. PT2S") Duration describeTimeout,
        @NotBlank(message = "must be set (SPEECH_TASK_QUEUE)") String speechTaskQueue,
        @NotBlank(message = "must be set (NOISE_TASK_QUEUE)") String noiseTaskQueue) {
}
