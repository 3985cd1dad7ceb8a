package io.mediajobs.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process started by {@link ProcessRunner}. Killing always takes the whole tree (descendants first, so none is
 * orphaned out of reach). Thread-safe, except that {@link #stdout()} must be read by one thread at a time.
 */
public final class RunningProcess implements AutoCloseable {

    /** Longer stderr lines are cut to this many characters, so a hostile file cannot grow the tail without bound. */
    public static final int MAX_LINE_CHARS = 1000;

    /** How long {@link #kill()} waits for the process to be gone. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(2);
    /** Upper bound on waiting for the stderr drain after the exit (a stray grandchild may hold the pipe open). */
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(5);
    private static final long NOT_READING = Long.MIN_VALUE;

    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "process-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        // watchdogs of exited processes are cancelled; drop them at once rather than when they would have fired
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    /** Why the process was killed. */
    public enum KillReason {
        /** It outlived {@link ProcessRunner#maxRuntime}. */
        MAX_RUNTIME("max runtime"),
        /** A read of {@link #stdout()} waited longer than {@link ProcessRunner#stallTimeout}. */
        STALL("stall"),
        /** {@link #kill()} or {@link #close()} while it was running (cancellation, a failed sibling...). */
        REQUESTED("on request");

        private final String wording;

        KillReason(String wording) {
            this.wording = wording;
        }

        /** How messages name it, e.g. "max runtime". */
        public String wording() {
            return wording;
        }
    }

    private final List<String> command;
    private final Process process;
    private final int tailLines;
    private final ProcessRunner.StderrListener stderrListener;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread stderrDrain;
    private final InputStream stdout;
    private final AtomicReference<KillReason> killReason = new AtomicReference<>();
    private final List<ScheduledFuture<?>> watchdogs;
    private volatile long readingSinceNanos = NOT_READING;

    RunningProcess(List<String> command, Process process, int tailLines, ProcessRunner.StderrListener stderrListener,
            Duration maxRuntime, Duration stallTimeout) {
        this.command = command;
        this.process = process;
        this.tailLines = tailLines;
        this.stderrListener = stderrListener;
        this.stdout = new StallTrackingStream(process.getInputStream());
        this.stderrDrain = new Thread(this::drainStderr, "process-stderr-" + process.pid());
        this.stderrDrain.setDaemon(true);
        this.stderrDrain.start();
        List<ScheduledFuture<?>> scheduled = new ArrayList<>();
        if (maxRuntime != null) {
            scheduled.add(WATCHDOG.schedule(() -> killBy(KillReason.MAX_RUNTIME), maxRuntime.toNanos(),
                    TimeUnit.NANOSECONDS));
        }
        if (stallTimeout != null) {
            long stallNanos = stallTimeout.toNanos();
            scheduled.add(WATCHDOG.scheduleWithFixedDelay(() -> checkStall(stallNanos), 1, 1, TimeUnit.SECONDS));
        }
        this.watchdogs = List.copyOf(scheduled);
        process.onExit().thenRun(this::cancelWatchdogs);
    }

    /**
     * Waits until every process has exited and {@code companion} (a Java task pumping data into or out of them; null
     * when there is none) has finished, calling {@code tick} at once and then about every {@code tickEvery}.
     * Every process is killed and the companion cancelled when:
     * <ul>
     * <li>the thread is interrupted: throws {@link CancellationException} "{@code what} was interrupted" and keeps
     * the interrupt flag;</li>
     * <li>{@code tick} throws (how a progress consumer cancels): that exception is rethrown;</li>
     * <li>a process was killed by its own watchdog, or the companion failed: returns normally, so the caller reports
     * that from {@link #killReason()} or the companion's result.</li>
     * </ul>
     * Exit statuses are not checked here ({@link #checkSuccess()}).
     */
    public static void awaitAll(String what, List<RunningProcess> processes, Future<?> companion, Duration tickEvery,
            Runnable tick) {
        while (true) {
            if (Thread.interrupted()) {
                killAll(processes, companion);
                Thread.currentThread().interrupt();
                throw new CancellationException(what + " was interrupted");
            }
            try {
                tick.run();
            } catch (RuntimeException cancel) {
                killAll(processes, companion);
                throw cancel;
            }
            boolean exited = processes.stream().noneMatch(RunningProcess::isAlive);
            if (exited && (companion == null || companion.isDone())) {
                return;
            }
            boolean watchdogKilled = processes.stream().map(p -> p.killReason.get())
                    .anyMatch(r -> r != null && r != KillReason.REQUESTED);
            if (watchdogKilled || (companion != null && companion.isDone() && failed(companion))) {
                killAll(processes, companion);
                return;
            }
            waitBriefly(processes, tickEvery);
        }
    }

    /** The underlying process, for libraries that want one (its stdin, or stdout without stall tracking). */
    public Process process() {
        return process;
    }

    /** The process's stdout (unless discarded); reads through it count for the stall watchdog. */
    public InputStream stdout() {
        return stdout;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Why it was killed, or empty when it ended (or is running) on its own. */
    public Optional<KillReason> killReason() {
        return Optional.ofNullable(killReason.get());
    }

    /**
     * Waits up to {@code patience} for the exit, then (up to 5 s more) for stderr to be read to its end, so that
     * {@link #stderrTail()} is complete. Does not kill: on false the caller decides (usually {@link #kill()}).
     *
     * @return true when it has exited
     * @throws InterruptedException when the thread is interrupted while waiting (the process is left running)
     */
    public boolean awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        stderrDrain.join(Math.max(1, Math.min(patience.toMillis(), DRAIN_PATIENCE.toMillis())));
        return true;
    }

    /**
     * The exit code.
     *
     * @throws IllegalThreadStateException when it is still running
     */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Fails unless the process exited with status 0 on its own. Call after {@link #awaitExit} returned true.
     *
     * @throws IOException for a non-zero status or a kill, with a message for logs:
     *                     "{@code <program> exit code <n>: <tail>}" or
     *                     "{@code <program> was killed (max runtime|stall|on request), exit code <n>: <tail>}"
     *                     (program = the executable's file name; ": tail" omitted when stderr was empty)
     * @throws IllegalStateException when it is still running
     */
    public void checkSuccess() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(program() + " is still running");
        }
        int code = process.exitValue();
        KillReason killed = killReason.get();
        // a killed process can still exit 0: a shell whose children died first returns from its wait normally
        if (code != 0 || killed != null) {
            throw new ProcessFailedException(program(), code, killed, stderrTail());
        }
    }

    /**
     * The last stderr lines (as configured, default 30) that the listener kept, stripped, joined with " | "; empty
     * when there were none. Complete only once {@link #awaitExit} returned true.
     */
    public String stderrTail() {
        synchronized (tail) {
            return String.join(" | ", tail);
        }
    }

    /**
     * Kills the process and all its descendants and waits up to 2 s for it to be gone. Does nothing to a process
     * that has already exited. Keeps the thread's interrupt flag.
     */
    public void kill() {
        if (process.isAlive()) {
            killReason.compareAndSet(null, KillReason.REQUESTED);
        }
        destroyTree();
        try {
            process.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process tree if it is still running and closes its stdout. */
    @Override
    public void close() {
        cancelWatchdogs();
        if (process.isAlive()) {
            kill();
        }
        try {
            stdout.close();
        } catch (IOException ignored) {
            // the process is gone either way
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private String program() {
        return String.valueOf(Path.of(command.get(0)).getFileName());
    }

    private void killBy(KillReason reason) {
        if (!process.isAlive()) {
            return;
        }
        killReason.compareAndSet(null, reason); // set before the kill, so a reader that sees EOF also sees why
        destroyTree();
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void checkStall(long stallNanos) {
        long since = readingSinceNanos;
        if (since != NOT_READING && System.nanoTime() - since > stallNanos) {
            killBy(KillReason.STALL);
        }
    }

    private void cancelWatchdogs() {
        watchdogs.forEach(w -> w.cancel(false));
    }

    private static void killAll(List<RunningProcess> processes, Future<?> companion) {
        processes.forEach(RunningProcess::kill);
        if (companion != null) {
            companion.cancel(true);
        }
    }

    private static boolean failed(Future<?> companion) {
        try {
            companion.get(0, TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // handled at the top of the loop
            return false;
        } catch (TimeoutException | CancellationException e) {
            return false;
        }
    }

    private static void waitBriefly(List<RunningProcess> processes, Duration tickEvery) {
        try {
            RunningProcess alive = processes.stream().filter(RunningProcess::isAlive).findFirst().orElse(null);
            if (alive != null) {
                alive.process.waitFor(tickEvery.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Thread.sleep(20); // only the companion is still working
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // handled at the top of the loop
        }
    }

    /** Reads stderr to its end so the process never blocks on a full pipe; lines longer than the cap are cut. */
    private void drainStderr() {
        try (Reader reader = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[4096];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' || c == '\r') {
                        emit(line);
                    } else if (line.length() < MAX_LINE_CHARS) {
                        line.append(c);
                    }
                }
            }
            emit(line);
        } catch (IOException e) {
            // the process was killed: nothing more to read
        }
    }

    private void emit(StringBuilder buffered) {
        if (buffered.isEmpty()) {
            return;
        }
        String line = buffered.toString();
        buffered.setLength(0);
        boolean keep;
        try {
            keep = stderrListener.onLine(line);
        } catch (RuntimeException e) {
            keep = true; // a broken listener must not stop the drain, or the process would block
        }
        if (keep && !line.isBlank()) {
            synchronized (tail) {
                if (tail.size() == tailLines) {
                    tail.removeFirst();
                }
                tail.addLast(line.strip());
            }
        }
    }

    /** Marks when a read started, for the stall watchdog. */
    private final class StallTrackingStream extends FilterInputStream {

        StallTrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            readingSinceNanos = System.nanoTime();
            try {
                return super.read();
            } finally {
                readingSinceNanos = NOT_READING;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readingSinceNanos = System.nanoTime();
            try {
                return super.read(b, off, len);
            } finally {
                readingSinceNanos = NOT_READING;
            }
        }
    }
}
