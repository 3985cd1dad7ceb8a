package io.mediajobs.activities;

import io.mediajobs.workflows.JobActivityOptions;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.subtitles.SubtitleActivities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.ObjectProvider;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.speech.RecognitionFailedException;
import io.mediajobs.speech.UnsupportedSpeechOptionsException;
import io.mediajobs.workflows.subtitles.SubtitleOptions;
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
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), any(), any())).thenAnswer(inv -> {
            TranscriptionListener listener = inv.getArgument(4);
            listener.onProgress(0.5);
            listener.onCheckpoint(afterFirstWindow);
            Thread.sleep(2_500); // past the test environment's 1.6 s heartbeat throttle
            listener.onProgress(1.0);
            return new Transcript(List.of(hello), 60, 2, 0);
        });
        List<Object> heartbeats = new CopyOnWriteArrayList<>();
        env.setActivityHeartbeatListener(Object.class, heartbeats::add);

        List<SubtitleSegment> segments = activities.transcribe(input());

        assertThat(segments).containsExactly(hello);
        // every heartbeat, before the first checkpoint too, has the one shape a retry reads back
        assertThat(heartbeats).isNotEmpty().allSatisfy(details -> assertThat(details).isInstanceOf(java.util.Map.class)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("fraction", "checkpoint"));
        assertThat(heartbeats).anySatisfy(details -> assertThat(((java.util.Map<?, ?>) details).get("checkpoint"))
                .isNotNull());
        verify(projection, atLeastOnce()).reportProgress(eq(UUID.fromString(jobId)), anyInt(), anyInt());
    }

    @Test
    void aRetryResumesFromTheLastHeartbeatCheckpoint() {
        TranscriptionCheckpoint earlier = new TranscriptionCheckpoint(30.0,
                List.of(new SubtitleSegment(1.0, 2.0, "Already done")));
        env.setHeartbeatDetails(new ActivityProgress.Heartbeat<>(0.5, earlier));
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), eq(earlier), any()))
                .thenReturn(new Transcript(earlier.segments(), 60, 1, 1));

        assertThat(activities.transcribe(input())).isEqualTo(earlier.segments());
    }

    /**
     * The attempt before died before its first checkpoint, so its last heartbeat carried progress only (before the
     * fix: a bare number, which failed every retry with "Cannot construct TranscriptionCheckpoint from Number").
     */
    @Test
    void aRetryAfterAProgressOnlyHeartbeatStartsOver() {
        env.setHeartbeatDetails(new ActivityProgress.Heartbeat<>(0.12, null));
        List<SubtitleSegment> all = List.of(new SubtitleSegment(1.0, 2.0, "From the start"));
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), isNull(), any()))
                .thenReturn(new Transcript(all, 60, 2, 0));

        assertThat(activities.transcribe(input())).isEqualTo(all);
    }

    /** Details of an older release (a bare progress number, a bare checkpoint) or garbage: start over, not fail. */
    @ParameterizedTest
    @MethodSource("unknownDetails")
    void aRetryWithUnreadableHeartbeatDetailsStartsOver(Object details) {
        env.setHeartbeatDetails(details);
        List<SubtitleSegment> all = List.of(new SubtitleSegment(1.0, 2.0, "From the start"));
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), isNull(), any()))
                .thenReturn(new Transcript(all, 60, 2, 0));

        assertThat(activities.transcribe(input())).isEqualTo(all);
    }

    static List<Object> unknownDetails() {
        return List.of(0.42, new TranscriptionCheckpoint(30.0, List.of(new SubtitleSegment(1, 2, "old shape"))),
                "garbage", java.util.Map.of("fraction", "not a number"));
    }

    @Test
    void theOptionsReachTheEngineAndLanguageAndModelComeBack() {
        SubtitleOptions options = new SubtitleOptions("auto", "translate", "Grüße", 32, 1);
        SubtitleSegment hallo = new SubtitleSegment(0.5, 1.5, "Hello");
        when(engine.transcribe(any(), eq(AUDIO_TRACK), eq(options), isNull(), any()))
                .thenReturn(new Transcript(List.of(hallo), 60, 1, 0, "de", 0.93, "base"));

        SubtitleActivities.SubtitleResult result = activities.transcribeSpeech(
                new SubtitleActivities.TranscribeInput(jobId, "p/source.wav", 60, AUDIO_TRACK, options));

        assertThat(result).isEqualTo(new SubtitleActivities.SubtitleResult(List.of(hallo), "de", 0.93, "base"));
    }

    @Test
    void optionsTheModelCannotHonourFailTheJobAtOnceInWords() {
        String message = "The prompt is 300 tokens long; at most 224 are allowed";
        when(engine.transcribe(any(), any(), any(), any(), any()))
                .thenThrow(new UnsupportedSpeechOptionsException(message));

        assertThatThrownBy(() -> activities.transcribeSpeech(input()))
                .isInstanceOf(io.temporal.failure.ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(JobFailures.ENGINE_REJECTED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo(message);
                });
    }

    @Test
    void aRecognizerErrorFailsTheJobAtOnceWithTheEnginesMessage() {
        String message = "Speech recognition failed on the audio from 0:27.1 to 0:51.3; the speech engine rejects"
                + " this part of the media, so retrying will not help";
        when(engine.transcribe(any(), any(), any(), any(), any())).thenThrow(new RecognitionFailedException(message,
                new RecognitionFailedException("whisper.cpp failed to transcribe 24.20 s of audio (error code -5)",
                        null)));

        assertThatThrownBy(() -> activities.transcribe(input()))
                .isInstanceOf(io.temporal.failure.ActivityFailure.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(JobFailures.ENGINE_REJECTED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).isEqualTo(message);
                });
        assertThat(JobFailures.USER_FACING_TYPES).contains(JobFailures.ENGINE_REJECTED);
        assertThat(JobActivityOptions.engine(60, "media-jobs-speech").getRetryOptions().getDoNotRetry())
                .contains(JobFailures.ENGINE_REJECTED);
    }

    @Test
    void cancelIsReportedAsCancellationEvenWhenTheEngineThrowsItsOwnInterruption() {
        when(engine.transcribe(any(), eq(AUDIO_TRACK), any(), any(), any())).thenAnswer(inv -> {
            TranscriptionListener listener = inv.getArgument(4);
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
        verify(engine, org.mockito.Mockito.never()).transcribe(any(), any(), any(), any(), any());
    }

    private SubtitleActivities.TranscribeInput input() {
        return new SubtitleActivities.TranscribeInput(jobId, "p/source.wav", 60, AUDIO_TRACK);
    }
}
