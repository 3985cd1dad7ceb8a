package io.mediajobs.denoise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.support.RepoFiles;

/** Test media made with the real ffmpeg, espeak-ng and samples/jfk.wav, plus the measurements the tests assert. */
final class TestAudio {

    static final FfmpegBinaries FFMPEG = FfmpegBinaries.fromEnvironment();

    private TestAudio() {
    }

    /** {@code samples/jfk.wav} (see {@link RepoFiles#jfkWav()}). */
    static Path jfk() {
        return RepoFiles.jfkWav();
    }

    /** The neural model directory: NOISE_MODEL_DIR, else whatever scripts/noise-models provisions. */
    static Path neuralModels() throws IOException, InterruptedException {
        String env = System.getenv("NOISE_MODEL_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Process p = new ProcessBuilder(RepoFiles.root().resolve("scripts").resolve("noise-models").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("scripts/noise-models failed; the neural tests need the model");
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** Runs ffmpeg with the arguments (after "-v error -y"), failing the test on a non-zero exit. */
    static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.ffmpeg().toString(), "-v", "error", "-y", "-nostdin"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + cmd + "\n" + out);
        }
    }

    /** Decodes the first audio stream to mono float samples at {@code rate}. */
    static float[] decode(Path file, int rate) throws IOException, InterruptedException {
        List<String> cmd = List.of(FFMPEG.ffmpeg().toString(), "-v", "error", "-nostdin", "-i", file.toString(),
                "-map", "0:a:0", "-ac", "1", "-ar", Integer.toString(rate), "-f", "f32le", "-c:a", "pcm_f32le",
                "pipe:1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not decode " + file);
        }
        float[] samples = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return samples;
    }

    /** Writes mono 16-bit PCM WAV. */
    static void writeWav(Path file, float[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        Files.write(file, b.array());
    }

    /** Clean speech plus seeded white Gaussian noise at the given SNR; returns {clean, noisy} (both as written). */
    static float[][] withWhiteNoise(float[] clean, double snrDb, long seed) {
        double speechPower = 0;
        for (float s : clean) {
            speechPower += s * (double) s;
        }
        speechPower /= clean.length;
        double sigma = Math.sqrt(speechPower / Math.pow(10, snrDb / 10));
        Random random = new Random(seed);
        float[] noisy = new float[clean.length];
        double peak = 0;
        for (int i = 0; i < clean.length; i++) {
            noisy[i] = (float) (clean[i] + sigma * random.nextGaussian());
            peak = Math.max(peak, Math.abs(noisy[i]));
        }
        float scale = peak > 0.9 ? (float) (0.9 / peak) : 1f;
        float[] ref = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            noisy[i] *= scale;
            ref[i] = clean[i] * scale;
        }
        return new float[][] {ref, noisy};
    }

    /** Scale-invariant SNR in dB of {@code est} against {@code ref}, after aligning within +-maxLag samples. */
    static double siSnr(float[] est, float[] ref, int maxLag) {
        int lag = bestLag(est, ref, maxLag);
        int n = Math.min(est.length - Math.max(lag, 0), ref.length) - Math.max(-lag, 0);
        double meanE = 0;
        double meanR = 0;
        for (int i = Math.max(-lag, 0); i < n; i++) {
            meanE += est[i + lag];
            meanR += ref[i];
        }
        int count = n - Math.max(-lag, 0);
        meanE /= count;
        meanR /= count;
        double dot = 0;
        double rr = 0;
        for (int i = Math.max(-lag, 0); i < n; i++) {
            double r = ref[i] - meanR;
            dot += (est[i + lag] - meanE) * r;
            rr += r * r;
        }
        double alpha = dot / rr;
        double target = 0;
        double error = 0;
        for (int i = Math.max(-lag, 0); i < n; i++) {
            double t = alpha * (ref[i] - meanR);
            double e = (est[i + lag] - meanE) - t;
            target += t * t;
            error += e * e;
        }
        return 10 * Math.log10(target / error);
    }

    /** The lag (in samples) at which {@code est} best matches {@code ref}: est[i + lag] ~ ref[i]. */
    static int bestLag(float[] est, float[] ref, int maxLag) {
        int best = 0;
        double bestValue = -1;
        int n = Math.min(est.length, ref.length);
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = maxLag; i < n - maxLag; i++) {
                c += est[i + lag] * (double) ref[i];
            }
            if (Math.abs(c) > bestValue) {
                bestValue = Math.abs(c);
                best = lag;
            }
        }
        return best;
    }

    static double peak(float[] samples) {
        double peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

}
