package io.mediajobs.jobs;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobRepository.ProcessingTime;
import io.mediajobs.persistence.JobType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * {@code estimatedDuration}: per job type, a fixed overhead plus a rate per second of media,
 * {@code seconds = overhead + rate × mediaSeconds}. A single speed factor (processing seconds per media second) does
 * not work: short jobs are dominated by fixed costs (probing, process start-up), so a history of short jobs made
 * long files look ~100 times slower than they are.
 *
 * <p>The two terms are fitted on the (media seconds, processing seconds) pairs of the type's recent completed jobs
 * with the Theil–Sen estimator (H. Theil, "A rank-invariant method of linear and polynomial regression analysis",
 * 1950; P. K. Sen, "Estimates of the regression coefficient based on Kendall's tau", JASA 63, 1968): the rate is the
 * median of the slopes between all pairs of jobs, weighted (as G. L. Sievers, "Weighted rank statistics for simple
 * linear regression", JASA 73, 1978, weights pairwise slopes) by how far apart the pair's lengths are relative to
 * their size, |x₁ − x₂| / (x₁ + x₂): pairs of nearly equal lengths, whose slopes are mostly noise, count little, and
 * no pair counts more than 1, so a few very long jobs cannot outweigh the rest. The overhead is the median residual, weighted by the inverse
 * of each job's expected cost: timing noise grows with a job's length, so short jobs tell the overhead best. Medians
 * make it robust: a minority of outliers (a job slowed by a busy machine) does not move it.
 *
 * <p>History can only separate the two terms when it spans media lengths: at least {@link #MIN_SPREAD_JOBS} jobs
 * (or a tenth of the history) must be at least {@link #SPREAD} times as long as the same number of others. Until
 * then, the history fixes the cost at the lengths it has seen, and the prior supplies the term it cannot see: the
 * rate when the history's jobs are overhead-dominated (short), the overhead when they are rate-dominated (long). The
 * prior is what {@link EngineCalibration} measured on this worker at start-up (noise removal), else the configured
 * one ({@code mediajobs.estimates.*}; an API-only instance never calibrates). No history at all: the prior alone.
 */
@Component
class EstimatedDurations {

    static final int HISTORY = 50;
    static final int MIN_HISTORY = 3;
    static final int MIN_SPREAD_JOBS = 3;
    static final double SPREAD = 2.0;

    /**
     * What a job costs: {@code overheadSeconds} whatever its length, plus {@code secondsPerMediaSecond} per second of
     * media; both in seconds of processing (from the engine starting to the job completing).
     */
    record Cost(double overheadSeconds, double secondsPerMediaSecond) {

        double seconds(double mediaSeconds) {
            return overheadSeconds + secondsPerMediaSecond * mediaSeconds;
        }
    }

    private final JobRepository jobs;
    private final EngineCalibration calibration;
    private final Cost noisePrior;
    private final Cost subtitlePrior;

    EstimatedDurations(JobRepository jobs, EngineCalibration calibration, EstimateProperties estimates) {
        this.jobs = jobs;
        this.calibration = calibration;
        this.noisePrior = new Cost(estimates.overheadSeconds(), estimates.noiseRemovalSecondsPerMediaSecond());
        this.subtitlePrior = new Cost(estimates.overheadSeconds(), estimates.subtitleGenerationSecondsPerMediaSecond());
    }

    /** Whole seconds, at least 1, for a job of {@code type} on {@code mediaSeconds} of media. */
    int estimateSeconds(JobType type, double mediaSeconds) {
        return (int) Math.max(1, Math.ceil(cost(type).seconds(mediaSeconds)));
    }

    /** This installation's current cost model of a job type. */
    Cost cost(JobType type) {
        Cost prior = calibration.measured(type)
                .orElse(type == JobType.NOISE_REMOVAL ? noisePrior : subtitlePrior);
        return fit(jobs.recentProcessingTimes(type, HISTORY), prior);
    }

    /** The cost model the history supports, the prior filling in what it cannot tell (see the class comment). */
    static Cost fit(List<ProcessingTime> history, Cost prior) {
        List<ProcessingTime> jobs = new ArrayList<>();
        for (ProcessingTime job : history) {
            if (job.mediaSeconds() > 0 && Double.isFinite(job.mediaSeconds())
                    && job.processingSeconds() >= 0 && Double.isFinite(job.processingSeconds())) {
                jobs.add(job);
            }
        }
        if (jobs.size() < MIN_HISTORY) {
            return prior;
        }
        if (spansLengths(jobs)) {
            double rate = weightedMedianSlope(jobs);
            if (rate > 0) {
                return new Cost(overhead(jobs, rate, prior), rate);
            }
        }
        return anchored(jobs, prior);
    }

    /** The weighted median residual at this rate (weights: 1 / the job's expected cost), at least 0. */
    private static double overhead(List<ProcessingTime> jobs, double rate, Cost prior) {
        double[] residuals = new double[jobs.size()];
        double[] weights = new double[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            ProcessingTime job = jobs.get(i);
            residuals[i] = job.processingSeconds() - rate * job.mediaSeconds();
            weights[i] = 1 / (Math.max(prior.overheadSeconds(), 0.1) + rate * job.mediaSeconds());
        }
        return Math.max(0, weightedMedian(residuals, weights));
    }

    /** At least k jobs at least {@link #SPREAD} times as long as k others, k = max(3, a tenth of the history). */
    static boolean spansLengths(List<ProcessingTime> jobs) {
        double[] lengths = jobs.stream().mapToDouble(ProcessingTime::mediaSeconds).sorted().toArray();
        int k = Math.max(MIN_SPREAD_JOBS, (int) Math.ceil(lengths.length / 10.0));
        return lengths.length >= 2 * k && lengths[lengths.length - k] >= SPREAD * lengths[k - 1];
    }

    /** History that cannot separate the terms fixes the cost at its typical length; the prior supplies the split. */
    private static Cost anchored(List<ProcessingTime> jobs, Cost prior) {
        double typicalLength = median(jobs.stream().mapToDouble(ProcessingTime::mediaSeconds).toArray());
        if (prior.overheadSeconds() >= prior.secondsPerMediaSecond() * typicalLength) {
            // Short jobs: they show the overhead; the rate is the prior's.
            return new Cost(overhead(jobs, prior.secondsPerMediaSecond(), prior), prior.secondsPerMediaSecond());
        }
        // Long jobs: they show the rate; the overhead is the prior's.
        double rate = median(jobs.stream()
                .mapToDouble(j -> (j.processingSeconds() - prior.overheadSeconds()) / j.mediaSeconds()).toArray());
        if (rate > 0) {
            return new Cost(prior.overheadSeconds(), rate);
        }
        // Faster than the prior's overhead alone: that overhead is wrong, so the history's speed is all we have.
        return new Cost(0, median(jobs.stream().mapToDouble(j -> j.processingSeconds() / j.mediaSeconds()).toArray()));
    }

    /**
     * The weighted Theil–Sen slope: the median of pairwise slopes, each weighted by its relative length difference;
     * NaN when all jobs have the same length.
     */
    static double weightedMedianSlope(List<ProcessingTime> jobs) {
        int n = jobs.size();
        double[] slopes = new double[n * (n - 1) / 2];
        double[] weights = new double[slopes.length];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = jobs.get(j).mediaSeconds() - jobs.get(i).mediaSeconds();
                if (dx != 0) {
                    slopes[pairs] = (jobs.get(j).processingSeconds() - jobs.get(i).processingSeconds()) / dx;
                    weights[pairs] = Math.abs(dx) / (jobs.get(j).mediaSeconds() + jobs.get(i).mediaSeconds());
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN
                : weightedMedian(Arrays.copyOf(slopes, pairs), Arrays.copyOf(weights, pairs));
    }

    /** The value at which half the total weight lies at or below it. */
    static double weightedMedian(double[] values, double[] weights) {
        Integer[] order = new Integer[values.length];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            order[i] = i;
            total += weights[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double cumulative = 0;
        for (int i : order) {
            cumulative += weights[i];
            if (cumulative >= total / 2) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
