package io.mediajobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loudness statistics of real decoded audio, to tell whether a file got less noisy: the level of its quietest
 * 20 ms frames (the noise floor between words) and of its loudest (the speech). Robust to codec delay.
 */
public final class AudioLevels {

    private static final int RATE = 16_000;
    private static final int FRAME = RATE / 50;

    private AudioLevels() {
    }

    /** dBFS of the 10th-percentile frame: the noise between words. */
    public static double noiseFloorDb(Path file) {
        return percentile(frameLevelsDb(file), 0.10);
    }

    /** dBFS of the 90th-percentile frame: the speech. */
    public static double speechLevelDb(Path file) {
        return percentile(frameLevelsDb(file), 0.90);
    }

    /** dBFS of the loudest 20 ms frame between {@code fromSeconds} and {@code toSeconds}. */
    public static double maxLevelDb(Path file, double fromSeconds, double toSeconds) {
        double[] levels = frameLevelsDb(file);
        double max = -240;
        for (int f = (int) (fromSeconds * 50); f < Math.min(levels.length, (int) (toSeconds * 50)); f++) {
            max = Math.max(max, levels[f]);
        }
        return max;
    }

    /** Seconds of audio FFmpeg decodes from the file (its first audio stream). */
    public static double decodedSeconds(Path file) {
        return decode(file).length / (double) RATE;
    }

    static double[] frameLevelsDb(Path file) {
        short[] pcm = decode(file);
        int frames = pcm.length / FRAME;
        double[] levels = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                double s = pcm[i] / 32768.0;
                sum += s * s;
            }
            levels[f] = 10 * Math.log10(sum / FRAME + 1e-12);
        }
        return levels;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static short[] decode(Path file) {
        List<String> command = List.of(TestMedia.binaries().ffmpeg().toString(), "-nostdin", "-v", "error",
                "-i", file.toString(), "-ac", "1", "-ar", String.valueOf(RATE), "-f", "s16le", "-");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] bytes;
            try (InputStream in = process.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg could not decode " + file);
            }
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
