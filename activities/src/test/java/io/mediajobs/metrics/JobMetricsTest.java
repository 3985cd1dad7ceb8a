package io.mediajobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;
import io.mediajobs.workflows.JobFailures;

class JobMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger countQueries = new AtomicInteger();
    private final JobMetrics metrics = new JobMetrics(registry, () -> {
        countQueries.incrementAndGet();
        return Map.of(new JobMetrics.ActiveKey(JobType.SUBTITLE_GENERATION, JobStatus.PROCESSING), 2);
    });

    @Test
    void completionsCountByTypeAndRecordDurationAndSpeed() {
        metrics.jobSubmitted(JobType.NOISE_REMOVAL);
        metrics.processingStarted(JobType.NOISE_REMOVAL, Duration.ofMillis(1500));
        metrics.completed(JobType.NOISE_REMOVAL, Duration.ofSeconds(12), Duration.ofSeconds(10), 600.0);

        assertThat(registry.get("mediajobs.jobs.started").tag("type", "noise-removal").counter().count()).isEqualTo(1);
        assertThat(registry.get("mediajobs.jobs.completed").tag("type", "noise-removal").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("mediajobs.job.queue.wait").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(1500);
        assertThat(registry.get("mediajobs.job.duration").tags("type", "noise-removal", "status", "completed")
                .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(12);
        // 600 s of media in 10 s of processing: 60 x real time.
        assertThat(registry.get("mediajobs.engine.speed").summary().totalAmount()).isEqualTo(60);
    }

    @Test
    void aJobWithoutMediaLengthOrProcessingTimeRecordsNoSpeed() {
        metrics.completed(JobType.SUBTITLE_GENERATION, Duration.ofSeconds(3), null, 20.0);
        metrics.completed(JobType.SUBTITLE_GENERATION, Duration.ofSeconds(3), Duration.ofSeconds(2), null);
        assertThat(registry.find("mediajobs.engine.speed").summary()).isNull();
    }

    @Test
    void failuresTellUserCancelsFromErrors() {
        metrics.failed(JobType.SUBTITLE_GENERATION, JobFailures.CANCELLED_BY_USER, Duration.ofSeconds(4));
        metrics.failed(JobType.SUBTITLE_GENERATION, "The file has no audio we can decode", Duration.ofSeconds(1));
        metrics.failed(JobType.SUBTITLE_GENERATION, "Some other error", Duration.ofSeconds(1));

        assertThat(registry.get("mediajobs.jobs.failed").tag("cause", "cancelled").counter().count()).isEqualTo(1);
        assertThat(registry.get("mediajobs.jobs.failed").tag("cause", "error").counter().count()).isEqualTo(2);
        assertThat(registry.get("mediajobs.job.duration").tag("status", "failed").timer().count()).isEqualTo(3);
    }

    @Test
    void theActiveGaugeReadsTheCountsOnceForAllItsSeriesWithinItsMaxAge() {
        double processing = registry.get("mediajobs.jobs.active")
                .tags("type", "subtitle-generation", "status", "processing").gauge().value();
        double pending = registry.get("mediajobs.jobs.active")
                .tags("type", "noise-removal", "status", "pending").gauge().value();

        assertThat(processing).isEqualTo(2);
        assertThat(pending).isZero();
        assertThat(countQueries).hasValue(1);
    }

    @Test
    void theActiveGaugeHasNoValueWhileTheDatabaseCannotBeRead() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        new JobMetrics(own, () -> {
            throw new IllegalStateException("database down");
        });
        assertThat(own.get("mediajobs.jobs.active").tags("type", "noise-removal", "status", "pending").gauge()
                .value()).isNaN();
    }
}
