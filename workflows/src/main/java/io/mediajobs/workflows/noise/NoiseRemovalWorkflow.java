package io.mediajobs.workflows.noise;

import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Cleans a media asset's audio into a new audio asset in the same project. Workflow id = job id. */
@WorkflowInterface
public interface NoiseRemovalWorkflow {

    @WorkflowMethod
    JobOutputData removeNoise(JobRequest request);
}
