package io.mediajobs.activities;

import io.mediajobs.workflows.subtitles.SubtitleActivities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.speech.Transcript;
import io.mediajobs.speech.TranscriptionCheckpoint;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.TranscriptionInterruptedException;
import io.mediajobs.speech.TranscriptionListener;
import io.mediajobs.storage.LocalFileStorageService;

/** The subtitle activity's contract with Temporal: checkpoints out, resume in, progress written, cancel honoured. */
class SubtitleActivitiesImplTest {

    /** The source track every input names; the engine must be asked for exactly it. */
    private static final Integer AUDIO_TRACK = 1;

    @TempDir
    Path storageRoot;

    private TestActivityEnvironment env;
    private TranscriptionEngine engine;
    private JobRepository projection;
    private SubtitleActivities activities;
    private final String jobId = UUID.randomUUID().toString();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        Files.createDirectories(storageRoot.resolve("p"));
        Files.write(storageRoot.resolve("p/source.wav"), new byte[] {1, 2, 3});
        engine = mock(TranscriptionEngine.class);
        ObjectProvider<TranscriptionEngine> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(engine);
        projection = mock(JobRepository.class);
        when(projection.markProcessing(any(), anyInt())).thenReturn(true);
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(
                new SubtitleActivitiesImpl(provider, new LocalFileStorageService(storageRoot), projection));
        activities = env.newActivityStub(SubtitleActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(2)) // the test environment throttles heartbeats to 80 % of it
                .build());
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void heartbeatsCheckpointsWritesProgressAndReturnsTheSegments() {
        SubtitleSegment hello = new SubtitleSegment(0.5, 1.5, "Hello there");
        TranscriptionCheckpoint afterFirstWindow = new TranscriptionCheckpoint(30.0, List.of(hello));
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), any())).thenAnswer(inv -> {
            TranscriptionListener listener = inv.getArgument(3);
            listener.onProgress(0.5);
            listener.onCheckpoint(afterFirstWindow);
            Thread.sleep(1_500); // long enough for the ticker to heartbeat and write progress
            listener.onProgress(1.0);
            return new Transcript(List.of(hello), 60, 2, 0);
        });
        List<TranscriptionCheckpoint> heartbeats = new CopyOnWriteArrayList<>();
        env.setActivityHeartbeatListener(TranscriptionCheckpoint.class, heartbeats::add);

        List<SubtitleSegment> segments = activities.transcribe(input());

        assertThat(segments).containsExactly(hello);
        assertThat(heartbeats).contains(afterFirstWindow);
        verify(projection, atLeastOnce()).reportProgress(eq(UUID.fromString(jobId)), anyInt(), anyInt());
    }

    @Test
    void aRetryResumesFromTheLastHeartbeatCheckpoint() {
        TranscriptionCheckpoint earlier = new TranscriptionCheckpoint(30.0,
                List.of(new SubtitleSegment(1.0, 2.0, "Already done")));
        env.setHeartbeatDetails(earlier);
        when(engine.transcribe(any(), eq(AUDIO_TRACK), eq(earlier), any())).thenReturn(new Transcript(earlier.segments(), 60, 1, 1));

        assertThat(activities.transcribe(input())).isEqualTo(earlier.segments());
    }

    @Test
    void cancelIsReportedAsCancellationEvenWhenTheEngineThrowsItsOwnInterruption() {
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), any())).thenAnswer(inv -> {
            TranscriptionListener listener = inv.getArgument(3);
            try {
                for (int i = 0; i < 600; i++) {
                    listener.onProgress(i / 600.0);
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                throw new TranscriptionInterruptedException("Transcription interrupted", e);
            }
            return new Transcript(List.of(), 60, 1, 0);
        });
        new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                return;
            }
            env.requestCancelActivity();
        }).start();

        // Without the activity's own check this surfaces as a (retryable) TranscriptionInterruptedException failure.
        assertThatThrownBy(() -> activities.transcribe(input())).isInstanceOf(CanceledFailure.class);
    }

    @Test
    void aJobThatEndedWhileWaitingForAWorkerIsNotProcessed() {
        when(projection.markProcessing(any(), anyInt())).thenReturn(false); // e.g. cancelled while queued

        assertThatThrownBy(() -> activities.transcribe(input()))
                .isInstanceOf(io.temporal.failure.ActivityFailure.class)
                .hasMessageContaining("The job was already finished before its work started");
        verify(engine, org.mockito.Mockito.never()).transcribe(any(), any(), any(), any());
    }

    private SubtitleActivities.TranscribeInput input() {
        return new SubtitleActivities.TranscribeInput(jobId, "p/source.wav", 60, AUDIO_TRACK);
    }
}
