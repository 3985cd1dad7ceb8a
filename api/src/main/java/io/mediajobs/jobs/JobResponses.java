package io.mediajobs.jobs;

import io.mediajobs.persistence.Job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.mediajobs.common.Timestamps;

/** The spec's {@code JobStatusResponse} and {@code UserJobsResponse}: optional fields omitted, never null. */
final class JobResponses {

    private JobResponses() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobStatusResponse(
            String jobId,
            String type,
            String status,
            int progress,
            Integer estimatedDuration,
            @JsonRawValue String outputData,
            String errorMessage,
            String createdAt,
            String startedAt,
            String completedAt,
            Integer attempt,
            String retryReason,
            String retryOfJobId,
            Boolean cancelRequested) {

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
            String jobId,
            String type,
            String status,
            int progress,
            String projectId,
            String assetId,
            Integer estimatedDuration,
            @JsonRawValue String outputData,
            String errorMessage,
            String createdAt,
            String completedAt) {

        static UserJobsResponse of(Job job) {
            return new UserJobsResponse(job.id().toString(), job.type().wireName(), job.status().wireName(),
                    job.progress(), job.projectId().toString(), job.assetId().toString(), job.estimatedDuration(),
                    job.outputDataJson(), job.errorMessage(), Timestamps.iso(job.createdAt()),
                    Timestamps.iso(job.completedAt()));
        }
    }
}
