package io.mediajobs.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.workflows.JobFailures;

/** The projection writes of a running engine activity while the database comes and goes. */
class ActivityProgressTest {

    private static final CannotGetJdbcConnectionException DATABASE_DOWN =
            new CannotGetJdbcConnectionException("Connection refused");

    private final JobRepository jobs = mock(JobRepository.class);
    private final ActivityExecutionContext context = mock(ActivityExecutionContext.class);
    private final UUID jobId = UUID.randomUUID();

    @BeforeEach
    void attemptOne() {
        ActivityInfo info = mock(ActivityInfo.class);
        when(info.getAttempt()).thenReturn(1);
        when(context.getInfo()).thenReturn(info);
    }

    @Test
    void aDatabaseOutageAtTheStartDoesNotFailTheWorkWhichIsMarkedProcessingOnceTheDatabaseIsBack() {
        when(jobs.markProcessing(jobId, 1)).thenThrow(DATABASE_DOWN).thenThrow(DATABASE_DOWN).thenReturn(true);
        doThrow(DATABASE_DOWN).when(jobs).reportProgress(eq(jobId), anyInt(), anyInt());

        try (ActivityProgress progress = new ActivityProgress(context, jobs, jobId, 0, 95)) {
            progress.update(0.5);
            verify(jobs, timeout(5_000).times(3)).markProcessing(jobId, 1);
            verify(jobs, timeout(3_000).atLeastOnce()).reportProgress(jobId, 47, 1);
            progress.throwIfStopped(); // the work goes on
        }
        verify(context, atLeastOnce()).heartbeat(new ActivityProgress.Heartbeat<>(0.5, null));
    }

    @Test
    void aJobAlreadyFinalWhenTheWorkStartsIsNotWorkedOn() {
        when(jobs.markProcessing(jobId, 1)).thenReturn(false);

        assertThatThrownBy(() -> new ActivityProgress(context, jobs, jobId, 0, 95))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        e -> assertThat(e.getType()).isEqualTo(JobFailures.JOB_ALREADY_FINAL));
    }

    @Test
    void aJobFoundFinalOnceTheDatabaseIsBackStopsTheWork() throws InterruptedException {
        when(jobs.markProcessing(jobId, 1)).thenThrow(DATABASE_DOWN).thenReturn(false);

        try (ActivityProgress progress = new ActivityProgress(context, jobs, jobId, 0, 95)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the engine working, until the ticker interrupts it
            }
            assertThat(Thread.interrupted()).as("the engine's thread is interrupted").isTrue();
            verify(jobs, times(2)).markProcessing(jobId, 1);
            assertThatThrownBy(progress::throwIfStopped)
                    .isInstanceOfSatisfying(ApplicationFailure.class,
                            e -> assertThat(e.getType()).isEqualTo(JobFailures.JOB_ALREADY_FINAL));
        }
        verify(jobs, times(0)).reportProgress(eq(jobId), anyInt(), anyInt());
    }
}
