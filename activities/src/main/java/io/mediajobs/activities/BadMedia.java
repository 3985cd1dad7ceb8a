package io.mediajobs.activities;

import io.temporal.failure.ApplicationFailure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.workflows.JobFailures;

/**
 * The one way an activity refuses a job's media: the whole story (FFmpeg's own output in the cause chain) goes to
 * the log with the job id, the user reads only the exception's sentence, and the failure is non-retryable.
 */
final class BadMedia {

    private static final Logger log = LoggerFactory.getLogger(BadMedia.class);

    private BadMedia() {
    }

    /** Logs {@code e} for job {@code jobId} and returns the non-retryable {@link JobFailures#BAD_MEDIA} to throw. */
    static ApplicationFailure refuse(Object jobId, UnsupportedMediaException e) {
        log.warn("Job {} refused its media: {}", jobId, e.getMessage(), e);
        return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), JobFailures.BAD_MEDIA, e);
    }
}
