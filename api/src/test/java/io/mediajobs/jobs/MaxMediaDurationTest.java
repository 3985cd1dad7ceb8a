package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.common.ApiException;
import io.mediajobs.denoise.DenoiseAlgorithm;
import io.mediajobs.platform.DenoiseProperties;
import io.mediajobs.persistence.Asset;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;

/** {@code mediajobs.jobs.max-media-duration}: no job starts, or is retried, on media longer than the limit. */
class MaxMediaDurationTest {

    private static final UUID PROJECT = UUID.randomUUID();
    private static final UUID ASSET = UUID.randomUUID();
    private static final String TOO_LONG = "Media is too long for a job: it lasts 10:00:00, the limit is 6:00:00";

    private final JobRepository jobs = mock(JobRepository.class);
    private final AssetRepository assets = mock(AssetRepository.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    /** Every algorithm offered. */
    private final JobService service = new JobService(jobs, assets, transactions, mock(JobWorkflows.class),
            mock(EstimatedDurations.class), JsonMapper.builder().build(),
            new DenoiseProperties(null, List.of(DenoiseAlgorithm.values())),
            new JobLimitsProperties(3, 100, 500, Duration.ofHours(6)), mock(SubtitleRequestOptions.class));

    private void aliceHasAnAssetLasting(double seconds) {
        Asset asset = mock(Asset.class);
        when(asset.projectId()).thenReturn(PROJECT);
        when(asset.hasAudio()).thenReturn(true);
        when(asset.durationSeconds()).thenReturn(seconds);
        when(assets.findOwned(ASSET, "alice")).thenReturn(Optional.of(asset));
    }

    private JobService.StartJobRequest body() {
        return new JobService.StartJobRequest(ASSET.toString(), PROJECT.toString(), null, null, null, null, null);
    }

    @Test
    void bothJobTypesRefuseMediaLongerThanTheLimitWithA400NamingBothLengths() {
        aliceHasAnAssetLasting(36_000.2);

        for (JobType type : JobType.values()) {
            assertThatThrownBy(() -> service.start("alice", type, body(), null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(e.getMessage()).isEqualTo(TOO_LONG);
                    });
        }
        verify(transactions, never()).execute(any());
    }

    @Test
    void mediaOfExactlyTheLimitIsAccepted() {
        aliceHasAnAssetLasting(6 * 3600);
        UUID id = UUID.randomUUID();
        Job pending = new Job(id, "alice", PROJECT, ASSET, JobType.SUBTITLE_GENERATION, JobStatus.PENDING, 0, 30,
                null, null, null, id.toString(), 0, null, Instant.now(), null, null, null, null);
        when(transactions.execute(any())).thenReturn(pending);

        assertThat(service.start("alice", JobType.SUBTITLE_GENERATION, body(), null)).isEqualTo(pending);
    }

    @Test
    void aRetryIsRefusedToo() {
        aliceHasAnAssetLasting(36_000);
        UUID failedId = UUID.randomUUID();
        Job failed = new Job(failedId, "alice", PROJECT, ASSET, JobType.NOISE_REMOVAL, JobStatus.FAILED, 10, 30, null,
                "Processing failed", null, failedId.toString(), 1, null, Instant.now(), null, Instant.now(), null, null);
        when(jobs.findOwned(failedId, "alice")).thenReturn(Optional.of(failed));
        when(jobs.retryOf(failedId)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.retry("alice", failedId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(TOO_LONG));
        verify(transactions, never()).execute(any());
    }

    @Test
    void lengthsReadAsAClock() {
        assertThat(JobService.clock(0)).isEqualTo("0:00:00");
        assertThat(JobService.clock(5_400.9)).isEqualTo("1:30:00");
        assertThat(JobService.clock(36_000)).isEqualTo("10:00:00");
    }
}
