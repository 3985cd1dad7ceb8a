package io.mediajobs.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mediajobs.workflows.noise.NoiseRemovalActivities;
import io.mediajobs.workflows.noise.NoiseRemovalWorkflow;

/**
 * Replays recorded histories against today's workflow code: a change that would break running jobs (a
 * non-deterministic edit) fails here. Re-record with {@code -Drecord.histories=true} only for deliberate,
 * versioned changes (and only with the tests that write new fixtures: the older histories stand for requests recorded
 * before a field existed, e.g. without {@code activityTaskQueue}). The negative case proves the check has teeth: a
 * changed workflow does not replay.
 */
class JobWorkflowsReplayTest {

    @ParameterizedTest
    @CsvSource({
            "noise-removal-completed, io.mediajobs.workflows.noise.NoiseRemovalWorkflowImpl",
            "noise-removal-bad-media, io.mediajobs.workflows.noise.NoiseRemovalWorkflowImpl",
            "subtitle-generation-completed, io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflowImpl",
            // Recorded with the engine's own task queue in the request (the histories above predate it).
            "noise-removal-noise-queue, io.mediajobs.workflows.noise.NoiseRemovalWorkflowImpl",
            "subtitle-generation-speech-queue, io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflowImpl",
            "subtitle-generation-with-language, io.mediajobs.workflows.subtitles.SubtitleGenerationWorkflowImpl"
    })
    void recordedHistoryReplaysWithoutNonDeterminism(String history, Class<?> workflowImpl) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(read("/histories/" + history + ".json"), workflowImpl);
    }

    @Test
    void aWorkflowWhoseActivitiesChangedFailsReplayWithANonDeterminismError() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(
                read("/histories/noise-removal-completed.json"), SkipsDenoisingWorkflowImpl.class))
                // The SDK reports the replay failure as a RuntimeException whose message carries the cause.
                .hasMessageContaining(NonDeterministicException.class.getName())
                .hasMessageContaining("TMPRL1100")
                .hasMessageContaining("RemoveNoise");
    }

    /** A non-deterministic edit of NoiseRemovalWorkflowImpl: it no longer schedules RemoveNoise first. */
    public static class SkipsDenoisingWorkflowImpl implements NoiseRemovalWorkflow {
        @Override
        public JobOutputData removeNoise(JobRequest request) {
            NoiseRemovalActivities activities = Workflow.newActivityStub(NoiseRemovalActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(java.time.Duration.ofMinutes(1)).build());
            NoiseRemovalActivities.ResultAsset asset = activities.storeResultAsset(
                    new NoiseRemovalActivities.StoreResultInput(request.jobId(), request.userId(), request.projectId(),
                            request.sourceFileName(), "unused.mp3", null));
            return JobOutputData.resultAsset(asset.assetId(), asset.storagePath());
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = JobWorkflowsReplayTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing history " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
