package io.mediajobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker killed with kill -9 leaves in the temp dir is removed when a worker starts, and what a worker still
 * running on the same machine is using is not. The other workers are real processes (a second JVM).
 */
class ScratchSpaceTest {

    @TempDir
    Path temp;

    /** A worker process: opens its scratch space in {@code args[0]}, starts a denoise, prints its root, waits. */
    public static final class Worker {
        public static void main(String[] args) throws Exception {
            ScratchSpace scratch = ScratchSpace.open(Path.of(args[0]));
            Path work = scratch.newDirectory("denoise-");
            Files.writeString(work.resolve(".cleaned.mp3." + UUID.randomUUID() + ".partial"), "half an mp3");
            System.out.println(scratch.root());
            System.out.flush();
            System.in.read(); // until killed (or its stdin closes)
        }
    }

    private record RunningWorker(Process process, Path root) {
    }

    private RunningWorker startWorker() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Worker.class.getName(), temp.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String root = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(root).as("the worker process printed its scratch root").isNotNull();
        return new RunningWorker(process, Path.of(root));
    }

    private static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whatAKilledWorkerLeftIsSweptOnStartButARunningWorkersFilesAreNot() throws Exception {
        RunningWorker running = startWorker();
        RunningWorker killed = startWorker();
        kill9(killed.process());
        assertThat(killed.root()).as("kill -9 left its files").exists();

        try (ScratchSpace starting = ScratchSpace.open(temp)) {
            assertThat(killed.root()).as("the dead worker's scratch root").doesNotExist();
            assertThat(running.root()).as("the running worker's scratch root").exists();
            try (Stream<Path> files = Files.walk(running.root())) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".partial"));
            }
            assertThat(starting.root()).exists().startsWith(temp);

            kill9(running.process());
            try (ScratchSpace next = ScratchSpace.open(temp)) {
                assertThat(running.root()).as("swept once that worker died too").doesNotExist();
                assertThat(starting.root()).as("a scratch space of this very process").exists();
            }
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("closed scratch spaces remove themselves").isEmpty();
        }
    }

    @Test
    void workDirectoriesLiveInTheRootAndGoWithIt() throws IOException {
        Path work;
        try (ScratchSpace scratch = ScratchSpace.open(temp)) {
            work = scratch.newDirectory("denoise-");
            Files.writeString(work.resolve("cleaned.mp3"), "x");
            assertThat(work.getParent()).isEqualTo(scratch.root());
            assertThat(work.getFileName().toString()).startsWith("denoise-");
        }
        assertThat(work).doesNotExist();
    }

    @Test
    void workDirectoriesOfOlderVersionsAreSweptOnceUntouchedForADay() throws IOException {
        Path oldDenoise = Files.createDirectory(temp.resolve("mediajobs-denoise-123"));
        Files.writeString(oldDenoise.resolve(".cleaned.mp3.abc.partial"), "x");
        Path oldCalibration = Files.createDirectory(temp.resolve("mediajobs-calibration-456"));
        Path recent = Files.createDirectory(temp.resolve("mediajobs-denoise-789"));
        Files.writeString(recent.resolve(".cleaned.mp3.def.partial"), "still being written");
        Path unrelated = Files.createDirectory(temp.resolve("something-else"));
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path p : List.of(oldDenoise.resolve(".cleaned.mp3.abc.partial"), oldDenoise, oldCalibration, unrelated)) {
            Files.setLastModifiedTime(p, twoDaysAgo);
        }
        Files.setLastModifiedTime(recent, twoDaysAgo); // the directory is old, the file in it is not

        try (ScratchSpace scratch = ScratchSpace.open(temp)) {
            assertThat(oldDenoise).doesNotExist();
            assertThat(oldCalibration).doesNotExist();
            assertThat(recent).exists();
            assertThat(unrelated).exists();
        }
    }

    @Test
    void aRootWhoseOwnerIsStillCreatingItIsLeftAlone() throws IOException {
        Path starting = Files.createDirectory(temp.resolve(ScratchSpace.ROOT_PREFIX + "42-1")); // no lock file yet
        Path abandoned = Files.createDirectory(temp.resolve(ScratchSpace.ROOT_PREFIX + "43-1"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        try (ScratchSpace scratch = ScratchSpace.open(temp)) {
            assertThat(starting).exists();
            assertThat(abandoned).doesNotExist();
        }
    }
}
