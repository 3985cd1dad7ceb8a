package io.mediajobs.speech;

/** The transcribing thread was interrupted; its interrupt flag is set again. */
public class TranscriptionInterruptedException extends RuntimeException {

    public TranscriptionInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
