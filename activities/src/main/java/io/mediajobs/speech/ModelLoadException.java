package io.mediajobs.speech;

import java.nio.file.Path;

/** The Whisper model could not be loaded; the message names the path and what to do. */
public class ModelLoadException extends RuntimeException {

    private final transient Path modelPath;

    public ModelLoadException(Path modelPath, String message, Throwable cause) {
        super(message, cause);
        this.modelPath = modelPath;
    }

    public Path modelPath() {
        return modelPath;
    }
}
