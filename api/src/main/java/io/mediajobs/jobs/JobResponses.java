package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

import io.mediajobs.common.Timestamps;
import io.mediajobs.workflows.JobOutputData;

/**
 * The spec's {@code JobStatusResponse} and {@code UserJobsResponse}: optional fields omitted, never null; and the
 * {@code data} of the job endpoints' answers. The {@code @Schema} annotations give the OpenAPI document the spec's
 * types: required fields, the wire names' enums, {@code outputData} as {@link JobOutputData} (it is stored JSON).
 */
final class JobResponses {

    private JobResponses() {
    }

    /** {@code data} of start, status, cancel and retry: {@code {job: JobStatusResponse}}. */
    record JobData(@Schema(requiredMode = RequiredMode.REQUIRED) JobStatusResponse job) {
    }

    /** {@code data} of the job list; {@code nextCursor} (extension) only after a full page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobListData(@Schema(requiredMode = RequiredMode.REQUIRED) List<UserJobsResponse> jobs,
            @Schema(description = "Pass back as ?cursor= for the next page") String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobStatusResponse(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String jobId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"noise-removal", "subtitle-generation"})
            String type,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"pending", "processing", "completed", "failed"})
            String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "100") int progress,
            @Schema(description = "seconds") Integer estimatedDuration,
            @Schema(implementation = JobOutputData.class) @JsonRawValue String outputData,
            String errorMessage,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(format = "date-time") String startedAt,
            @Schema(format = "date-time") String completedAt,
            @Schema(description = "Extension: the engine's attempt, present from the 2nd") Integer attempt,
            @Schema(description = "Extension: why the engine is retrying") String retryReason,
            @Schema(description = "Extension: the failed job this one retries", format = "uuid") String retryOfJobId,
            @Schema(description = "Extension: true once a cancel was accepted") Boolean cancelRequested) {

        static JobStatusResponse of(Job job) {
            return of(job, null, null);
        }

        /**
         * The projection merged with Temporal's live view. Extensions beyond the spec, present only while it
         * matters: {@code attempt} (the engine activity is on its 2nd+ attempt), {@code retryReason},
         * {@code retryOfJobId} on a job created by retrying a failed one, and {@code cancelRequested: true} once the
         * user asked to cancel it (a job that is stopping still shows its status until it ends failed).
         */
        static JobStatusResponse of(Job job, Integer attempt, String retryReason) {
            return new JobStatusResponse(job.id().toString(), job.type().wireName(), job.status().wireName(),
                    job.progress(), job.estimatedDuration(), job.outputDataJson(), job.errorMessage(),
                    Timestamps.iso(job.createdAt()), Timestamps.iso(job.startedAt()), Timestamps.iso(job.completedAt()),
                    attempt, retryReason, job.retryOfJobId() == null ? null : job.retryOfJobId().toString(),
                    job.cancelRequested() ? Boolean.TRUE : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserJobsResponse(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String jobId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"noise-removal", "subtitle-generation"})
            String type,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"pending", "processing", "completed", "failed"})
            String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "100") int progress,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String projectId,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String assetId,
            @Schema(description = "seconds") Integer estimatedDuration,
            @Schema(implementation = JobOutputData.class) @JsonRawValue String outputData,
            String errorMessage,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(format = "date-time") String completedAt) {

        static UserJobsResponse of(Job job) {
            return new UserJobsResponse(job.id().toString(), job.type().wireName(), job.status().wireName(),
                    job.progress(), job.projectId().toString(), job.assetId().toString(), job.estimatedDuration(),
                    job.outputDataJson(), job.errorMessage(), Timestamps.iso(job.createdAt()),
                    Timestamps.iso(job.completedAt()));
        }
    }
}
