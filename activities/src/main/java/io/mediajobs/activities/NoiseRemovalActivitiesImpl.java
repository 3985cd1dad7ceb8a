package io.mediajobs.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;

import org.springframework.stereotype.Component;

import io.mediajobs.denoise.DenoiseOptions;
import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.jobs.JobProjection;
import io.mediajobs.jobs.ResultAssets;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.storage.StorageService;

@Component("noiseRemovalActivities")
public class NoiseRemovalActivitiesImpl implements NoiseRemovalActivities {

    /** removeNoise covers 0-95 % of the job; storing and completing the rest. */
    private static final int ENGINE_SHARE = 95;

    private final NoiseRemovalEngine engine;
    private final StorageService storage;
    private final JobProjection projection;
    private final ResultAssets resultAssets;

    public NoiseRemovalActivitiesImpl(NoiseRemovalEngine engine, StorageService storage, JobProjection projection,
            ResultAssets resultAssets) {
        this.engine = engine;
        this.storage = storage;
        this.projection = projection;
        this.resultAssets = resultAssets;
    }

    @Override
    public CleanedAudio removeNoise(RemoveNoiseInput input) {
        DenoiseOptions options = DenoiseOptions.fromStrings(input.algorithm(), input.strength(),
                input.normalizeLoudness() == null ? null : input.normalizeLoudness().toString(), input.outputFormat());
        // A work file per job, named from the normalised format: a retry finds it, storing the result removes it.
        String outputKey = "jobs/" + input.jobId() + "." + options.outputFormat().extension();
        if (storage.exists(outputKey)) {
            // An earlier attempt finished the output but did not report back: keep it, do not redo the work.
            return cleaned(outputKey);
        }
        Path source = storage.localPath(input.sourceStorageKey());
        if (!Files.isRegularFile(source)) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "The source asset was deleted before the job could run", JobFailures.SOURCE_MISSING);
        }
        Optional<String> unavailable = engine.unavailableReason(options.algorithm());
        if (unavailable.isPresent()) {
            throw ApplicationFailure.newNonRetryableFailure("Noise removal algorithm '" + options.algorithm().id()
                    + "' is not available on this worker", JobFailures.ENGINE_UNAVAILABLE);
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        Path workDir = createWorkDir();
        try (ActivityProgress progress = new ActivityProgress(context, projection, UUID.fromString(input.jobId()), 0,
                ENGINE_SHARE)) {
            Path output = workDir.resolve("cleaned." + options.outputFormat().extension());
            try {
                engine.denoise(source, output, options, progress::update);
            } catch (UnsupportedMediaException e) {
                throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), JobFailures.BAD_MEDIA, e);
            } catch (RuntimeException e) {
                progress.throwIfStopped(); // cancelled or timed out: report that, not the engine's interruption
                throw e;
            }
            progress.throwIfStopped();
            storage.importFile(outputKey, output);
            return cleaned(outputKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the cleaned audio", e);
        } finally {
            deleteQuietly(workDir);
        }
    }

    @Override
    public ResultAsset storeResultAsset(StoreResultInput input) {
        String key = input.outputStorageKey();
        try {
            return resultAssets.register(UUID.fromString(input.jobId()), input.userId(),
                    UUID.fromString(input.projectId()), key, cleanedName(input.sourceFileName(), extensionOf(key)));
        } catch (ResultAssets.RejectedException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), JobFailures.BAD_MEDIA, e);
        }
    }

    /** "interview.mp4" → "interview-cleaned.mp3". */
    static String cleanedName(String sourceFileName, String extension) {
        String base = sourceFileName == null || sourceFileName.isBlank() ? "audio" : sourceFileName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        return base + "-cleaned." + extension;
    }

    private CleanedAudio cleaned(String key) {
        return new CleanedAudio(key, sizeOf(storage.localPath(key)));
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extensionOf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("mediajobs-denoise-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the OS temp cleaner takes the rest
        }
    }
}
