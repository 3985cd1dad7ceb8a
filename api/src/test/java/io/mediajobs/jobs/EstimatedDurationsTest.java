package io.mediajobs.jobs;

import io.mediajobs.jobs.EstimatedDurations.Cost;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobRepository.ProcessingTime;
import io.mediajobs.persistence.JobType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@code estimatedDuration} against synthetic histories of an engine whose true cost is 0.3 s per job plus 0.023 s
 * per second of media (noise removal on a busy 2-core worker): whatever the history, a 6 s and a 600 s file are
 * estimated within ±50 %.
 */
class EstimatedDurationsTest {

    private static final Cost TRUE = new Cost(0.3, 0.023);
    /** What a start-up calibration of that engine measures: a little off, as real timings are. */
    private static final Cost CALIBRATED = new Cost(0.35, 0.027);

    private final JobRepository jobs = mock(JobRepository.class);
    private final EngineCalibration calibration = mock(EngineCalibration.class);
    private final EstimatedDurations estimates = new EstimatedDurations(jobs, calibration,
            new EstimateProperties(0.025, 0.1, 3, true));

    private void history(JobType type, List<ProcessingTime> times) {
        when(jobs.recentProcessingTimes(eq(type), anyInt())).thenReturn(times);
    }

    private static ProcessingTime job(double mediaSeconds, double processingSeconds) {
        return new ProcessingTime(mediaSeconds, processingSeconds);
    }

    private static List<ProcessingTime> repeat(int times, ProcessingTime job) {
        return new ArrayList<>(Collections.nCopies(times, job));
    }

    private static void assertWithinHalf(Cost fitted, double mediaSeconds, String history) {
        double truth = TRUE.seconds(mediaSeconds);
        assertThat(fitted.seconds(mediaSeconds)).as("%s s file after %s (fitted %s)", mediaSeconds, history, fitted)
                .isBetween(0.5 * truth, 1.5 * truth);
    }

    @Test
    void thirtyShortJobsNoLongerMakeALongFileLookAHundredTimesSlower() {
        history(JobType.NOISE_REMOVAL, repeat(30, job(6, 0.45)));

        for (Optional<Cost> calibrated : List.of(Optional.<Cost>empty(), Optional.of(CALIBRATED))) {
            when(calibration.measured(JobType.NOISE_REMOVAL)).thenReturn(calibrated);
            Cost cost = estimates.cost(JobType.NOISE_REMOVAL);
            assertWithinHalf(cost, 600, "30 six-second jobs, prior " + calibrated);
            assertWithinHalf(cost, 6, "30 six-second jobs, prior " + calibrated);
        }
        // Was 1,478 s with the median of per-second speeds (0.45 / 6 = 0.075 s per media second, plus 3 s).
        assertThat(estimates.estimateSeconds(JobType.NOISE_REMOVAL, 600)).isBetween(8, 21);
    }

    /** 3 s to 20 min, spread evenly on a log scale. */
    private static double anyLength(Random random) {
        return Math.exp(Math.log(3) + random.nextDouble() * Math.log(1200 / 3.0));
    }

    @Test
    void aHistoryOfVariedLengthsFitsBothTermsWhateverThePrior() {
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            List<ProcessingTime> times = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double media = anyLength(random);
                times.add(job(media, TRUE.seconds(media) * (0.85 + 0.3 * random.nextDouble()))); // ±15 % noise
            }

            Cost cost = EstimatedDurations.fit(times, new Cost(30, 0.5)); // a prior 20 times too slow

