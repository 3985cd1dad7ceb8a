package io.mediajobs.jobs;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EstimatedDurationsTest {

    private final JobRepository jobs = mock(JobRepository.class);
    private final EngineCalibration calibration = mock(EngineCalibration.class);
    private final EstimatedDurations estimates = new EstimatedDurations(jobs, calibration,
            new EstimateProperties(0.05, 0.25, 3, true));

    @Test
    void scalesWithTheAssetAndUsesTheMedianOfRecentJobs() {
        when(jobs.recentSpeedFactors(eq(JobType.NOISE_REMOVAL), anyInt())).thenReturn(List.of(0.1, 0.4, 0.2));
        assertThat(estimates.estimateSeconds(JobType.NOISE_REMOVAL, 100)).isEqualTo(3 + 20);
        assertThat(estimates.estimateSeconds(JobType.NOISE_REMOVAL, 1000)).isEqualTo(3 + 200);
    }

    @Test
    void withTooLittleHistoryTheSpeedMeasuredOnThisWorkerIsUsed() {
        when(jobs.recentSpeedFactors(eq(JobType.SUBTITLE_GENERATION), anyInt())).thenReturn(List.of(9.0));
        when(calibration.secondsPerMediaSecond(JobType.SUBTITLE_GENERATION)).thenReturn(Optional.of(0.5));
        assertThat(estimates.estimateSeconds(JobType.SUBTITLE_GENERATION, 60)).isEqualTo(3 + 30);
    }

    @Test
    void withNothingMeasuredTheConfiguredPriorIsUsed() {
        when(jobs.recentSpeedFactors(eq(JobType.SUBTITLE_GENERATION), anyInt())).thenReturn(List.of());
        when(calibration.secondsPerMediaSecond(JobType.SUBTITLE_GENERATION)).thenReturn(Optional.empty());
        assertThat(estimates.estimateSeconds(JobType.SUBTITLE_GENERATION, 40)).isEqualTo(3 + 10);
    }
}
