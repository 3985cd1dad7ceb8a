package io.mediajobs.denoise;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/**
 * Watches one stage of a job (one or two ffmpeg processes, maybe a Java pump between them) from the caller's thread:
 * reports progress every {@link #REPORT_EVERY}, enforces the timeout, and turns a throwing progress consumer or an
 * interrupt into a prompt kill of every process of the stage.
 */
final class Supervisor {

    /** Progress cadence; the contract promises at least every 2 s, cancellation is noticed as fast. */
    static final Duration REPORT_EVERY = Duration.ofMillis(250);

    private Supervisor() {
    }

    /**
     * Blocks until all processes exited and the pump (if any) finished.
     *
     * @param fraction   0..1 progress of this stage
     * @param progress   the job's progress consumer; a RuntimeException it throws cancels the stage and is rethrown
     * @param timeout    the whole stage is killed after this long
     */
    static void await(String what, List<FfmpegProcess> processes, Future<?> pump, DoubleSupplier fraction,
            DoubleConsumer progress, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (Thread.interrupted()) {
                    killAll(processes, pump);
                    Thread.currentThread().interrupt();
                    throw new CancellationException(what + " was interrupted");
                }
                try {
                    progress.accept(clamp(fraction.getAsDouble()));
                } catch (RuntimeException cancel) {
                    killAll(processes, pump);
                    throw cancel;
                }
                boolean done = processes.stream().noneMatch(FfmpegProcess::isAlive) && (pump == null || pump.isDone());
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    killAll(processes, pump);
                    throw new DenoiseException(what + " timed out after " + timeout.toSeconds() + " s");
                }
                if (pump != null && pump.isDone() && failed(pump)) {
                    killAll(processes, pump);
                    break; // the pump's exception is reported below
                }
                waitBriefly(processes);
            }
        } catch (RuntimeException e) {
            throw e;
        }
        if (pump != null) {
            try {
                pump.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // ffmpeg's own message explains a broken pipe better than the pump does
                processes.forEach(p -> {
                    if (!p.isAlive()) {
                        p.checkSucceeded(what);
                    }
                });
                Throwable cause = e.getCause();
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

    static void killAll(List<FfmpegProcess> processes, Future<?> pump) {
        processes.forEach(FfmpegProcess::kill);
        if (pump != null) {
            pump.cancel(true);
        }
    }

    private static boolean failed(Future<?> pump) {
        try {
            pump.get(0, TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException | TimeoutException | CancellationException e) {
            return false;
        }
    }

    private static void waitBriefly(List<FfmpegProcess> processes) {
        try {
            FfmpegProcess alive = processes.stream().filter(FfmpegProcess::isAlive).findFirst().orElse(null);
            if (alive != null) {
                alive.process().waitFor(REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // handled at the top of the loop
        }
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
