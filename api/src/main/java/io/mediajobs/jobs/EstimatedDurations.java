package io.mediajobs.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code estimatedDuration}: the asset's length times how fast this installation actually processes that job type
 * (median over its recent completed jobs), plus a fixed start-up overhead. Until a type has history, the speed
 * measured by the benchmark on the reference machine is the prior.
 */
@Component
class EstimatedDurations {

    private static final int HISTORY = 20;

    private final JobStore store;
    private final double noisePrior;
    private final double subtitlePrior;
    private final double overheadSeconds;

    EstimatedDurations(JobStore store,
            @Value("${mediajobs.estimates.noise-removal-seconds-per-media-second:0.05}") double noisePrior,
            @Value("${mediajobs.estimates.subtitle-generation-seconds-per-media-second:0.25}") double subtitlePrior,
            @Value("${mediajobs.estimates.overhead-seconds:3}") double overheadSeconds) {
        this.store = store;
        this.noisePrior = noisePrior;
        this.subtitlePrior = subtitlePrior;
        this.overheadSeconds = overheadSeconds;
    }

    int estimateSeconds(JobType type, double mediaSeconds) {
        return (int) Math.ceil(overheadSeconds + mediaSeconds * secondsPerMediaSecond(type));
    }

    double secondsPerMediaSecond(JobType type) {
        List<Double> observed = new ArrayList<>(store.recentSpeedFactors(type, HISTORY));
        observed.removeIf(f -> f == null || !(f > 0) || f.isInfinite());
        if (observed.isEmpty()) {
            return type == JobType.NOISE_REMOVAL ? noisePrior : subtitlePrior;
        }
        Collections.sort(observed);
        int n = observed.size();
        return n % 2 == 1 ? observed.get(n / 2) : (observed.get(n / 2 - 1) + observed.get(n / 2)) / 2;
    }
}
