package io.mediajobs.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's own files for the api integration tests: {@code samples/jfk.wav} and the application jar that
 * Maven's {@code package} phase builds before Failsafe runs. Maven runs tests with the module directory as working
 * directory, so the root is found by walking up from it.
 */
public final class RepoFiles {

    /** The real-speech sample, relative to the repository root (see samples/README.md). */
    public static final String JFK_WAV = "samples/jfk.wav";

    private RepoFiles() {
    }

    /** The nearest ancestor of the working directory holding {@code mvnw}. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("api"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (the directory with mvnw) not found above " + start);
    }

    /** {@code samples/jfk.wav}: 11 s of real speech, 16 kHz mono 16-bit PCM. */
    public static Path jfkWav() {
        return existing(root().resolve(JFK_WAV), "it is part of the repository (git checkout -- " + JFK_WAV + ")");
    }

    /** {@code api/target/media-jobs.jar}, the executable application jar. */
    public static Path applicationJar() {
        return existing(root().resolve("api/target/media-jobs.jar"),
                "run integration tests through ./scripts/test (Failsafe runs after `package` built it)");
    }

    private static Path existing(Path file, String hint) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " not found: " + hint);
        }
        return file;
    }
}
