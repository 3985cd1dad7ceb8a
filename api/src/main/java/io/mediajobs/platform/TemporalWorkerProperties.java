package io.mediajobs.platform;

import java.util.List;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This instance's Temporal workers ({@code mediajobs.worker.*}; defaults in application.yml).
 *
 * @param queues      the workers it runs ({@code WORKER_QUEUES}: workflows, speech, noise), applied by
 *                    {@link WorkerQueues} before the starter reads its worker list
 * @param speechSlots transcriptions the speech worker runs at once ({@code SPEECH_SLOTS}); 0 = sized from the cores
 *                    and Whisper's threads ({@link TemporalWorkerConfig#speechSlots})
 * @param noiseSlots  noise removals the noise worker runs at once ({@code NOISE_SLOTS}); 0 = one per core
 */
@ConfigurationProperties("mediajobs.worker")
@Validated
public record TemporalWorkerProperties(
        List<String> queues,
        @PositiveOrZero(message = "must be 0 (sized from the cores) or more (SPEECH_SLOTS)") int speechSlots,
        @PositiveOrZero(message = "must be 0 (one per core) or more (NOISE_SLOTS)") int noiseSlots) {
}
