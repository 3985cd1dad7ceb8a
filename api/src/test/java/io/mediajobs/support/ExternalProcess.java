package io.mediajobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process a test starts (a worker JVM, a Temporal server): from an argument list, stdout and stderr into one log
 * file, stopped with its whole process tree. {@link #close()} is idempotent, so tests call it from {@code finally}
 * or {@code @AfterEach}; a JVM shutdown hook is the last resort if the test JVM exits first.
 */
public final class ExternalProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(() -> killTree(process.toHandle()), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} with the test JVM's environment plus {@code env}, appending its output to {@code log}.
     *
     * @param name what it is, for messages
     */
    public static ExternalProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new ExternalProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, e);
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return name + " log (" + log + "), last lines:\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Waits until {@code ready} holds, polling every 200 ms.
     *
     * @throws IllegalStateException with the log's tail if the process exits first or {@code timeout} passes
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before " + what + "\n"
                        + logTail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not " + what + " within " + timeout + "\n" + logTail(60));
            }
            sleep(200);
        }
    }

    /** SIGKILL to the process and everything it started (e.g. a worker's FFmpeg), like a machine losing power. */
    public void kill() {
        killTree(process.toHandle());
        awaitExit(Duration.ofSeconds(10));
    }

    /**
     * SIGTERM, as an orderly shutdown; after {@code grace}, SIGKILL to the tree.
     *
     * @return whether it exited within {@code grace} by itself
     */
    public boolean terminate(Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        boolean exited = awaitExit(grace);
        if (!exited) {
            killTree(process.toHandle());
            awaitExit(Duration.ofSeconds(10));
        }
        children.forEach(ProcessHandle::destroyForcibly);
        return exited;
    }

    /** Kills the tree if still running and drops the shutdown hook. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private static void killTree(ProcessHandle root) {
        // Children first seen, then the root (so it cannot start more), then the children: once the root is dead
        // its children are re-parented and no longer found as its descendants.
        List<ProcessHandle> children = root.descendants().toList();
        root.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