            assertThat(cost.secondsPerMediaSecond()).as("seed %d", seed).isCloseTo(0.023, within(0.003));
            assertThat(cost.overheadSeconds()).as("seed %d", seed).isCloseTo(0.3, within(0.3));
            assertWithinHalf(cost, 6, "40 jobs of 3 s to 20 min, seed " + seed);
            assertWithinHalf(cost, 600, "40 jobs of 3 s to 20 min, seed " + seed);
        }
    }

    @Test
    void outliersDoNotMoveTheFit() {
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            List<ProcessingTime> times = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                double media = anyLength(random);
                double seconds = TRUE.seconds(media) * (0.9 + 0.2 * random.nextDouble());
                // One job in five ran on a machine busy with something else: 3 to 10 times slower.
                times.add(job(media, i % 5 == 0 ? seconds * (3 + 7 * random.nextDouble()) : seconds));
            }
            times.add(job(8, 300)); // and one that waited minutes for a lock

            Cost cost = EstimatedDurations.fit(times, CALIBRATED);

            assertWithinHalf(cost, 6, "a history with 20 % outliers, seed " + seed);
            assertWithinHalf(cost, 600, "a history with 20 % outliers, seed " + seed);
        }
    }

    /** {@code shorts} 6 s and {@code longs} 10 min jobs (±15 % noise), one of them 10 times slower, shuffled. */
    private static List<ProcessingTime> mix(int shorts, int longs, Random random) {
        List<ProcessingTime> times = new ArrayList<>();
        for (int i = 0; i < shorts + longs; i++) {
            double media = i < shorts ? 6 : 600;
            times.add(job(media, TRUE.seconds(media) * (0.85 + 0.3 * random.nextDouble())));
        }
        if (times.size() >= 10) {
            int slow = random.nextInt(times.size());
            times.set(slow, job(times.get(slow).mediaSeconds(), times.get(slow).processingSeconds() * 10));
        }
        Collections.shuffle(times, random);
        return times;
    }

    @Test
    void anyMixOfShortAndLongJobsEstimatesBothWithinHalf() {
        Random random = new Random(3);
        for (int run = 0; run < 5; run++) {
            for (int shorts = 0; shorts <= 30; shorts++) {
                for (int longs = 0; longs <= 30; longs++) {
                    Cost cost = EstimatedDurations.fit(mix(shorts, longs, random), CALIBRATED);

                    String history = shorts + " six-second and " + longs + " ten-minute jobs";
                    assertWithinHalf(cost, 6, history);
                    assertWithinHalf(cost, 600, history);
                }
            }
        }
    }

    @Test
    void historyCanSeparateTheTermsOnlyOnceEnoughJobsSpanLengths() {
        List<ProcessingTime> twoLong = repeat(30, job(6, 0.45));
        twoLong.addAll(repeat(2, job(600, 14))); // two long jobs could both be outliers
        assertThat(EstimatedDurations.spansLengths(twoLong)).isFalse();

        List<ProcessingTime> fourLong = repeat(30, job(6, 0.45));
        fourLong.addAll(repeat(4, job(600, 14)));
        assertThat(EstimatedDurations.spansLengths(fourLong)).isTrue();

        assertThat(EstimatedDurations.spansLengths(repeat(50, job(60, 2)))).isFalse();
    }

    @Test
    void withoutHistoryTheCalibrationIsUsedElseTheConfiguredPrior() {
        history(JobType.NOISE_REMOVAL, List.of());
        history(JobType.SUBTITLE_GENERATION, List.of(job(60, 9))); // too little to go by
        when(calibration.measured(JobType.NOISE_REMOVAL)).thenReturn(Optional.of(CALIBRATED));
        when(calibration.measured(JobType.SUBTITLE_GENERATION)).thenReturn(Optional.empty());

        assertThat(estimates.cost(JobType.NOISE_REMOVAL)).isEqualTo(CALIBRATED);
        assertThat(estimates.estimateSeconds(JobType.NOISE_REMOVAL, 600)).isEqualTo(17); // 0.35 + 16.2, rounded up
        assertThat(estimates.cost(JobType.SUBTITLE_GENERATION)).isEqualTo(new Cost(3, 0.1));
        assertThat(estimates.estimateSeconds(JobType.SUBTITLE_GENERATION, 40)).isEqualTo(7);
        assertThat(estimates.estimateSeconds(JobType.SUBTITLE_GENERATION, 0)).isEqualTo(3);
    }

    @Test
    void theCalibrationsTwoTimingsGiveOverheadAndRate() {
        Cost cost = EngineCalibration.costOf(5, TRUE.seconds(5), 40, TRUE.seconds(40));
        assertThat(cost.overheadSeconds()).isCloseTo(0.3, within(1e-9));
        assertThat(cost.secondsPerMediaSecond()).isCloseTo(0.023, within(1e-9));

        // Timing noise made the long clip look no slower: its mean speed, no overhead.
        assertThat(EngineCalibration.costOf(5, 1.0, 40, 0.8)).isEqualTo(new Cost(0, 0.02));
    }
}
