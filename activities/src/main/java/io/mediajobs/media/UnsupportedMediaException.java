package io.mediajobs.media;

/** The file is not decodable audio or video. Its message is safe to show to the user. */
public class UnsupportedMediaException extends RuntimeException {

    /** What users read when FFmpeg refuses to decode a file that probing accepted; the details go to the log. */
    public static final String UNDECODABLE = "Unsupported media file: its audio could not be decoded";

    public UnsupportedMediaException(String message) {
        super(message);
    }

    public UnsupportedMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
