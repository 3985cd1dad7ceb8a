package io.mediajobs.speech;

/**
 * The job's language, task or prompt cannot run on this worker's model (another language on an English-only model,
 * a prompt longer than the model takes): retrying cannot help. The message is meant for users.
 */
public class UnsupportedSpeechOptionsException extends RuntimeException {

    public UnsupportedSpeechOptionsException(String message) {
        super(message);
    }
}
