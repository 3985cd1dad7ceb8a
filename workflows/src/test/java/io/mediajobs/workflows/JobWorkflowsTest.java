package io.mediajobs.workflows;

import io.mediajobs.workflows.noise.NoiseRemovalWorkflow;
import io.mediajobs.workflows.noise.NoiseRemovalWorkflowImpl;
import io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflow;
import io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflowImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.noise.NoiseRemovalActivities;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.CleanedAudio;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.ResultAsset;
import io.mediajobs.workflows.ProjectionActivities;
import io.mediajobs.workflows.subtitles.SubtitleActivities;
import io.mediajobs.workflows.subtitles.SubtitleActivities.SubtitleResult;
import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

/**
 * The job workflows' decisions with mocked activities on Temporal's in-memory test server. Set
 * {@code -Drecord.histories=true} to rewrite the histories {@link JobWorkflowsReplayTest} replays.
 */
class JobWorkflowsTest {

    private static final String QUEUE = "test-queue";
    /** The engines' own queues, as production names them in the request (SPEECH_TASK_QUEUE, NOISE_TASK_QUEUE). */
    private static final String SPEECH_QUEUE = "test-queue-speech";
    private static final String NOISE_QUEUE = "test-queue-noise";
    /** The source's audio stream every test request names (its second one). */
    private static final int AUDIO_TRACK = 1;

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private ProjectionActivities projection;
    private NoiseRemovalActivities noise;
    private SubtitleActivities speech;

