package io.mediajobs.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import io.mediajobs.denoise.DenoiseOptions;
import io.mediajobs.denoise.DenoiseResult;
import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.media.MediaFormats;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.persistence.Asset;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.persistence.FileNames;
import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.storage.ScratchSpace;
import io.mediajobs.storage.StorageKeys;
import io.mediajobs.storage.StorageService;
import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.noise.NoiseRemovalActivities;

/**
 * Noise removal's activities: the engine writes into a work dir of the process's {@link ScratchSpace} (swept if
 * the worker dies mid-job) and measures what it wrote; the result is stored once under the key of the asset it
 * becomes ({@link StorageKeys#jobResult}) and registered once, from those measurements, through the assets owner.
 */
@Component("noiseRemovalActivities")
public class NoiseRemovalActivitiesImpl implements NoiseRemovalActivities {

    private static final Logger log = LoggerFactory.getLogger(NoiseRemovalActivitiesImpl.class);

    /** removeNoise covers 0-95 % of the job; storing and completing the rest. */
    private static final int ENGINE_SHARE = 95;

    /** Present on worker instances only: API-only instances load no engine (the activity never runs there). */
    private final ObjectProvider<NoiseRemovalEngine> engine;
    private final StorageService storage;
    private final MediaProber prober;
    private final JobRepository jobs;
    private final AssetRepository assets;
    private final ScratchSpace scratch;

    public NoiseRemovalActivitiesImpl(ObjectProvider<NoiseRemovalEngine> engine, StorageService storage,
            MediaProber prober, JobRepository jobs, AssetRepository assets, ScratchSpace scratch) {
        this.engine = engine;
        this.scratch = scratch;
        this.storage = storage;
        this.prober = prober;
        this.jobs = jobs;
        this.assets = assets;
    }

