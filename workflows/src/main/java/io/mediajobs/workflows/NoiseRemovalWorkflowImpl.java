package io.mediajobs.workflows;

import io.mediajobs.activities.NoiseRemovalActivities;
import io.mediajobs.activities.NoiseRemovalActivities.CleanedAudio;
import io.mediajobs.activities.NoiseRemovalActivities.RemoveNoiseInput;
import io.mediajobs.activities.NoiseRemovalActivities.ResultAsset;
import io.mediajobs.activities.NoiseRemovalActivities.StoreResultInput;
import io.mediajobs.jobs.JobOutputData;
import io.temporal.workflow.Workflow;

public class NoiseRemovalWorkflowImpl implements NoiseRemovalWorkflow {

    @Override
    public JobOutputData removeNoise(JobRequest request) {
        NoiseRemovalActivities engine = Workflow.newActivityStub(NoiseRemovalActivities.class,
                JobActivityOptions.engine(request.durationSeconds()));
        NoiseRemovalActivities store = Workflow.newActivityStub(NoiseRemovalActivities.class,
                JobActivityOptions.storeResult());
        JobRequest.NoiseOptions options = request.noiseOptions() == null
                ? JobRequest.NoiseOptions.defaults() : request.noiseOptions();

        return new JobLifecycle().run(request.jobId(), "Noise removal", () -> {
            CleanedAudio cleaned = engine.removeNoise(new RemoveNoiseInput(request.jobId(), request.sourceStorageKey(),
                    request.durationSeconds(), options.algorithm(), options.strength(),
                    options.normalizeLoudness(), options.outputFormat()));
            ResultAsset asset = store.storeResultAsset(new StoreResultInput(request.jobId(), request.userId(),
                    request.projectId(), request.sourceFileName(), cleaned.storageKey()));
            return JobOutputData.resultAsset(asset.assetId(), asset.storagePath());
        });
    }
}
