package io.mediajobs.speech;

/**
 * The recognizer returned an error for a window (e.g. whisper.cpp's non-zero result code). It is deterministic:
 * the same audio fails the same way, so retrying cannot help. Thrown by {@link WhisperModel} with a technical
 * message; {@link TranscriptionEngine} rethrows it with a message for users that names the failing stretch of
 * the media, the original as its cause.
 */
public class RecognitionFailedException extends RuntimeException {

    public RecognitionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
