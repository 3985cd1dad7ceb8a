package io.mediajobs.workflows.noise;

import io.mediajobs.workflows.JobActivityOptions;
import io.mediajobs.workflows.JobLifecycle;
import io.mediajobs.workflows.JobOutputData;
import io.mediajobs.workflows.JobRequest;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.CleanedAudio;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.RemoveNoiseInput;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.ResultAsset;
import io.mediajobs.workflows.noise.NoiseRemovalActivities.StoreResultInput;
import io.temporal.workflow.Workflow;

/** Denoise (engine activity, heartbeating), then register the output as an asset; see {@link JobLifecycle}. */
public class NoiseRemovalWorkflowImpl implements NoiseRemovalWorkflow {

    @Override
    public JobOutputData removeNoise(JobRequest request) {
        String queue = JobActivityOptions.activityTaskQueue(request);
        NoiseRemovalActivities engine = Workflow.newActivityStub(NoiseRemovalActivities.class,
                JobActivityOptions.engine(request.durationSeconds(), queue));
        NoiseRemovalActivities store = Workflow.newActivityStub(NoiseRemovalActivities.class,
                JobActivityOptions.storeResult(queue));
        JobRequest.NoiseOptions options = request.noiseOptions() == null
                ? JobRequest.NoiseOptions.defaults() : request.noiseOptions();

        return new JobLifecycle().run(request.jobId(), "Noise removal", () -> {
            CleanedAudio cleaned = engine.removeNoise(new RemoveNoiseInput(request.jobId(), request.projectId(),
                    request.sourceStorageKey(), request.durationSeconds(), options.algorithm(), options.strength(),
                    options.normalizeLoudness(), options.outputFormat(), request.audioTrack()));
            ResultAsset asset = store.storeResultAsset(new StoreResultInput(request.jobId(), request.userId(),
                    request.projectId(), request.sourceFileName(), cleaned.storageKey(), cleaned));
            return JobOutputData.resultAsset(asset.assetId(), asset.storagePath(), request.audioTrack());
        });
    }
}
