package io.mediajobs.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A worker-only instance of the application in its own JVM, from the built jar, exactly as operators run one
 * ({@code java -jar media-jobs.jar --spring.profiles.active=worker}), so a test can kill it with SIGKILL.
 * It uses the given database, Temporal server, task queue and storage root, and its own data and temp dirs;
 * the speech and noise models come from the test JVM's environment ({@code WHISPER_MODEL}, {@code NOISE_MODEL_DIR}).
 */
public final class WorkerJvm implements AutoCloseable {

    /** Where the worker runs: everything it shares with the API under test. */
    public record Target(RealPostgres.Connection database, String temporalAddress, String taskQueue,
                         Path storageRoot) {
    }

    private final ExternalProcess process;

    private WorkerJvm(ExternalProcess process) {
        this.process = process;
    }

    /**
     * Starts a worker and waits until Spring has started it (its Temporal workers poll from then on).
     *
     * @param dir its own data dir (log, temp files, dev key); created if missing
     * @throws IllegalStateException with the worker's log if it exits or is not started within 2 minutes
     */
    public static WorkerJvm start(String name, Target target, Path dir) {
        return start(name, target, dir, Map.of());
    }

    /**
     * {@link #start(String, Target, Path)} with more environment, e.g. {@code STORAGE=s3} (the S3 endpoint, bucket
     * and credentials come from the test JVM's environment, as {@code ./scripts/test} exports them).
     */
    public static WorkerJvm start(String name, Target target, Path dir, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Starts in seconds less on a busy 2-core box; the engines' hot loops are native anyway.
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + createDirectories(dir.resolve("tmp")),
                "-jar", RepoFiles.applicationJar().toString(),
                "--spring.profiles.active=worker"));
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", target.database().jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", target.database().username());
        env.put("SPRING_DATASOURCE_PASSWORD", target.database().password());
        env.put("TEMPORAL_ADDRESS", target.temporalAddress());
        env.put("TEMPORAL_TASK_QUEUE", target.taskQueue());
        env.put("STORAGE_ROOT", target.storageRoot().toString());
        env.put("DATA_DIR", dir.toString());
        env.put("START_WORKERS", "true");
        env.put("SPRING_PROFILES_ACTIVE", "worker");
        // No engine timing run at start-up competing with the job under test for the CPU.
        env.put("MEDIAJOBS_ESTIMATES_CALIBRATE", "false");
        env.putAll(extraEnv);
        ExternalProcess process = ExternalProcess.start("worker " + name, command, env, dir.resolve("worker.log"));
        try {
            process.awaitReady(() -> process.log().contains("Started MediaJobsApplication"), Duration.ofMinutes(2),
                    "started");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new WorkerJvm(process);
    }

    private static Path createDirectories(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ProcessHandle handle() {
        return process.handle();
    }

    /**
     * The arguments of a running child process of this worker whose arguments contain all of {@code markers}
     * (e.g. its FFmpeg decoder), if there is one right now.
     */
    public Optional<List<String>> childArguments(String... markers) {
        return process.handle().descendants()
                .map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> args.containsAll(List.of(markers)))
                .findFirst();
    }

    /** kill -9 of the JVM and its children (FFmpeg), mid-whatever it is doing. */
    public void kill() {
        process.kill();
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
