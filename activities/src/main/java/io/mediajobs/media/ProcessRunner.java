package io.mediajobs.media;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The one way this service starts an external program (ffmpeg, ffprobe...): from an argument list, never a shell
 * string, with stderr always drained by a daemon thread into a bounded tail, and optional watchdogs that kill the
 * whole process tree. Configure, then {@link #start()}; the result is a {@link RunningProcess}.
 *
 * <p>Not thread-safe; one instance describes one start.
 */
public final class ProcessRunner {

    /** Default number of stderr lines kept for error reports. */
    public static final int DEFAULT_TAIL_LINES = 30;

    /** Sees every non-empty stderr line, on the drain thread, as it arrives. */
    @FunctionalInterface
    public interface StderrListener {
        /**
         * @param line one line without its terminator (at most {@link RunningProcess#MAX_LINE_CHARS} characters)
         * @return whether the line belongs in the error tail; false for machine-readable lines such as FFmpeg's
         *         {@code -progress} keys
         */
        boolean onLine(String line);
    }

    private final List<String> command;
    private boolean discardStdout;
    private Duration maxRuntime;
    private Duration stallTimeout;
    private int tailLines = DEFAULT_TAIL_LINES;
    private StderrListener stderrListener = line -> true;

    private ProcessRunner(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(command);
    }

    /** @param command the program and its arguments, passed as is (no shell, no quoting) */
    public static ProcessRunner of(List<String> command) {
        return new ProcessRunner(command);
    }

    /** Sends stdout to the null device; by default it is a pipe the caller must read (e.g. PCM). */
    public ProcessRunner discardStdout() {
        this.discardStdout = true;
        return this;
    }

    /**
     * Kills the process tree once it has run this long; {@link RunningProcess#killReason()} then says
     * {@link RunningProcess.KillReason#MAX_RUNTIME}. Unset means no limit; zero or less kills it at once.
     */
    public ProcessRunner maxRuntime(Duration maxRuntime) {
        this.maxRuntime = Objects.requireNonNull(maxRuntime, "maxRuntime");
        return this;
    }

    /**
     * Kills the process tree when one read of {@link RunningProcess#stdout()} has waited this long for data (checked
     * every second); {@link RunningProcess#killReason()} then says {@link RunningProcess.KillReason#STALL}. Time the
     * caller spends not reading does not count, so a slow consumer is never mistaken for a hung process.
     */
    public ProcessRunner stallTimeout(Duration stallTimeout) {
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        return this;
    }

    /** How many stderr lines {@link RunningProcess#stderrTail()} keeps (default {@value #DEFAULT_TAIL_LINES}). */
    public ProcessRunner tailLines(int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be positive: " + tailLines);
        }
        this.tailLines = tailLines;
        return this;
    }

    /** Observes stderr lines (e.g. to parse progress) and decides which of them the tail keeps. */
    public ProcessRunner onStderrLine(StderrListener listener) {
        this.stderrListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Starts the process; its stdin is a pipe ({@code process().getOutputStream()}).
     *
     * @throws IOException when the program cannot be started (missing, not executable...)
     */
    public RunningProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (discardStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return new RunningProcess(command, builder.start(), tailLines, stderrListener, maxRuntime, stallTimeout);
    }
}
