package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.workflows.JobFailures;
import io.mediajobs.persistence.Asset;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.common.ApiException;
import io.mediajobs.common.Ids;
import io.mediajobs.denoise.DenoiseOptions;
import io.mediajobs.denoise.DenoiseAlgorithm;
import io.mediajobs.platform.DenoiseProperties;
import io.mediajobs.workflows.JobRequest;
import io.mediajobs.workflows.subtitles.SubtitleOptions;

/**
 * Request → job row → workflow. Validates in the spec's words, writes the pending row under the per-user limit,
 * then starts the workflow with the job id as workflow id. If the start is lost (crash, Temporal down), the
 * {@link JobReconciler} starts it later: a pending row is never stranded.
 */
@Service
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    static final String IDS_REQUIRED = "Asset ID and Project ID are required";
    static final String IDS_INVALID = "Asset ID and Project ID must be valid UUIDs";
    static final String ASSET_NOT_FOUND = "Source asset not found";
    static final String JOB_NOT_FOUND = "Job not found";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final JobRepository jobs;
    private final AssetRepository assets;
    private final TransactionTemplate transactions;
    private final JobWorkflows workflows;
    private final EstimatedDurations estimates;
    private final JsonMapper json;
    /** What the deployment's workers offer (configuration: this process may run no engine at all). */
    private final Set<DenoiseAlgorithm> algorithms;
    private final JobLimitsProperties limits;
    private final SubtitleRequestOptions subtitleOptions;

    JobService(JobRepository jobs, AssetRepository assets, TransactionTemplate transactions, JobWorkflows workflows,
            EstimatedDurations estimates, JsonMapper json, DenoiseProperties noise, JobLimitsProperties limits,
            SubtitleRequestOptions subtitleOptions) {
        this.subtitleOptions = subtitleOptions;
        this.limits = limits;
        this.algorithms = noise.offeredAlgorithms();
        this.transactions = transactions;
        this.jobs = jobs;
        this.assets = assets;
        this.workflows = workflows;
        this.estimates = estimates;
        this.json = json;
    }

    /**
     * The body of both POSTs: the spec's two ids plus optional extensions: noise removal's settings, and for both
     * types {@code audioTrack}, the source's audio stream to use (0-based among the asset's {@code audioStreams};
     * default: the asset's {@code audioTrack}, the one with sound); subtitle generation's {@code language}
     * ("auto" or a code), {@code task} ("transcribe" | "translate"), {@code prompt}, {@code maxLineLength} and
     * {@code maxLines} (see {@link SubtitleOptions}).
     */
    public record StartJobRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String assetId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String projectId,
            String algorithm, String strength, Boolean normalizeLoudness, String outputFormat, Integer audioTrack,
            String language, String task, String prompt, Integer maxLineLength, Integer maxLines) {

        public StartJobRequest(String assetId, String projectId, String algorithm, String strength,
                Boolean normalizeLoudness, String outputFormat, Integer audioTrack) {
            this(assetId, projectId, algorithm, strength, normalizeLoudness, outputFormat, audioTrack, null, null,
                    null, null, null);
        }
    }

    /**
     * Request → pending row → workflow: validates the body in the spec's words, writes the pending row under the
     * user's limit and starts the workflow (workflow id = job id); a lost start is the reconciler's to repeat.
     *
     * @param idempotencyKey optional; the same key with the same body within 24 h returns the same job
     * @return the job as written (pending, or further along for an idempotent replay)
     * @throws ApiException 400 (ids, options, audio track, media too long), 404 (asset not the user's),
     *         422 (key reused for another body), 429 (too many active jobs)
     */
    public Job start(String userId, JobType type, StartJobRequest body, String idempotencyKey) {
        if (body == null || isBlank(body.assetId()) || isBlank(body.projectId())) {
            throw ApiException.badRequest(IDS_REQUIRED);
        }
        if (!Ids.isUuid(body.assetId()) || !Ids.isUuid(body.projectId())) {
            throw ApiException.badRequest(IDS_INVALID);
        }
        JobRequest.NoiseOptions noiseOptions = validateOptions(type, body);
        SubtitleOptions speechOptions = validateSubtitleOptions(type, body);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ApiException.badRequest("Idempotency-Key must be 1-" + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        UUID assetId = UUID.fromString(body.assetId());
        UUID projectId = UUID.fromString(body.projectId());
        Asset asset = assets.findOwned(assetId, userId)
                .filter(a -> a.projectId().equals(projectId))
                .orElseThrow(() -> ApiException.notFound(ASSET_NOT_FOUND));
        if (!asset.hasAudio()) {
            throw ApiException.badRequest(type == JobType.NOISE_REMOVAL
                    ? "Cannot remove noise from assets without audio"
                    : "Cannot generate subtitles for assets without audio");
        }
        requireWithinMaxDuration(asset);
        int audioTrack = audioTrack(asset, body.audioTrack());
        String fingerprint = fingerprint(type, body.assetId(), body.projectId(), noiseOptions, body.audioTrack(),
                speechOptions);
        if (idempotencyKey != null) {
            jobs.expireIdempotencyKey(userId, idempotencyKey);
        }
        Job job = insertPending(new JobRepository.NewJob(UUID.randomUUID(), userId, projectId, assetId, type,
                estimates.estimateSeconds(type, asset.durationSeconds()),
                json.writeValueAsString(type == JobType.NOISE_REMOVAL ? noiseOptions : speechOptions), null,
                idempotencyKey, fingerprint, audioTrack));
        if (idempotencyKey != null && !jobs.fingerprintOf(job.id()).orElse("").equals(fingerprint)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key was already used for a different request");
        }
        startWorkflow(job, asset);
        return job;
    }

    /** A failed job starts again as a new job linked to the old one, with the same asset and settings. */
    public Job retry(String userId, UUID failedJobId) {
        Job failed = jobs.findOwned(failedJobId, userId).orElseThrow(() -> ApiException.notFound(JOB_NOT_FOUND));
        if (failed.status() != JobStatus.FAILED) {
            throw new ApiException(HttpStatus.CONFLICT, "Only failed jobs can be retried; this job is "
                    + failed.status().wireName());
        }
        Optional<UUID> earlierRetry = jobs.retryOf(failed.id());
        if (earlierRetry.isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "This job was already retried as job " + earlierRetry.get());
        }
        Asset asset = assets.findOwned(failed.assetId(), userId)
                .orElseThrow(() -> ApiException.notFound(ASSET_NOT_FOUND));
        requireWithinMaxDuration(asset); // the limit may have been lowered since
        Job job = insertPending(new JobRepository.NewJob(UUID.randomUUID(), userId, failed.projectId(),
                failed.assetId(), failed.type(), estimates.estimateSeconds(failed.type(), asset.durationSeconds()),
                failed.optionsJson(), failed.id(), null, null,
                failed.audioTrack() != null ? failed.audioTrack() : defaultAudioTrack(asset)));
        startWorkflow(job, asset);
        return job;
    }

    /**
     * Records the user's cancel durably, then asks the workflow to stop; the job ends failed with "Cancelled by user"
     * once its engine has cleaned up. If Temporal does not answer, the recorded cancel stands and
     * {@link JobReconciler} carries it out when Temporal is back: either way the cancel is accepted, and the
     * returned job says {@code cancelRequested}.
     *
     * @throws ApiException 404 (no such job of this user), 409 (the job is already completed or failed)
     */
    public Job cancel(String userId, UUID jobId) {
        Job job = get(userId, jobId);
        if (job.status().isFinal() || !jobs.requestCancel(job.id())) {
            Job finished = job.status().isFinal() ? job : get(userId, jobId); // or it finished since it was read
            throw new ApiException(HttpStatus.CONFLICT, "Job is already " + finished.status().wireName());
        }
        try {
            carryOutCancel(job);
        } catch (RuntimeException e) {
            log.warn("Cancel of job {} is recorded but could not be carried out yet (Temporal did not answer?); "
                    + "the reconciler will", jobId, e);
        }
        return get(userId, jobId);
    }

    /**
     * Carries out a recorded cancel: asks the job's workflow to cancel, or, when it never started or is gone, fails
     * the row directly (there is nothing to stop, so the row is the whole truth).
     *
     * @throws RuntimeException when Temporal does not answer; the cancel stays recorded for a later attempt
     */
    void carryOutCancel(Job job) {
        try {
            workflows.cancel(job.workflowId());
        } catch (WorkflowNotFoundException e) {
            jobs.markFailed(job.id(), JobFailures.CANCELLED_BY_USER);
        }
    }

    /**
     * Inserts the pending row, or returns the job an earlier request with the same idempotency key created. The
     * user's jobs lock serialises this user's submissions, so no race lets a 4th active job in.
     *
     * @throws ApiException 404 (asset deleted meanwhile), 429 (too many active jobs), 409 (already retried)
     */
    private Job insertPending(JobRepository.NewJob job) {
        return transactions.execute(tx -> {
            jobs.lockJobsOf(job.userId());
            if (job.idempotencyKey() != null) {
                Optional<Job> earlier = jobs.findByIdempotencyKey(job.userId(), job.idempotencyKey());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            // Re-checked under the lock: an asset deleted since the request was validated cannot get a job.
            if (!assets.existsOwned(job.assetId(), job.userId())) {
                throw ApiException.notFound(ASSET_NOT_FOUND);
            }
            if (jobs.countActive(job.userId()) >= limits.maxActivePerUser()) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many active jobs: at most "
                        + limits.maxActivePerUser()
                        + " jobs per user may be pending or processing at once; wait for one to finish");
            }
            if (job.retryOfJobId() != null && jobs.retryOf(job.retryOfJobId()).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "This job was already retried");
            }
            try {
                return jobs.insertPending(job);
            } catch (DuplicateKeyException e) {
                // Only the one-retry-per-job index can clash here (other users' retries are not visible by id).
                throw new ApiException(HttpStatus.CONFLICT, "This job was already retried");
            }
        });
    }

    /** The user's jobs, newest first, filtered and paginated as {@code filter} says. */
    List<Job> list(String userId, JobRepository.ListFilter filter) {
        return jobs.list(userId, filter);
    }

    Job get(String userId, UUID jobId) {
        return jobs.findOwned(jobId, userId).orElseThrow(() -> ApiException.notFound(JOB_NOT_FOUND));
    }

    void startWorkflow(Job job, Asset asset) {
        if (job.status() != JobStatus.PENDING) {
            return; // an idempotent replay of a job that is already under way
        }
        try {
            workflows.start(job.type(), request(job, asset));
        } catch (RuntimeException e) {
            // The row stays pending; the reconciler starts the workflow when Temporal answers again.
            log.warn("Could not start workflow for job {} yet; the reconciler will retry", job.id(), e);
        }
    }

    /** The workflow input for a job row, or null if its asset is gone. */
    JobRequest requestFor(Job job) {
        return assets.findOwned(job.assetId(), job.userId()).map(asset -> request(job, asset)).orElse(null);
    }

    /** Everything the workflow needs, fixed from the row (its normalised options) and the source asset. */
    private JobRequest request(Job job, Asset asset) {
        JobRequest.NoiseOptions options = job.type() != JobType.NOISE_REMOVAL ? null
                : job.optionsJson() == null ? JobRequest.NoiseOptions.defaults()
                : json.readValue(job.optionsJson(), JobRequest.NoiseOptions.class);
        SubtitleOptions speechOptions = job.type() != JobType.SUBTITLE_GENERATION || job.optionsJson() == null ? null
                : json.readValue(job.optionsJson(), SubtitleOptions.class); // "null" for a job with no options
        return new JobRequest(job.id().toString(), job.userId(), job.projectId().toString(), job.assetId().toString(),
                asset.storageKey(), asset.fileName(), asset.durationSeconds(), options,
                job.audioTrack() != null ? job.audioTrack() : defaultAudioTrack(asset), speechOptions);
    }

    /** The request's {@code audioTrack} checked against the asset's audio streams, else the asset's choice. */
    private static int audioTrack(Asset asset, Integer requested) {
        if (requested == null) {
            return defaultAudioTrack(asset);
        }
        int count = asset.audioStreams().size();
        if (requested < 0 || requested >= count) {
            throw ApiException.badRequest(count == 1 ? "audioTrack must be 0 for this asset: it has one audio track"
                    : "audioTrack must be between 0 and " + (count - 1) + " for this asset");
        }
        return requested;
    }

    private static int defaultAudioTrack(Asset asset) {
        return asset.audioTrack() == null ? 0 : asset.audioTrack();
    }

    /** Validates noise removal's settings and returns them normalised (canonical ids, defaults filled in). */
    private JobRequest.NoiseOptions validateOptions(JobType type, StartJobRequest body) {
        boolean anyOption = body.algorithm() != null || body.strength() != null || body.normalizeLoudness() != null
                || body.outputFormat() != null;
        if (type != JobType.NOISE_REMOVAL) {
            if (anyOption) {
                throw ApiException.badRequest(
                        "algorithm, strength, normalizeLoudness and outputFormat apply to noise removal only");
            }
            return null;
        }
        DenoiseOptions options;
        try {
            options = DenoiseOptions.fromStrings(body.algorithm(), body.strength(),
                    body.normalizeLoudness() == null ? null : body.normalizeLoudness().toString(), body.outputFormat());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!algorithms.contains(options.algorithm())) {
            throw ApiException.badRequest("Algorithm '" + options.algorithm().wireName()
                    + "' is not available on this server; use one of the others");
        }
        return new JobRequest.NoiseOptions(options.algorithm().wireName(), options.strength().wireName(),
                options.normalizeLoudness(), options.outputFormat().wireName());
    }

    /** Validates subtitle generation's settings; null when none was given (or for noise removal). */
    private SubtitleOptions validateSubtitleOptions(JobType type, StartJobRequest body) {
        boolean anyOption = body.language() != null || body.task() != null || body.prompt() != null
                || body.maxLineLength() != null || body.maxLines() != null;
        if (type != JobType.SUBTITLE_GENERATION) {
            if (anyOption) {
                throw ApiException.badRequest(
                        "language, task, prompt, maxLineLength and maxLines apply to subtitle generation only");
            }
            return null;
        }
        return subtitleOptions.validate(body.language(), body.task(), body.prompt(), body.maxLineLength(),
                body.maxLines());
    }

    /** Media longer than {@code mediajobs.jobs.max-media-duration} gets no job (400); uploading it was fine. */
    private void requireWithinMaxDuration(Asset asset) {
        if (asset.durationSeconds() > limits.maxMediaDuration().toMillis() / 1000.0) {
            throw ApiException.badRequest("Media is too long for a job: it lasts " + clock(asset.durationSeconds())
                    + ", the limit is " + clock(limits.maxMediaDuration().toSeconds()));
        }
    }

    /** 36000.4 → "10:00:00". */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }

    /**
     * What makes two requests "the same" for an Idempotency-Key: the type, the ids, the normalised settings and
     * the audio track and subtitle options when given (absent, the fingerprint is what it was before the fields
     * existed).
     */
    private static String fingerprint(JobType type, String assetId, String projectId, JobRequest.NoiseOptions options,
            Integer audioTrack, SubtitleOptions subtitles) {
        String canonical = String.join("\n", type.wireName(), assetId.toLowerCase(), projectId.toLowerCase(),
                String.valueOf(options)) + (audioTrack == null ? "" : "\naudioTrack=" + audioTrack)
                + (subtitles == null ? "" : "\nsubtitles=" + subtitles);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
