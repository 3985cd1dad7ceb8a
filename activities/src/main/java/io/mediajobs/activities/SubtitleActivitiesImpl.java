package io.mediajobs.activities;

import io.mediajobs.workflows.JobFailures;
import io.mediajobs.workflows.subtitles.SubtitleActivities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.UUID;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.mediajobs.persistence.JobRepository;
import io.mediajobs.storage.StorageService;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.speech.ModelLoadException;
import io.mediajobs.speech.RecognitionFailedException;
import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.speech.TranscriptionCheckpoint;
import io.mediajobs.speech.TranscriptionEngine;
import io.mediajobs.speech.TranscriptionListener;
import io.mediajobs.speech.Transcript;
import io.mediajobs.speech.UnsupportedSpeechOptionsException;

/**
 * Subtitle generation's activity: Whisper over the chosen audio track, heartbeating a checkpoint after every window
 * so a retry resumes there; bad media and engine rejections fail the job at once, in words.
 */
@Component("subtitleActivities")
public class SubtitleActivitiesImpl implements SubtitleActivities {

    private static final int ENGINE_SHARE = 99;

    /** Lazy: the Whisper model loads on the first subtitle job, so the API starts even without weights. */
    private final ObjectProvider<TranscriptionEngine> engine;
    private final StorageService storage;
    private final JobRepository jobs;

    public SubtitleActivitiesImpl(ObjectProvider<TranscriptionEngine> engine,
            StorageService storage, JobRepository jobs) {
        this.engine = engine;
        this.storage = storage;
        this.jobs = jobs;
    }

    @Override
    public List<SubtitleSegment> transcribe(TranscribeInput input) {
        return transcribeSpeech(input).segments();
    }

    /**
     * Transcribes with the job's options; options the model cannot honour (a language an English-only model lacks,
     * a prompt of more than 224 tokens) fail the job at once, in words.
     */
    @Override
    public SubtitleResult transcribeSpeech(TranscribeInput input) {
        if (!storage.exists(input.sourceStorageKey())) {
            throw sourceMissing();
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        TranscriptionCheckpoint resumeFrom = ActivityProgress.lastCheckpoint(context, TranscriptionCheckpoint.class)
                .orElse(null);
        TranscriptionEngine transcriber;
        try {
            transcriber = engine.getObject();
        } catch (RuntimeException e) {
            Throwable cause = rootCause(e);
            String reason = cause instanceof ModelLoadException ? cause.getMessage() : cause.toString();
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                    "Speech recognition is not available on this worker: " + reason, JobFailures.ENGINE_UNAVAILABLE, e);
        }
        // Inside the progress block: its ticker heartbeats while a remote source is downloaded.
        try (ActivityProgress progress = new ActivityProgress(context, jobs, UUID.fromString(input.jobId()), 0,
                ENGINE_SHARE); StorageService.LocalFile source = storage.localFile(input.sourceStorageKey())) {
            if (resumeFrom != null) {
                progress.checkpoint(resumeFrom);
            }
            TranscriptionListener listener = new TranscriptionListener() {
                @Override
                public void onProgress(double fraction) {
                    progress.update(fraction);
                }

                @Override
                public void onCheckpoint(TranscriptionCheckpoint checkpoint) {
                    progress.checkpoint(checkpoint);
                }
            };
            try {
                Transcript transcript = transcriber.transcribe(source.path(), input.audioTrack(), input.options(),
                        resumeFrom, listener);
                return new SubtitleResult(transcript.segments(), transcript.language(),
                        transcript.languageProbability(), transcript.model());
            } catch (RuntimeException e) {
                progress.throwIfStopped(); // cancelled or timed out: report that, not the engine's interruption
                throw e;
            }
        } catch (UnsupportedMediaException e) {
            throw BadMedia.refuse(input.jobId(), e);
        } catch (UnsupportedSpeechOptionsException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), JobFailures.ENGINE_REJECTED, e);
        } catch (RecognitionFailedException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), JobFailures.ENGINE_REJECTED, e);
        } catch (NoSuchFileException e) {
            throw sourceMissing();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the source asset", e);
        }
    }

    private static ApplicationFailure sourceMissing() {
        return ApplicationFailure.newNonRetryableFailure("The source asset was deleted before the job could run",
                JobFailures.SOURCE_MISSING);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
