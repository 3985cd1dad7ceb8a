package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ApiResponse;
import io.mediajobs.common.Ids;
import io.mediajobs.security.CurrentUserId;
import io.mediajobs.speech.SubtitleFormat;
import io.mediajobs.wire.WireName;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

/** The spec's AI jobs API under {@code /api/ai}, plus cancel, retry and SRT/WebVTT/text/JSON export. */
@RestController
class JobController {

    private final JobService service;
    private final JobStatusView statusView;
    private final JsonMapper json;
    private final JobLimitsProperties limits;

    JobController(JobService service, JobStatusView statusView, JsonMapper json, JobLimitsProperties limits) {
        this.service = service;
        this.statusView = statusView;
        this.json = json;
        this.limits = limits;
    }

    /** The spec's {@code POST /api/ai/noise-removal}. */
    @PostMapping("/api/ai/noise-removal")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<JobResponses.JobData> startNoiseRemoval(@CurrentUserId String userId,
            @RequestBody(required = false) JobService.StartJobRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return start(userId, JobType.NOISE_REMOVAL, body, idempotencyKey);
    }

    /** The spec's {@code POST /api/ai/subtitle-generation}. */
    @PostMapping("/api/ai/subtitle-generation")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<JobResponses.JobData> startSubtitleGeneration(@CurrentUserId String userId,
            @RequestBody(required = false) JobService.StartJobRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return start(userId, JobType.SUBTITLE_GENERATION, body, idempotencyKey);
    }

    private ApiResponse<JobResponses.JobData> start(String userId, JobType type, JobService.StartJobRequest body,
            String idempotencyKey) {
        Job job = service.start(userId, type, body, idempotencyKey);
        return ApiResponse.ok(new JobResponses.JobData(JobResponses.JobStatusResponse.of(job)));
    }

    @GetMapping("/api/ai/jobs/{jobId}")
    ApiResponse<JobResponses.JobData> status(@CurrentUserId String userId, @PathVariable String jobId) {
        Job job = service.get(userId, Ids.parse(jobId, "jobId"));
        return ApiResponse.ok(new JobResponses.JobData(statusView.live(job)));
    }

    /**
     * 202: the cancel is recorded ({@code cancelRequested: true}) and carried out asynchronously, at once when
     * Temporal answers, else as soon as it is back; the job then ends failed / "Cancelled by user".
     */
    @PostMapping("/api/ai/jobs/{jobId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<JobResponses.JobData> cancel(@CurrentUserId String userId, @PathVariable String jobId) {
        Job job = service.cancel(userId, Ids.parse(jobId, "jobId"));
        return ApiResponse.ok(new JobResponses.JobData(JobResponses.JobStatusResponse.of(job)));
    }

    @PostMapping("/api/ai/jobs/{jobId}/retry")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<JobResponses.JobData> retry(@CurrentUserId String userId, @PathVariable String jobId) {
        Job job = service.retry(userId, Ids.parse(jobId, "jobId"));
        return ApiResponse.ok(new JobResponses.JobData(JobResponses.JobStatusResponse.of(job)));
    }

    /** A completed subtitle job's captions as {@code subtitles.srt} (SubRip) or {@code subtitles.vtt} (WebVTT). */
    @GetMapping("/api/ai/jobs/{jobId}/subtitles.{extension:srt|vtt}")
    ResponseEntity<byte[]> subtitles(@CurrentUserId String userId, @PathVariable String jobId,
            @PathVariable String extension) {
        return subtitleFile(userId, jobId, SubtitleFormat.ofExtension(extension).orElseThrow());
    }

