package io.mediajobs.workflows.subtitles;

import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Transcribes a media asset's speech into timed subtitle segments. Workflow id = job id. */
@WorkflowInterface
public interface SubtitleGenerationWorkflow {

    /**
     * Runs the job to its end and records it in the projection.
     *
     * @return the cues, in seconds from the start of the media
     */
    @WorkflowMethod
    JobOutputData generateSubtitles(JobRequest request);
}
