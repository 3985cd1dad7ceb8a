package io.mediajobs.denoise;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

import io.mediajobs.media.ProcessFailedException;
import io.mediajobs.media.ProcessRunner;
import io.mediajobs.media.RunningProcess;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * One ffmpeg of a noise-removal stage, run by the shared {@link ProcessRunner}, whose stderr carries FFmpeg's
 * machine-readable progress stream ({@code -progress pipe:2}) next to its error messages. The one place that parses
 * that stream ({@code out_time_us}); {@link #await} turns it into the stage's progress reports.
 */
final class FfmpegProcess {

    /** Progress cadence; the contract promises at least every 2 s, cancellation is noticed as fast. */
    static final Duration REPORT_EVERY = Duration.ofMillis(250);

    private final Duration timeout;
    private final AtomicLong outTimeMicros = new AtomicLong();
    private final RunningProcess running;

    private FfmpegProcess(List<String> command, boolean discardStdout, Duration timeout) throws IOException {
        this.timeout = timeout;
        ProcessRunner runner = ProcessRunner.of(command).maxRuntime(timeout).onStderrLine(this::onStderrLine);
        if (discardStdout) {
            runner.discardStdout();
        }
        this.running = runner.start();
    }

    /**
     * Starts the command; its stdout is left for the caller (a PCM pipe) or discarded when {@code discardStdout}.
     *
     * @param timeout the process is killed after this long, and {@link #await} reports it as timed out
     * @throws IOException when ffmpeg cannot be started
     */
    static FfmpegProcess start(List<String> command, boolean discardStdout, Duration timeout) throws IOException {
        return new FfmpegProcess(command, discardStdout, timeout);
    }

    /**
     * Blocks until all processes of a stage exited and the pump (if any) finished, reporting progress every
     * {@link #REPORT_EVERY}.
     *
     * @param fraction 0..1 progress of this stage
     * @param progress the job's progress consumer; a RuntimeException it throws kills the stage and is rethrown
     * @throws DenoiseException      when a process timed out, failed or the pump failed
     * @throws CancellationException when the thread is interrupted (every process is killed; the flag is kept)
     */
    static void await(String what, List<FfmpegProcess> processes, Future<?> pump, DoubleSupplier fraction,
            DoubleConsumer progress) {
        RunningProcess.awaitAll(what, processes.stream().map(p -> p.running).toList(), pump, REPORT_EVERY,
                () -> progress.accept(clamp(fraction.getAsDouble())));
        for (FfmpegProcess p : processes) {
            if (p.running.killReason().orElse(null) == RunningProcess.KillReason.MAX_RUNTIME) {
                throw new DenoiseException(what + " timed out after " + p.timeout.toSeconds() + " s");
            }
        }
        if (pump != null) {
            try {
                pump.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException) {
                    // a broken pipe: ffmpeg's own message says why better than the pump can
                    processes.forEach(p -> p.checkSucceeded(what));
                }
                throw cause instanceof RuntimeException re ? re
                        : new DenoiseException(what + " failed: " + cause.getMessage(), cause);
            } catch (TimeoutException e) {
                throw new DenoiseException(what + " did not finish", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException(what + " was interrupted");
            }
        }
        for (FfmpegProcess p : processes) {
            p.checkSucceeded(what);
        }
    }

    Process process() {
        return running.process();
    }

    /** Media time FFmpeg has produced so far, in seconds (from its progress stream). */
    double outTimeSeconds() {
        return outTimeMicros.get() / 1_000_000.0;
    }

    /** Kills ffmpeg and anything it started, and waits (briefly) until it is gone. */
    void kill() {
        running.kill();
    }

    /** Waits for the exit so the stderr tail is complete, then fails with it when ffmpeg exited non-zero. */
    void checkSucceeded(String what) {
        try {
            if (!running.awaitExit(Duration.ofSeconds(2))) {
                running.kill();
                throw new DenoiseException(what + " failed: ffmpeg did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            throw new DenoiseException(what + " was interrupted");
        }
        try {
            running.checkSuccess();
        } catch (ProcessFailedException e) {
            DenoiseException failure = new DenoiseException(what + " failed (" + e.getMessage() + ")", e);
            if (e.isPermanent()) {
                // FFmpeg refused the media itself: a retry would fail the same way
                throw new UnsupportedMediaException(UnsupportedMediaException.UNDECODABLE, failure);
            }
            throw failure;
        } catch (IOException e) {
            throw new DenoiseException(what + " failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return running.toString();
    }

    /** Takes the progress keys out of stderr; everything else is an error message for the tail. */
    private boolean onStderrLine(String line) {
        if (line.startsWith("out_time_us=") || line.startsWith("out_time_ms=")) {
            // out_time_ms is, despite its name, also in microseconds
            parseMicros(line.substring(line.indexOf('=') + 1));
            return false;
        }
        return !isProgressKey(line);
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

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
