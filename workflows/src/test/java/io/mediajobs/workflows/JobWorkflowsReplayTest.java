package io.mediajobs.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.temporal.testing.WorkflowReplayer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays recorded histories against today's workflow code: a change that would break running jobs (a
 * non-deterministic edit) fails here. Re-record with {@code -Drecord.histories=true} only for deliberate,
 * versioned changes.
 */
class JobWorkflowsReplayTest {

    @ParameterizedTest
    @CsvSource({
            "noise-removal-completed, io.mediajobs.workflows.NoiseRemovalWorkflowImpl",
            "noise-removal-bad-media, io.mediajobs.workflows.NoiseRemovalWorkflowImpl",
            "subtitle-generation-completed, io.mediajobs.workflows.SubtitleGenerationWorkflowImpl"
    })
    void recordedHistoryReplaysWithoutNonDeterminism(String history, Class<?> workflowImpl) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(read("/histories/" + history + ".json"), workflowImpl);
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
