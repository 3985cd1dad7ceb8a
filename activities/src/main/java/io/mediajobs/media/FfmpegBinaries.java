package io.mediajobs.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;

/**
 * Where the real {@code ffmpeg} and {@code ffprobe} executables are.
 *
 * <p>Resolution order: an explicit path (FFMPEG_PATH / FFPROBE_PATH), then the binaries that bytedeco's
 * {@code org.bytedeco:ffmpeg} jar ships for linux-x86_64 (extracted once to ~/.javacpp/cache), then the
 * system {@code PATH}. The jar keeps a fresh machine free of manual installs.
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {

    public FfmpegBinaries {
        requireExecutable(ffmpeg, "ffmpeg");
        requireExecutable(ffprobe, "ffprobe");
    }

    /** Locates both binaries; blank or null overrides mean "find it yourself". */
    public static FfmpegBinaries locate(String ffmpegOverride, String ffprobeOverride) {
        return new FfmpegBinaries(
                resolve(ffmpegOverride, org.bytedeco.ffmpeg.ffmpeg.class, "ffmpeg"),
                resolve(ffprobeOverride, org.bytedeco.ffmpeg.ffprobe.class, "ffprobe"));
    }

    /** Locates both binaries from the FFMPEG_PATH / FFPROBE_PATH environment variables or the defaults. */
    public static FfmpegBinaries fromEnvironment() {
        return locate(System.getenv("FFMPEG_PATH"), System.getenv("FFPROBE_PATH"));
    }

    private static Path resolve(String override, Class<?> bundled, String name) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return fromBundledJar(bundled).or(() -> onSystemPath(name))
                .orElseThrow(() -> new IllegalStateException(
                        name + " not found: neither bundled (org.bytedeco:ffmpeg for linux-x86_64) nor on PATH; set "
                                + name.toUpperCase() + "_PATH"));
    }

    private static Optional<Path> fromBundledJar(Class<?> bundled) {
        try {
            return Optional.ofNullable(Loader.load(bundled)).map(Path::of);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return Optional.empty(); // other platforms: the jar has no binary for them
        }
    }

    private static Optional<Path> onSystemPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void requireExecutable(Path path, String name) {
        if (path == null || !Files.isExecutable(path)) {
            throw new IllegalStateException(name + " is not an executable file: " + path);
        }
    }
}
