package io.mediajobs.denoise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running ffmpeg, started from an argument list (never a shell), whose stderr carries FFmpeg's machine-readable
 * progress stream ({@code -progress pipe:2}) next to its error messages. A daemon thread drains stderr so the
 * process can never block on a full pipe, keeps the last lines for error reports, and publishes {@code out_time_us}.
 */
final class FfmpegProcess {

    private static final int TAIL_LINES = 30;

    private final List<String> command;
    private final Process process;
    private final AtomicLong outTimeMicros = new AtomicLong();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;

    private FfmpegProcess(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stderrReader = new Thread(this::drainStderr, "ffmpeg-stderr-" + process.pid());
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
    }

    /** Starts the command; its stdout is left for the caller (a PCM pipe) or discarded when {@code discardStdout}. */
    static FfmpegProcess start(List<String> command, boolean discardStdout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (discardStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return new FfmpegProcess(command, builder.start());
    }

    Process process() {
        return process;
    }

    /** Media time FFmpeg has produced so far, in seconds (from its progress stream). */
    double outTimeSeconds() {
        return outTimeMicros.get() / 1_000_000.0;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills ffmpeg and anything it started, and waits (briefly) until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the stderr reader so the tail is complete, then fails with it when ffmpeg exited non-zero. */
    void checkSucceeded(String what) {
        try {
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        if (code != 0) {
            throw new DenoiseException(what + " failed (ffmpeg exit code " + code + "): " + stderrTail());
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private void drainStderr() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("out_time_us=") || line.startsWith("out_time_ms=")) {
                    // out_time_ms is, despite its name, also in microseconds
                    parseMicros(line.substring(line.indexOf('=') + 1));
                } else if (isProgressKey(line)) {
                    continue;
                } else if (!line.isBlank()) {
                    synchronized (stderrTail) {
                        if (stderrTail.size() == TAIL_LINES) {
                            stderrTail.removeFirst();
                        }
                        stderrTail.addLast(line.strip());
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: nothing more to read
        }
    }

    private void parseMicros(String value) {
        try {
            long micros = Long.parseLong(value.trim());
            if (micros > 0) {
                outTimeMicros.set(micros);
            }
        } catch (NumberFormatException e) {
            // "N/A" before the first frame
        }
    }

    private static boolean isProgressKey(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        String key = line.substring(0, eq);
        return key.matches("[a-z_0-9]+") && (key.equals("progress") || key.startsWith("out_time") || key.equals("speed")
                || key.equals("bitrate") || key.equals("total_size") || key.equals("dup_frames")
                || key.equals("drop_frames") || key.startsWith("stream_") || key.equals("frame") || key.equals("fps"));
    }
}
