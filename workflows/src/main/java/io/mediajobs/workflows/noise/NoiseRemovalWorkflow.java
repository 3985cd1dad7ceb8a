package io.mediajobs.workflows.noise;

import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Cleans a media asset's audio into a new audio asset in the same project. Workflow id = job id. */
@WorkflowInterface
public interface NoiseRemovalWorkflow {

    /**
     * Runs the job to its end and records it in the projection.
     *
     * @return the result asset's id and public path
     */
    @WorkflowMethod
    JobOutputData removeNoise(JobRequest request);
}
