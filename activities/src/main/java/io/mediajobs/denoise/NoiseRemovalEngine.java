package io.mediajobs.denoise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Removes background noise from an asset's audio track and writes a new audio file. Plain Java: no Temporal or
 * Spring types, so an activity, a CLI or a test can drive it.
 *
 * <p>Contract: {@code progress} receives 0..1 at least every 2 s (in practice every 250 ms). If it throws a
 * RuntimeException - how a Temporal heartbeat reports cancellation - every FFmpeg process of the job is killed at
 * once, the partial output is deleted and that exception is rethrown. Thread interruption is handled the same way
 * and surfaces as {@link CancellationException}. The output appears atomically (temp file next to it, then a move),
 * so a reader never sees a partial file.
 */
public final class NoiseRemovalEngine {

    public static final String NO_AUDIO_MESSAGE = "Cannot remove noise from assets without audio";
    /** Share of progress for the denoising itself; the rest is reading the output back. */
    private static final double REDUCE_SHARE = 0.97;

    private final FfmpegBinaries binaries;
    private final ProcessTimeoutPolicy timeouts;
    private final Map<DenoiseAlgorithm, NoiseReducer> reducers = new EnumMap<>(DenoiseAlgorithm.class);

    /**
     * @param binaries       the real ffmpeg/ffprobe
     * @param timeouts       per-process timeout from the media duration
     * @param neuralModelDir the directory scripts/noise-models prints; null disables the neural algorithm
     */
    public NoiseRemovalEngine(FfmpegBinaries binaries, ProcessTimeoutPolicy timeouts, Path neuralModelDir) {
        this(binaries, timeouts, List.of(new MmseNoiseReducer(), new AfftdnNoiseReducer(),
                new DeepFilterNetNoiseReducer(neuralModelDir)));
    }

    /** With an explicit set of reducers (one per algorithm). */
    public NoiseRemovalEngine(FfmpegBinaries binaries, ProcessTimeoutPolicy timeouts, List<NoiseReducer> reducers) {
        this.binaries = Objects.requireNonNull(binaries, "binaries");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        reducers.forEach(r -> this.reducers.put(r.algorithm(), r));
    }

    /** Why an algorithm cannot run on this worker, or empty when it can. */
    public Optional<String> unavailableReason(DenoiseAlgorithm algorithm) {
        NoiseReducer reducer = reducers.get(algorithm);
        return reducer == null ? Optional.of("Algorithm '" + algorithm.wireName() + "' is not installed on this worker")
                : reducer.unavailableReason();
    }

    /** {@link #denoise(Path, Integer, Path, DenoiseOptions, DoubleConsumer)} of the track the prober prefers. */
    public DenoiseResult denoise(Path input, Path output, DenoiseOptions options, DoubleConsumer progress) {
        return denoise(input, null, output, options, progress);
    }

    /**
     * Denoises one of {@code input}'s audio tracks into {@code output}, on the input's presentation timeline: the
     * output starts where the media starts and lasts as long (a track that starts late keeps its leading gap as
     * silence).
     *
     * @param audioTrack 0-based among the input's audio streams; null = the one {@link MediaProber} prefers
     * @throws UnsupportedMediaException with {@link #NO_AUDIO_MESSAGE} when the input has no audio track (before any
     *                                   work), when it has no track {@code audioTrack}, or when it is not readable
     *                                   media at all
     * @throws DenoiseException          when FFmpeg fails or times out, or the algorithm is not available here
     * @throws CancellationException     when the calling thread is interrupted
     */
    public DenoiseResult denoise(Path input, Integer audioTrack, Path output, DenoiseOptions options,
            DoubleConsumer progress) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        MediaInfo media = new MediaProber(binaries, timeouts.timeoutFor(0)).probe(input);
        if (!media.hasAudio()) {
            throw new UnsupportedMediaException(NO_AUDIO_MESSAGE);
        }
        MediaInfo.AudioStream track = media.audioTrack(audioTrack);
        NoiseReducer reducer = reducers.get(options.algorithm());
        Optional<String> unavailable = unavailableReason(options.algorithm());
        if (unavailable.isPresent()) {
            throw new DenoiseException(unavailable.get());
        }
        Path target = output.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        Duration timeout = timeouts.timeoutFor(media.durationSeconds());
        try {
            Files.createDirectories(target.getParent());
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Noise removal was interrupted");
            }
            progress.accept(0);
            reducer.reduce(new ReductionJob(binaries, input, media, track, options, temp, timeout,
                    p -> progress.accept(REDUCE_SHARE * p)));
            MediaInfo written = new MediaProber(binaries, timeouts.timeoutFor(0)).probe(temp);
            MediaInfo.AudioStream audio = written.audio()
                    .orElseThrow(() -> new DenoiseException("FFmpeg wrote no audio to " + temp));
            double duration = decodedDuration(temp, written, timeout, progress);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.accept(1);
            return new DenoiseResult(target, duration, audio.sampleRate(), audio.channels(),
                    options.outputFormat(), options.algorithm(), audio.codec());
        } catch (IOException e) {
            throw new DenoiseException("Could not write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The duration a player decodes. MP3 and AAC headers count the encoder's priming and padding (ffprobe says
     * 11.088 s for an 11.000 s MP3 that decodes to exactly 11.000 s), so those are decoded and timed.
     */
    private double decodedDuration(Path file, MediaInfo written, Duration timeout, DoubleConsumer progress) {
        if (written.formatName().contains("wav") || written.formatName().contains("flac")) {
            return written.durationSeconds();
        }
        List<String> command = List.of(binaries.ffmpeg().toString(), "-v", "error", "-nostdin", "-nostats",
                "-progress", "pipe:2", "-i", file.toString(), "-map", "0:a:0", "-f", "null", "-");
        FfmpegProcess process;
        try {
            process = FfmpegProcess.start(command, true, timeout);
        } catch (IOException e) {
            throw new DenoiseException("Could not start ffmpeg: " + e.getMessage(), e);
        }
        FfmpegProcess.await("Output check", List.of(process), null,
                () -> process.outTimeSeconds() / written.durationSeconds(),
                p -> progress.accept(REDUCE_SHARE + (1 - REDUCE_SHARE) * p));
        return process.outTimeSeconds();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a stray hidden .partial file is harmless
        }
    }
}
