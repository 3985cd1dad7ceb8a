package io.mediajobs.workflows.subtitles;

import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Transcribes a media asset's speech into timed subtitle segments. Workflow id = job id. */
@WorkflowInterface
public interface SubtitleGenerationWorkflow {

    @WorkflowMethod
    JobOutputData generateSubtitles(JobRequest request);
}
