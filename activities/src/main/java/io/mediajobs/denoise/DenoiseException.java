package io.mediajobs.denoise;

/** Noise removal failed for a reason other than bad input (FFmpeg crashed, timed out, model missing...). */
public class DenoiseException extends RuntimeException {

    public DenoiseException(String message) {
        super(message);
    }

    public DenoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
