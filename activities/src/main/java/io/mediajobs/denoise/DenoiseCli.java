package io.mediajobs.denoise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mediajobs.media.FfmpegBinaries;

/**
 * Command-line front of {@link NoiseRemovalEngine}, used by bench/noise so the benchmark measures the real engine.
 *
 * <pre>
 *   DenoiseCli [--models DIR] [--algorithm A] [--strength S] [--format F] [--normalize] INPUT OUTPUT
 *   DenoiseCli [--models DIR] --batch LIST.tsv      (lines: input, output, algorithm, strength; tab-separated)
 * </pre>
 *
 * Prints one tab-separated line per file: status, input, output, algorithm, seconds of audio, seconds of wall time.
 * Batch mode pays JVM start-up once, so the wall time is the engine's own.
 */
public final class DenoiseCli {

    private DenoiseCli() {
    }

    public static void main(String[] args) throws IOException {
        Path models = null;
        Path batch = null;
        String algorithm = null;
        String strength = null;
        String format = null;
        String normalize = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Path.of(args[++i]);
                case "--batch" -> batch = Path.of(args[++i]);
                case "--algorithm" -> algorithm = args[++i];
                case "--strength" -> strength = args[++i];
                case "--format" -> format = args[++i];
                case "--normalize" -> normalize = "true";
                case "--print-ffmpeg" -> {
                    System.out.println(FfmpegBinaries.fromEnvironment().ffmpeg());
                    return;
                }
                default -> positional.add(args[i]);
            }
        }
        if (models == null && System.getenv("NOISE_MODEL_DIR") != null) {
            models = Path.of(System.getenv("NOISE_MODEL_DIR"));
        }
        NoiseRemovalEngine engine = new NoiseRemovalEngine(FfmpegBinaries.fromEnvironment(),
                ProcessTimeoutPolicy.generous(), models);
        int failures = 0;
        if (batch != null) {
            for (String line : Files.readAllLines(batch)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String fmt = f.length > 4 ? f[4] : format;
                failures += run(engine, f[0], f[1], DenoiseOptions.fromStrings(f[2], f[3], normalize, fmt));
            }
        } else if (positional.size() == 2) {
            failures += run(engine, positional.get(0), positional.get(1),
                    DenoiseOptions.fromStrings(algorithm, strength, normalize, format));
        } else {
            System.err.println("usage: DenoiseCli [--models DIR] [--algorithm A] [--strength S] [--format F] "
                    + "[--normalize] INPUT OUTPUT | --batch LIST.tsv");
            System.exit(2);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int run(NoiseRemovalEngine engine, String input, String output, DenoiseOptions options) {
        long start = System.nanoTime();
        try {
            DenoiseResult result = engine.denoise(Path.of(input), Path.of(output), options, p -> { });
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "ok\t%s\t%s\t%s\t%.3f\t%.3f", input, output,
                    options.algorithm().wireName(), result.durationSeconds(), wall));
            return 0;
        } catch (RuntimeException e) {
            System.out.println("error\t" + input + "\t" + output + "\t" + options.algorithm().wireName() + "\t"
                    + e.getMessage());
            return 1;
        }
    }
}
