package io.mediajobs.platform;

import java.time.Duration;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.WorkerTuner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TemporalWorkerConfig {

    /**
     * Workflow and local activity slots of the engine workers: they run no workflows, and a few slots are plenty for
     * anything that may still land there.
     */
    private static final int ENGINE_WORKER_OTHER_SLOTS = 2;

    /**
     * Heartbeats reach the server at least every second, so a cancel is seen by the engine within about a second
     * (the SDK otherwise throttles to 80 % of the heartbeat timeout). With the in-memory test server, sticky
     * queues are off: after a worker crash they otherwise hang workflow tasks. The speech and noise workers get
     * activity slots sized to the machine ({@link #speechSlots}, {@link #noiseSlots}): an engine is CPU-bound, so a
     * task beyond the cores would only slow every job down, while left on the queue another worker can take it.
     */
    @Bean
    WorkerOptionsCustomizer mediaJobsWorkerOptions(TemporalClientProperties temporal, TemporalWorkerProperties worker,
            WhisperProperties whisper) {
        int cores = Runtime.getRuntime().availableProcessors();
        return (WorkerOptions.Builder builder, String workerName, String taskQueue) -> {
            builder.setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
                    .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1));
            if (temporal.embeddedTestServer()) {
                builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
            }
            switch (workerName) {
                case "speech" -> builder.setWorkerTuner(engineTuner(speechSlots(cores, whisper, worker.speechSlots())));
                case "noise" -> builder.setWorkerTuner(engineTuner(noiseSlots(cores, worker.noiseSlots())));
                default -> {
                    // The workflows worker: workflow tasks and projection writes are short; the SDK's defaults fit.
                }
            }
            return builder;
        };
    }

    /**
     * Concurrent transcriptions: {@code SPEECH_SLOTS} if set, else as many as the cores hold at Whisper's threads
     * per context, and never more than the pool's contexts (a job beyond them would wait inside its slot).
     * With the defaults (threads = cores / pool) that is the pool size.
     */
    static int speechSlots(int cores, WhisperProperties whisper, int configured) {
        if (configured > 0) {
            return configured;
        }
        return Math.min(whisper.contexts(cores), Math.max(1, cores / whisper.threadsPerContext(cores)));
    }

    /**
     * Concurrent noise removals: {@code NOISE_SLOTS} if set, else one per core (a job is one DSP thread fed and
     * drained by FFmpeg processes that use a fraction of a core).
     */
    static int noiseSlots(int cores, int configured) {
        return configured > 0 ? configured : Math.max(1, cores);
    }

    private static WorkerTuner engineTuner(int activitySlots) {
        return new CompositeTuner(
                new FixedSizeSlotSupplier<>(ENGINE_WORKER_OTHER_SLOTS),
                new FixedSizeSlotSupplier<>(activitySlots),
                new FixedSizeSlotSupplier<>(ENGINE_WORKER_OTHER_SLOTS),
                new FixedSizeSlotSupplier<>(ENGINE_WORKER_OTHER_SLOTS));
    }
}
