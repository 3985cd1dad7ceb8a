package io.mediajobs.workflows;

import java.util.Set;

/**
 * Failure types activities raise as non-retryable {@code ApplicationFailure}s. Their messages are written for
 * users and become the job's {@code errorMessage} as they are.
 */
public final class JobFailures {

    /** The media cannot feed this job (no audio, undecodable); retrying cannot help. */
    public static final String BAD_MEDIA = "BadMedia";

    /** The source asset was deleted before the job ran. */
    public static final String SOURCE_MISSING = "SourceMissing";

    /** The engine is not usable on this worker (e.g. no Whisper weights); an operator must act. */
    public static final String ENGINE_UNAVAILABLE = "EngineUnavailable";

    /**
     * The engine failed on this input in a way that repeats (e.g. whisper.cpp returned an error code for a stretch
     * of audio); retrying cannot help. The message says which part of the media failed.
     */
    public static final String ENGINE_REJECTED = "EngineRejected";

    /** The job's row was already final (e.g. cancelled) when its work was about to start. */
    public static final String JOB_ALREADY_FINAL = "JobAlreadyFinal";

    /** The errorMessage of a job the user cancelled. */
    public static final String CANCELLED_BY_USER = "Cancelled by user";

    /** The types whose messages are written for users and may be shown as they are. */
    public static final Set<String> USER_FACING_TYPES =
            Set.of(BAD_MEDIA, SOURCE_MISSING, ENGINE_UNAVAILABLE, ENGINE_REJECTED, JOB_ALREADY_FINAL);

    private JobFailures() {
    }
}