    /** Extension: a completed subtitle job's cue texts as {@code subtitles.txt}, one cue per line (UTF-8). */
    @GetMapping("/api/ai/jobs/{jobId}/subtitles.txt")
    ResponseEntity<byte[]> subtitlesText(@CurrentUserId String userId, @PathVariable String jobId) {
        StringBuilder text = new StringBuilder();
        for (SubtitleSegment cue : completedSubtitles(userId, jobId).subtitles()) {
            text.append(cue.text().replaceAll("\\s+", " ").strip()).append('\n');
        }
        return download(jobId, "txt", MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8",
                text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Extension: a completed subtitle job as {@code subtitles.json}, the plain document
     * {@code {language, model, segments}} (segments with their words), downloaded like the SRT and WebVTT files.
     */
    @GetMapping("/api/ai/jobs/{jobId}/subtitles.json")
    ResponseEntity<byte[]> subtitlesJson(@CurrentUserId String userId, @PathVariable String jobId) {
        OutputSubtitles output = completedSubtitles(userId, jobId);
        return download(jobId, "json", MediaType.APPLICATION_JSON_VALUE, json.writeValueAsBytes(
                new SubtitlesDocument(output.language(), output.model(), output.subtitles())));
    }

    @GetMapping("/api/ai/jobs")
    ApiResponse<JobResponses.JobListData> list(@CurrentUserId String userId,
            @RequestParam(required = false) String projectId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID project = projectId == null ? null : Ids.parse(projectId, "projectId");
        JobStatus statusFilter = status == null ? null : WireName.parse(JobStatus.class, status).orElseThrow(() ->
                ApiException.badRequest("status must be one of: " + WireName.allowed(JobStatus.class)));
        JobType typeFilter = type == null ? null : WireName.parse(JobType.class, type).orElseThrow(() ->
                ApiException.badRequest("type must be one of: " + WireName.allowed(JobType.class)));
        int pageSize = limit == null ? limits.defaultPageSize() : limit;
        if (pageSize < 1 || pageSize > limits.maxPageSize()) {
            throw ApiException.badRequest("limit must be between 1 and " + limits.maxPageSize());
        }
        JobRepository.Cursor after = cursor == null ? null : JobCursors.decode(cursor);
        List<Job> page = service.list(userId,
                new JobRepository.ListFilter(project, statusFilter, typeFilter, pageSize, after));
        String nextCursor = null;
        if (page.size() == pageSize) {
            // Extension: a full page may have more behind it; pass this back as ?cursor= to continue.
            Job last = page.get(page.size() - 1);
            nextCursor = JobCursors.encode(new JobRepository.Cursor(last.createdAt(), last.id()));
        }
        return ApiResponse.ok(new JobResponses.JobListData(
                page.stream().map(JobResponses.UserJobsResponse::of).toList(), nextCursor));
    }

    /** The completed job's captions as a download: {@code subtitles-<jobId>.<ext>}, UTF-8. */
    private ResponseEntity<byte[]> subtitleFile(String userId, String jobId, SubtitleFormat format) {
        List<SubtitleSegment> subtitles = completedSubtitles(userId, jobId).subtitles();
        return download(jobId, format.extension(), format.mediaType() + ";charset=UTF-8",
                format.write(subtitles).getBytes(StandardCharsets.UTF_8));
    }

    /** The user's completed subtitle job's output; 404 in words for another job type, a failed job or a running one. */
    private OutputSubtitles completedSubtitles(String userId, String jobId) {
        Job job = service.get(userId, Ids.parse(jobId, "jobId"));
        if (job.type() != JobType.SUBTITLE_GENERATION) {
            throw ApiException.notFound("This job produces no subtitles");
        }
        if (job.status() == JobStatus.FAILED) { // it never will be: say so, not "until"
            throw ApiException.notFound("Subtitles are not available: the job failed (its status says why)");
        }
        if (job.status() != JobStatus.COMPLETED || job.outputDataJson() == null) {
            throw ApiException.notFound("Subtitles are not available until the job is completed");
        }
        return json.readValue(job.outputDataJson(), OutputSubtitles.class);
    }

    private static ResponseEntity<byte[]> download(String jobId, String extension, String mediaType, byte[] body) {
        String fileName = "subtitles-" + jobId + "." + extension;
        // The security headers are set here, not left to Spring Security: it writes them when the response
        // commits, and Tomcat commits an empty body (Content-Length: 0, a job that heard no speech) without its
        // wrapper noticing. Present headers are not written twice.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }

    record OutputSubtitles(List<SubtitleSegment> subtitles, String language, String model) {
    }

    /** {@code subtitles.json}: absent language or model (jobs from before they existed) are omitted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubtitlesDocument(String language, String model, List<SubtitleSegment> segments) {
    }
}
