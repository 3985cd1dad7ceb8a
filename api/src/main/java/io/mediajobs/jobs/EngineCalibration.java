package io.mediajobs.jobs;

import io.mediajobs.persistence.JobType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

/**
 * Measures how fast this worker's noise engine really is, once, in the background after start-up: it runs on a
 * generated clip and the seconds of processing per second of media become the estimate's prior until enough real
 * jobs have completed. A worker-less API instance skips it and uses the configured priors.
 */
@Component
class EngineCalibration {

    private static final Logger log = LoggerFactory.getLogger(EngineCalibration.class);
    static final double CLIP_SECONDS = 20;

    private final FfmpegBinaries binaries;
    private final ObjectProvider<NoiseRemovalEngine> noise;
    private final boolean enabled;
    private final Map<JobType, Double> measured = new EnumMap<>(JobType.class);

    EngineCalibration(FfmpegBinaries binaries, ObjectProvider<NoiseRemovalEngine> noise,
            TemporalProperties temporal, EstimateProperties estimates) {
        this.binaries = binaries;
        this.noise = noise;
        // The starter's own reading of spring.temporal.start-workers: unset means the workers start.
        boolean workersRunHere = !Boolean.FALSE.equals(temporal.getStartWorkers());
        this.enabled = workersRunHere && estimates.calibrate();
    }

    /** Seconds of processing per second of media, as measured here; empty until (or unless) measured. */
    synchronized Optional<Double> secondsPerMediaSecond(JobType type) {
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
            dir = Files.createTempDirectory("mediajobs-calibration-");
        } catch (IOException e) {
            log.info("Engine calibration skipped: {}", e.toString());
            return;
        }
        try {
            Path clip = generateClip(dir);
            // Only noise removal: Whisper's speed depends on speech content (a generated tone made it look 20x
            // slower than on real speech), so subtitle estimates use the prior until real jobs have run.
            measure(JobType.NOISE_REMOVAL, () -> noise.getObject().denoise(clip, dir.resolve("out.mp3"),
                    DenoiseOptions.defaults(), p -> { }));
        } catch (IOException | RuntimeException e) {
            log.info("Engine calibration skipped: {}", e.toString());
        } finally {
            FileSystemUtils.deleteRecursively(dir.toFile()); // best effort: a temp dir
        }
    }

    private void measure(JobType type, Runnable run) {
        try {
            long start = System.nanoTime();
            run.run();
            double factor = (System.nanoTime() - start) / 1e9 / CLIP_SECONDS;
            synchronized (this) {
                measured.put(type, factor);
            }
            log.info("Calibrated {}: {} s of processing per s of media ({}x real time)", type.wireName(),
                    String.format("%.3f", factor), String.format("%.1f", 1 / factor));
        } catch (RuntimeException e) {
            log.info("Could not calibrate {} on this worker: {}", type.wireName(), e.getMessage());
        }
    }

    /** Noisy modulated tone: the noise engine does its full work on it. */
    private Path generateClip(Path dir) throws IOException {
        Path clip = dir.resolve("calibration.wav");
        List<String> command = List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=16000:duration=" + (int) CLIP_SECONDS,
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=16000:duration="
                        + (int) CLIP_SECONDS,
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
