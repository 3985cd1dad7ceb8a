package io.mediajobs.jobs;

import io.mediajobs.persistence.JobType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import io.mediajobs.denoise.DenoiseOptions;
import io.mediajobs.denoise.NoiseRemovalEngine;
import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.ProcessRunner;
import io.mediajobs.media.RunningProcess;
import io.mediajobs.storage.ScratchSpace;

/**
 * Measures what this worker's noise engine really costs, once, in the background after start-up: it runs on a short
 * and a long generated clip (after a warm-up run), and the two timings give the fixed overhead and the seconds of
 * processing per second of media, {@link EstimatedDurations}' prior until job history says better. A worker-less
 * API instance skips it and uses the configured priors.
 */
@Component
class EngineCalibration {

    private static final Logger log = LoggerFactory.getLogger(EngineCalibration.class);
    static final int SHORT_CLIP_SECONDS = 5;
    static final int LONG_CLIP_SECONDS = 40;

    private final FfmpegBinaries binaries;
    private final ObjectProvider<NoiseRemovalEngine> noise;
    private final ScratchSpace scratch;
    private final boolean enabled;
    private final Map<JobType, EstimatedDurations.Cost> measured = new EnumMap<>(JobType.class);

    EngineCalibration(FfmpegBinaries binaries, ObjectProvider<NoiseRemovalEngine> noise, ScratchSpace scratch,
            TemporalProperties temporal, EstimateProperties estimates) {
        this.binaries = binaries;
        this.scratch = scratch;
        this.noise = noise;
        // The starter's own reading of spring.temporal.start-workers: unset means the workers start.
        boolean workersRunHere = !Boolean.FALSE.equals(temporal.getStartWorkers());
        this.enabled = workersRunHere && estimates.calibrate();
    }

    /** What a job of this type costs here, as measured; empty until (or unless) measured. */
    synchronized Optional<EstimatedDurations.Cost> measured(JobType type) {
        return Optional.ofNullable(measured.get(type));
    }

    @EventListener(ApplicationReadyEvent.class)
    void calibrateInBackground() {
        if (!enabled) {
            return;
        }
        Thread thread = new Thread(this::calibrate, "engine-calibration");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void calibrate() {
        Path dir;
        try {
            dir = scratch.newDirectory("calibration-");
        } catch (IOException e) {
            log.info("Engine calibration skipped: {}", e.toString());
            return;
        }
        try {
            Path shortClip = generateClip(dir, SHORT_CLIP_SECONDS);
            Path longClip = generateClip(dir, LONG_CLIP_SECONDS);
            // Only noise removal: Whisper's speed depends on speech content (a generated tone made it look 20x
            // slower than on real speech), so subtitle estimates use the prior until real jobs have run.
            measure(JobType.NOISE_REMOVAL, shortClip, longClip, (clip, out) -> noise.getObject().denoise(clip, out,
                    DenoiseOptions.defaults(), p -> { }));
        } catch (IOException | RuntimeException e) {
            log.info("Engine calibration skipped: {}", e.toString());
        } finally {
            FileSystemUtils.deleteRecursively(dir.toFile()); // best effort: a temp dir
        }
    }

    private void measure(JobType type, Path shortClip, Path longClip, BiConsumer<Path, Path> job) {
        try {
            Path out = shortClip.resolveSibling("out.mp3");
            job.accept(shortClip, out); // warm-up: class loading and JIT would count as overhead
            double shortSeconds = timed(() -> job.accept(shortClip, out));
            double longSeconds = timed(() -> job.accept(longClip, out));
            EstimatedDurations.Cost cost = costOf(SHORT_CLIP_SECONDS, shortSeconds, LONG_CLIP_SECONDS, longSeconds);
            synchronized (this) {
                measured.put(type, cost);
            }
            log.info("Calibrated {}: {} s per job + {} s per s of media ({}x real time)", type.wireName(),
                    String.format("%.2f", cost.overheadSeconds()), String.format("%.4f", cost.secondsPerMediaSecond()),
                    String.format("%.1f", 1 / cost.secondsPerMediaSecond()));
        } catch (RuntimeException e) {
            log.info("Could not calibrate {} on this worker: {}", type.wireName(), e.getMessage());
        }
    }

    /** The line through two timed runs; a noisy pair that slopes down falls back to the long run's mean speed. */
    static EstimatedDurations.Cost costOf(double shortMedia, double shortSeconds, double longMedia, double longSeconds) {
        double rate = (longSeconds - shortSeconds) / (longMedia - shortMedia);
        if (!(rate > 0)) {
            return new EstimatedDurations.Cost(0, longSeconds / longMedia);
        }
        return new EstimatedDurations.Cost(Math.max(0, shortSeconds - rate * shortMedia), rate);
    }

    private static double timed(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Noisy modulated tone: the noise engine does its full work on it. */
    private Path generateClip(Path dir, int seconds) throws IOException {
        Path clip = dir.resolve("calibration-" + seconds + "s.wav");
        List<String> command = List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=16000:duration=" + seconds,
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=16000:duration=" + seconds,
                "-filter_complex", "[0:a]tremolo=f=3:d=0.9[v];[v][1:a]amix=inputs=2:normalize=0",
                "-ac", "1", clip.toString());
        try (RunningProcess process = ProcessRunner.of(command).discardStdout().start()) {
            if (!process.awaitExit(Duration.ofSeconds(60))) {
                throw new IOException("ffmpeg could not generate the calibration clip"); // close() kills it
            }
            try {
                process.checkSuccess();
            } catch (IOException e) {
                throw new IOException("ffmpeg could not generate the calibration clip (" + e.getMessage() + ")", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return clip;
    }
}