    @Override
    public CleanedAudio removeNoise(RemoveNoiseInput input) {
        DenoiseOptions options = DenoiseOptions.fromStrings(input.algorithm(), input.strength(),
                input.normalizeLoudness() == null ? null : input.normalizeLoudness().toString(), input.outputFormat());
        UUID jobId = UUID.fromString(input.jobId());
        String outputKey = StorageKeys.jobResult(projectOf(jobId, input.projectId()), jobId,
                options.outputFormat().extension());
        if (storage.exists(outputKey)) {
            // An earlier attempt finished the output but did not report back: keep it, do not redo the work.
            return new CleanedAudio(outputKey, sizeOf(outputKey), null, null, null, null, null);
        }
        if (!storage.exists(input.sourceStorageKey())) {
            throw sourceMissing();
        }
        NoiseRemovalEngine engine = engineOrFail();
        Optional<String> unavailable = engine.unavailableReason(options.algorithm());
        if (unavailable.isPresent()) {
            throw ApplicationFailure.newNonRetryableFailure("Noise removal algorithm '" + options.algorithm().wireName()
                    + "' is not available on this worker", JobFailures.ENGINE_UNAVAILABLE);
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        Path workDir = createWorkDir();
        // Inside the progress block: its ticker heartbeats while a remote source is downloaded.
        try (ActivityProgress progress = new ActivityProgress(context, jobs, jobId, 0, ENGINE_SHARE);
                StorageService.LocalFile source = storage.localFile(input.sourceStorageKey())) {
            Path output = workDir.resolve("cleaned." + options.outputFormat().extension());
            DenoiseResult result;
            try {
                result = engine.denoise(source.path(), input.audioTrack(), output, options, progress::update);
            } catch (UnsupportedMediaException e) {
                throw BadMedia.refuse(jobId, e);
            } catch (RuntimeException e) {
                progress.throwIfStopped(); // cancelled or timed out: report that, not the engine's interruption
                throw e;
            }
            progress.throwIfStopped();
            long size = storage.importFile(outputKey, output).sizeBytes();
            return new CleanedAudio(outputKey, size, result.durationSeconds(), result.sampleRate(), result.channels(),
                    result.codec(), result.contentType());
        } catch (NoSuchFileException e) {
            if (input.sourceStorageKey().equals(e.getFile())) {
                throw sourceMissing(); // deleted between the check above and the download
            }
            throw new UncheckedIOException("Could not store the cleaned audio", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the cleaned audio", e);
        } finally {
            try {
                FileSystemUtils.deleteRecursively(workDir);
            } catch (IOException e) {
                log.warn("Could not remove work dir {} of job {}: {}", workDir, jobId, e.toString());
            }
        }
    }

    private static ApplicationFailure sourceMissing() {
        return ApplicationFailure.newNonRetryableFailure("The source asset was deleted before the job could run",
                JobFailures.SOURCE_MISSING);
    }

    /** The engine; only worker instances have one (an API-only instance never runs this activity). */
    private NoiseRemovalEngine engineOrFail() {
        NoiseRemovalEngine noise = engine.getIfAvailable();
        if (noise == null) {
            throw ApplicationFailure.newNonRetryableFailure("Noise removal is not available on this worker",
                    JobFailures.ENGINE_UNAVAILABLE);
        }
        return noise;
    }

    @Override
    public ResultAsset storeResultAsset(StoreResultInput input) {
        UUID jobId = UUID.fromString(input.jobId());
        Optional<Asset> existing = assets.findBySourceJob(jobId);
        if (existing.isPresent()) {
            return resultAsset(existing.get()); // a retried activity: the first attempt already registered it
        }
        UUID projectId = UUID.fromString(input.projectId());
        String extension = input.outputStorageKey().substring(input.outputStorageKey().lastIndexOf('.') + 1);
        String key = StorageKeys.jobResult(projectId, jobId, extension);
        if (!storage.exists(key) && storage.exists(input.outputStorageKey())) {
            moveToFinalKey(input.outputStorageKey(), key); // an input recorded before outputs went to their final key
        }
        if (!storage.exists(key)) {
            throw rejected("The job's output file is missing from storage", null);
        }
        String fileName = FileNames.sanitize(cleanedName(input.sourceFileName(), extension), extension);
        AssetRepository.NewAsset row = measured(input.output(), key)
                .map(m -> new AssetRepository.NewAsset(StorageKeys.resultAssetId(jobId), projectId, input.userId(),
                        fileName, m.contentType(), m.sizeBytes(), Asset.Kind.AUDIO, m.durationSeconds(),
                        new Asset.Audio(m.codec(), m.sampleRate(), m.channels()), null, key, jobId,
                        List.of(new Asset.AudioStream(0, m.codec(), m.sampleRate(), m.channels(), null, true)), 0))
                .orElseGet(() -> probed(jobId, projectId, input.userId(), fileName, key));
        Optional<Asset> inserted = assets.insertIntoOwnedProject(row).or(() -> assets.findBySourceJob(jobId));
        if (inserted.isEmpty()) {
            deleteQuietly(key, jobId);
            throw rejected("Project not found", null);
        }
        return resultAsset(inserted.get());
    }

    private void moveToFinalKey(String from, String to) {
        try {
            storage.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the cleaned audio to " + to, e);
        }
    }

    /** The engine's measurements of the stored output, when this input carries them (and they fit this key). */
    private static Optional<CleanedAudio> measured(CleanedAudio output, String key) {
        return Optional.ofNullable(output)
                .filter(o -> key.equals(o.storageKey()) && o.durationSeconds() != null && o.sampleRate() != null
                        && o.channels() != null && o.codec() != null && o.contentType() != null);
    }

    /** The row for an output whose measurements are missing (an attempt that found the output already stored). */
    private AssetRepository.NewAsset probed(UUID jobId, UUID projectId, String userId, String fileName, String key) {
        try {
            MediaInfo info;
            try (StorageService.LocalFile file = storage.localFile(key)) {
                info = prober.probe(file.path());
            }
            MediaFormats.StoredFormat format = MediaFormats.of(info).orElseThrow(() -> new UnsupportedMediaException(
                    "The cleaned audio is not in a format we can store"));
            return AssetRepository.NewAsset.probed(StorageKeys.resultAssetId(jobId), projectId, userId, fileName,
                    sizeOf(key), info, format, key, jobId);
        } catch (UnsupportedMediaException e) {
            deleteQuietly(key, jobId);
            throw rejected(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the cleaned audio back", e);
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

    private static ResultAsset resultAsset(Asset asset) {
        return new ResultAsset(asset.id().toString(), asset.storagePath());
    }

    /** The output can never become an asset: retrying cannot help, and the message is for the user. */
    private static ApplicationFailure rejected(String message, Throwable cause) {
        return ApplicationFailure.newNonRetryableFailureWithCause(message, JobFailures.BAD_MEDIA, cause);
    }

    /**
     * The job's project. Inputs recorded before {@code projectId} was part of {@link RemoveNoiseInput} (jobs in
     * flight across an upgrade) carry none: the job row knows it.
     */
    private UUID projectOf(UUID jobId, String projectId) {
        if (projectId != null) {
            return UUID.fromString(projectId);
        }
        return jobs.find(jobId).map(Job::projectId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "The job no longer exists", JobFailures.SOURCE_MISSING));
    }

    private long sizeOf(String key) {
        try {
            return storage.stat(key).orElseThrow(() -> new NoSuchFileException(key)).sizeBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteQuietly(String key, UUID jobId) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {} of job {}: {}", key, jobId, e.toString());
        }
    }

    private Path createWorkDir() {
        try {
            return scratch.newDirectory("denoise-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
