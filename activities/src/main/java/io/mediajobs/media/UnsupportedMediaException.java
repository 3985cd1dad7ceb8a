package io.mediajobs.media;

/** The file is not decodable audio or video. Its message is safe to show to the user. */
public class UnsupportedMediaException extends RuntimeException {

    public UnsupportedMediaException(String message) {
        super(message);
    }

    public UnsupportedMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
