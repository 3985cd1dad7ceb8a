package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which whisper.cpp runs ({@code WHISPER_LIBRARY}): scripts/whisper-native's build, whisper-jni's bundled one, or a
 * clear error. Each case is a child JVM running {@link TranscribeCli}, because a process loads the library once.
 */
class WhisperLibraryTest {

    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank.";

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void speak() throws Exception {
        clip = TestMedia.spoken(dir, "fox", "en-us", SENTENCE);
    }

    record Run(int exit, String stdout, String stderr) {
        /** The path TranscribeCli reports on stderr, or null. */
        String library() {
            return stderr.lines().filter(l -> l.startsWith("whisper.cpp library: "))
                    .map(l -> l.substring("whisper.cpp library: ".length())).findFirst().orElse(null);
        }
    }

    /** TranscribeCli on the clip with {@code WHISPER_LIBRARY} set to {@code library} (null: unset). */
    static Run cli(String library) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TranscribeCli.class.getName(),
                "--model", TestMedia.model().toString(), "--threads", "1", "--no-vad", "--language", "en",
                "--format", "text", clip.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove(WhisperNative.LIBRARY_ENV);
        if (library != null) {
            env.put(WhisperNative.LIBRARY_ENV, library);
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("TranscribeCli did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void bundledBuildIsWhisperJnisAndTranscribes() throws Exception {
        Run run = cli(WhisperNative.BUNDLED);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.library()).endsWith("libwhisper.so.1");
        Path configured = WhisperNative.configuredLibrary();
        if (configured != null) {
            assertThat(Path.of(run.library())).isNotEqualTo(configured.toAbsolutePath());
        }
        assertThat(TestMedia.wer(SENTENCE, run.stdout())).isLessThan(0.2);
    }

    /** scripts/test exports scripts/whisper-native's build; it must be the one loaded, and hear the same words. */
    @Test
    void configuredBuildIsTheOneLoadedAndAgreesWithTheBundledOne() throws Exception {
        Path configured = WhisperNative.configuredLibrary();
        assumeThat(configured).as("WHISPER_LIBRARY names a build (scripts/test sets it where cmake and c++ exist)")
                .isNotNull();

        Run ours = cli(configured.toString());
        Run bundled = cli(WhisperNative.BUNDLED);

        assertThat(ours.exit()).as(ours.stderr()).isZero();
        assertThat(ours.library()).isEqualTo(configured.toAbsolutePath().toString());
        assertThat(CaptionShaper.normalize(ours.stdout())).isEqualTo(CaptionShaper.normalize(bundled.stdout()));
    }

    @Test
    void aMissingLibraryIsAClearError() throws Exception {
        Run run = cli(dir.resolve("nowhere/libwhisper.so.1").toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("nowhere/libwhisper.so.1").contains("WHISPER_LIBRARY").contains("is not a file");
    }
}