    @BeforeEach
    void setUp() {
        env = TestWorkflowEnvironment.newInstance();
        // As in production (TemporalWorkerConfig): heartbeats sent every second, so a cancel arrives promptly.
        Worker worker = env.newWorker(QUEUE, WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
                .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1))
                .build());
        worker.registerWorkflowImplementationTypes(NoiseRemovalWorkflowImpl.class, SubtitleGenerationWorkflowImpl.class);
        projection = mock(ProjectionActivities.class, withSettings().withoutAnnotations());
        noise = mock(NoiseRemovalActivities.class, withSettings().withoutAnnotations());
        speech = mock(SubtitleActivities.class, withSettings().withoutAnnotations());
        // Requests without a queue (recorded before the split) run their activities here, on the workflow's queue.
        worker.registerActivitiesImplementations(projection, noise, speech);
        env.newWorker(NOISE_QUEUE).registerActivitiesImplementations(noise);
        env.newWorker(SPEECH_QUEUE).registerActivitiesImplementations(speech);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void noiseRemovalDenoisesStoresTheResultAssetAndCompletes() {
        JobRequest request = request(new JobRequest.NoiseOptions("spectral", "high", true, "wav"));
        when(noise.removeNoise(any())).thenAnswer(inv -> {
            NoiseRemovalActivities.RemoveNoiseInput in = inv.getArgument(0);
            return new CleanedAudio(in.projectId() + "/" + in.jobId() + ".wav", 1234, 6.5, 48000, 1, "pcm_s16le",
                    "audio/wav");
        });
        when(noise.storeResultAsset(any())).thenAnswer(inv -> {
            NoiseRemovalActivities.StoreResultInput in = inv.getArgument(0);
            return new ResultAsset(UUID.randomUUID().toString(), "/uploads/" + in.projectId() + "/result.wav");
        });

        NoiseRemovalWorkflow workflow = client.newWorkflowStub(NoiseRemovalWorkflow.class, options(request));
        JobOutputData output = workflow.removeNoise(request);

        ArgumentCaptor<NoiseRemovalActivities.RemoveNoiseInput> input =
                ArgumentCaptor.forClass(NoiseRemovalActivities.RemoveNoiseInput.class);
        verify(noise).removeNoise(input.capture());
        assertThat(input.getValue().outputFormat()).isEqualTo("wav");
        ArgumentCaptor<NoiseRemovalActivities.StoreResultInput> stored =
                ArgumentCaptor.forClass(NoiseRemovalActivities.StoreResultInput.class);
        verify(noise).storeResultAsset(stored.capture());
        assertThat(input.getValue().projectId()).isEqualTo(request.projectId());
        assertThat(stored.getValue().outputStorageKey())
                .isEqualTo(request.projectId() + "/" + request.jobId() + ".wav");
        assertThat(stored.getValue().output().durationSeconds()).as("the engine's measurements reach registration")
                .isEqualTo(6.5);
        assertThat(input.getValue().algorithm()).isEqualTo("spectral");
        assertThat(input.getValue().normalizeLoudness()).isTrue();
        assertThat(input.getValue().audioTrack()).isEqualTo(AUDIO_TRACK);
        assertThat(output.audioTrack()).isEqualTo(AUDIO_TRACK);
        assertThat(output.resultAssetPath()).isEqualTo("/uploads/" + request.projectId() + "/result.wav");
        assertThat(output.resultAssetId()).isNotBlank();
        verify(projection).markCompleted(request.jobId(), output);
        verify(projection, never()).markFailed(anyString(), anyString());
        record("noise-removal-completed", request.jobId());
    }

    @Test
    void engineActivitiesRunOnTheQueueTheRequestNamesAndProjectionWritesInTheWorkflowWorker() {
        JobRequest request = request(JobRequest.NoiseOptions.defaults()).withActivityTaskQueue(NOISE_QUEUE);
        List<String> queues = new java.util.concurrent.CopyOnWriteArrayList<>();
        when(noise.removeNoise(any())).thenAnswer(inv -> {
            queues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
            return new CleanedAudio("p/out.mp3", 1234, 6.5, 48000, 1, "mp3", "audio/mpeg");
        });
        when(noise.storeResultAsset(any())).thenAnswer(inv -> {
            queues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
            return new ResultAsset(UUID.randomUUID().toString(), "/uploads/p/out.mp3");
        });

        JobOutputData output = client.newWorkflowStub(NoiseRemovalWorkflow.class, options(request))
                .removeNoise(request);

        assertThat(queues).containsExactly(NOISE_QUEUE, NOISE_QUEUE);
        verify(projection).markCompleted(request.jobId(), output);
        record("noise-removal-noise-queue", request.jobId());
    }

    @Test
    void aSubtitleJobsTranscriptionRunsOnTheSpeechQueue() {
        JobRequest request = request(null).withActivityTaskQueue(SPEECH_QUEUE);
        List<String> queues = new java.util.concurrent.CopyOnWriteArrayList<>();
        when(speech.transcribeSpeech(any())).thenAnswer(inv -> {
            queues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
            return new SubtitleResult(List.of(new SubtitleSegment(0.0, 2.5, "And so my fellow Americans,", null)),
                    "en", 0.9, "tiny.en");
        });

        client.newWorkflowStub(SubtitleGenerationWorkflow.class, options(request)).generateSubtitles(request);

        assertThat(queues).containsExactly(SPEECH_QUEUE);
        record("subtitle-generation-speech-queue", request.jobId());
    }

    @Test
    void mediaWithoutAudioFailsFastWithTheSpecMessage() {
        JobRequest request = request(JobRequest.NoiseOptions.defaults());
        when(noise.removeNoise(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
                "Cannot remove noise from assets without audio", JobFailures.BAD_MEDIA));

        NoiseRemovalWorkflow workflow = client.newWorkflowStub(NoiseRemovalWorkflow.class, options(request));
        assertThatThrownBy(() -> workflow.removeNoise(request)).isInstanceOf(WorkflowFailedException.class);

        verify(noise, times(1)).removeNoise(any());
        verify(projection).markFailed(request.jobId(), "Cannot remove noise from assets without audio");
        verify(projection, never()).markCompleted(anyString(), any());
        record("noise-removal-bad-media", request.jobId());
    }

    @Test
    void transientEngineFailureIsRetriedAndTheJobCompletes() {
        JobRequest request = request(JobRequest.NoiseOptions.defaults());
        when(noise.removeNoise(any()))
                .thenThrow(new IllegalStateException("ffmpeg was killed"))
                .thenAnswer(inv -> new CleanedAudio("p/x.mp3", 10, 1.0, 44100, 2, "mp3", "audio/mpeg"));
        when(noise.storeResultAsset(any())).thenReturn(new ResultAsset(UUID.randomUUID().toString(), "/uploads/x.mp3"));

        client.newWorkflowStub(NoiseRemovalWorkflow.class, options(request)).removeNoise(request);

        verify(noise, times(2)).removeNoise(any());
        verify(projection).markCompleted(eq(request.jobId()), any());
    }

    @Test
    void theFinalWriteRetriesThroughADatabaseOutageAndTheJobStillCompletes() {
        JobRequest request = request(null);
        List<SubtitleSegment> segments = List.of(new SubtitleSegment(0.0, 1.0, "Hello"));
        when(speech.transcribeSpeech(any())).thenReturn(new SubtitleResult(segments, "en", 0.9, "tiny.en"));
        doThrow(new IllegalStateException("Connection refused"))
                .doThrow(new IllegalStateException("Connection refused"))
                .doNothing()
                .when(projection).markCompleted(anyString(), any());

        JobOutputData output = client.newWorkflowStub(SubtitleGenerationWorkflow.class, options(request))
                .generateSubtitles(request);

        assertThat(output.subtitles()).isEqualTo(segments);
        verify(projection, times(3)).markCompleted(request.jobId(), output);
        verify(projection, never()).markFailed(anyString(), anyString());
        // However long the outage (up to a week): attempts are unlimited.
        assertThat(JobActivityOptions.projection().getRetryOptions().getMaximumAttempts()).isZero();
        assertThat(JobActivityOptions.projection().getScheduleToCloseTimeout()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void engineFailingEveryAttemptEndsFailedWithAHumanMessage() {
        JobRequest request = request(JobRequest.NoiseOptions.defaults());
        when(noise.removeNoise(any())).thenThrow(new IllegalStateException("disk full"));

        NoiseRemovalWorkflow workflow = client.newWorkflowStub(NoiseRemovalWorkflow.class, options(request));
        assertThatThrownBy(() -> workflow.removeNoise(request)).isInstanceOf(WorkflowFailedException.class);

        verify(noise, times(JobActivityOptions.ENGINE_MAX_ATTEMPTS)).removeNoise(any());
        verify(projection).markFailed(request.jobId(),
                "Noise removal failed after 4 attempts: AI service temporarily unavailable");
    }

    @Test
    void subtitleGenerationReturnsTheSegmentsAndCompletes() {
        JobRequest request = request(null);
        List<SubtitleSegment> segments = List.of(new SubtitleSegment(0.0, 2.5, "And so my fellow Americans,"),
                new SubtitleSegment(2.5, 5.0, "ask not what your country can do for you"));
        SubtitleResult result = new SubtitleResult(segments, "de", 0.97, "base");
        when(speech.transcribeSpeech(any())).thenReturn(result);

        JobOutputData output = client.newWorkflowStub(SubtitleGenerationWorkflow.class, options(request))
                .generateSubtitles(request);

        assertThat(output.subtitles()).isEqualTo(segments);
        assertThat(output.resultAssetId()).isNull();
        assertThat(output.audioTrack()).isEqualTo(AUDIO_TRACK);
        assertThat(output.language()).isEqualTo("de");
        assertThat(output.languageProbability()).isEqualTo(0.97);
        assertThat(output.model()).isEqualTo("base");
        ArgumentCaptor<SubtitleActivities.TranscribeInput> input =
                ArgumentCaptor.forClass(SubtitleActivities.TranscribeInput.class);
        verify(speech).transcribeSpeech(input.capture());
        verify(speech, never()).transcribe(any());
        assertThat(input.getValue().audioTrack()).isEqualTo(AUDIO_TRACK);
        assertThat(input.getValue().durationSeconds()).isEqualTo(request.durationSeconds());
        assertThat(input.getValue().options()).isEqualTo(request.subtitleOptions());
        verify(projection).markCompleted(request.jobId(), JobOutputData.subtitles(result, AUDIO_TRACK));
        record("subtitle-generation-with-language", request.jobId());
    }

    @Test
    void cancellingARunningJobStopsTheEngineAndEndsFailedCancelledByUser() throws Exception {
        JobRequest request = request(null);
        when(speech.transcribeSpeech(any())).thenAnswer(inv -> {
            while (true) { // a long transcription, heartbeating until Temporal says stop
                Activity.getExecutionContext().heartbeat(null);
                Thread.sleep(50);
            }
        });
        WorkflowStub stub = client.newUntypedWorkflowStub("SubtitleGenerationWorkflow", options(request));
        stub.start(request);
        verifyEventually(() -> verify(speech).transcribeSpeech(any()));

        stub.cancel();

        assertThatThrownBy(() -> stub.getResult(10, TimeUnit.SECONDS, JobOutputData.class))
                .isInstanceOf(WorkflowFailedException.class);
        verify(projection).markCancelled(request.jobId());
        verify(projection, never()).markFailed(anyString(), anyString());
        verify(projection, never()).markCompleted(anyString(), any());
    }

    private static JobRequest request(JobRequest.NoiseOptions options) {
        return new JobRequest(UUID.randomUUID().toString(), "alice", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "p/asset.mp4", "interview.mp4", 42.5, options, AUDIO_TRACK,
                options == null ? new SubtitleOptions("auto", "translate", "Grüße", 32, 1) : null);
    }

    private static WorkflowOptions options(JobRequest request) {
        return WorkflowOptions.newBuilder().setWorkflowId(request.jobId()).setTaskQueue(QUEUE).build();
    }

    private static void verifyEventually(Runnable assertion) throws InterruptedException {
        AssertionError last = null;
        for (int i = 0; i < 100; i++) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw last;
    }

    /** Writes this run's history as a replay fixture when asked to. */
    private void record(String name, String workflowId) {
        if (!Boolean.getBoolean("record.histories")) {
            return;
        }
        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        try {
            Files.writeString(Path.of("src/test/resources/histories", name + ".json"), history.toJson(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
