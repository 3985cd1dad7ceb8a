package io.mediajobs.workflows.subtitles;

import java.util.List;

import io.mediajobs.workflows.JobActivityOptions;
import io.mediajobs.workflows.JobLifecycle;
import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.mediajobs.workflows.subtitles.SubtitleActivities.TranscribeInput;
import io.temporal.workflow.Workflow;

/** Whisper over the source's audio (engine activity, checkpointed); see {@link JobLifecycle}. */
public class SubtitleGenerationWorkflowImpl implements SubtitleGenerationWorkflow {

    @Override
    public JobOutputData generateSubtitles(JobRequest request) {
        SubtitleActivities speech = Workflow.newActivityStub(SubtitleActivities.class,
                JobActivityOptions.engine(request.durationSeconds(), JobActivityOptions.activityTaskQueue(request)));
        return new JobLifecycle().run(request.jobId(), "Subtitle generation", () -> {
            List<SubtitleSegment> segments = speech.transcribe(new TranscribeInput(request.jobId(),
                    request.sourceStorageKey(), request.durationSeconds(), request.audioTrack()));
            return JobOutputData.subtitles(segments, request.audioTrack());
        });
    }
}
