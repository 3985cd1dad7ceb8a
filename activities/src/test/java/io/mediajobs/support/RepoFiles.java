package io.mediajobs.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's own files for the activities tests: the one place that locates the repository root and
 * {@code samples/jfk.wav}. Maven runs the tests with the module directory as working directory, so both are found
 * by walking up from it; nothing outside the repository is needed.
 */
public final class RepoFiles {

    /** The real-speech sample, relative to the repository root (see samples/README.md). */
    public static final String JFK_WAV = "samples/jfk.wav";

    private RepoFiles() {
    }

    /** The repository root: the nearest ancestor of the working directory holding {@code samples/jfk.wav} or {@code mvnw}. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(JFK_WAV)) || Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (the directory with " + JFK_WAV + " and mvnw) not found above "
                + start + ": run the tests inside the repository");
    }

    /** {@code samples/jfk.wav}: 11 s of real speech, 16 kHz mono 16-bit PCM. Fails (never skips) when missing. */
    public static Path jfkWav() {
        Path wav = root().resolve(JFK_WAV);
        if (!Files.isRegularFile(wav)) {
            throw new IllegalStateException(JFK_WAV + " not found at " + wav
                    + ": it is part of the repository (git checkout -- " + JFK_WAV + " restores it)");
        }
        return wav;
    }
}
