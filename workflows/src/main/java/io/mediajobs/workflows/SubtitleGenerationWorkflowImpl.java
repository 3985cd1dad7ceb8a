package io.mediajobs.workflows;

import java.util.List;

import io.mediajobs.activities.SubtitleActivities;
import io.mediajobs.activities.SubtitleActivities.TranscribeInput;
import io.mediajobs.jobs.JobOutputData;
import io.mediajobs.speech.SubtitleSegment;
import io.temporal.workflow.Workflow;

public class SubtitleGenerationWorkflowImpl implements SubtitleGenerationWorkflow {

    @Override
    public JobOutputData generateSubtitles(JobRequest request) {
        SubtitleActivities speech = Workflow.newActivityStub(SubtitleActivities.class,
                JobActivityOptions.engine(request.durationSeconds()));
        return new JobLifecycle().run(request.jobId(), "Subtitle generation", () -> {
            List<SubtitleSegment> segments = speech.transcribe(
                    new TranscribeInput(request.jobId(), request.sourceStorageKey(), request.durationSeconds()));
            return JobOutputData.subtitles(segments);
        });
    }
}
