package io.mediajobs.jobs;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * {@code estimatedDuration}: the asset's length times how fast this installation actually processes that job type,
 * plus a fixed start-up overhead. The speed is the median over recent completed jobs of the type once there are a
 * few; before that, what {@link EngineCalibration} measured on this worker at start-up (noise removal); before
 * that, or on an API-only instance, the configured prior from the reference benchmark (docs/benchmarks.md:
 * tiny.en at 8.8-17x real time on 2 cores, so 0.1 s per media second for subtitles).
 */
@Component
class EstimatedDurations {

    private static final int HISTORY = 20;
    private static final int MIN_HISTORY = 3;

    private final JobRepository jobs;
    private final EngineCalibration calibration;
    private final double noisePrior;
    private final double subtitlePrior;
    private final double overheadSeconds;

    EstimatedDurations(JobRepository jobs, EngineCalibration calibration,
            EstimateProperties estimates) {
        this.jobs = jobs;
        this.calibration = calibration;
        this.noisePrior = estimates.noiseRemovalSecondsPerMediaSecond();
        this.subtitlePrior = estimates.subtitleGenerationSecondsPerMediaSecond();
        this.overheadSeconds = estimates.overheadSeconds();
    }

    int estimateSeconds(JobType type, double mediaSeconds) {
        return (int) Math.ceil(overheadSeconds + mediaSeconds * secondsPerMediaSecond(type));
    }

    double secondsPerMediaSecond(JobType type) {
        List<Double> observed = new ArrayList<>(jobs.recentSpeedFactors(type, HISTORY));
        observed.removeIf(f -> f == null || !(f > 0) || f.isInfinite());
        if (observed.size() < MIN_HISTORY) {
            return calibration.secondsPerMediaSecond(type)
                    .orElse(type == JobType.NOISE_REMOVAL ? noisePrior : subtitlePrior);
        }
        Collections.sort(observed);
        int n = observed.size();
        return n % 2 == 1 ? observed.get(n / 2) : (observed.get(n / 2 - 1) + observed.get(n / 2)) / 2;
    }
}
