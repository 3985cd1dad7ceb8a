package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mediajobs.media.FfmpegBinaries;

/**
 * Command line front of the real engine (used by {@code bench/speech}, handy for manual checks).
 *
 * <pre>
 * TranscribeCli --model ggml-tiny.en.bin [--threads N] [--strategy greedy|beam] [--beam-size N]
 *               [--adaptive-ctx] [--runs N] [--warmup] [--format json|text|srt|vtt] FILE...
 * </pre>
 *
 * <p>With {@code --format json} (the default) it prints one JSON object per file and run:
 * {@code {"file","run","seconds","audioSeconds","windows","text","segments":[...]}}, where {@code seconds} is the
 * wall time of {@link TranscriptionEngine#transcribe} (probe, decode, recognise, shape) with the model already
 * loaded. Diagnostics go to stderr.
 */
public final class TranscribeCli {

    private TranscribeCli() {
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        WhisperOptions options = WhisperOptions.defaults();
        int runs = 1;
        boolean warmup = false;
        String format = "json";
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--threads" -> options = options.withThreads(Integer.parseInt(args[++i]));
                case "--strategy" -> options = options.withStrategy(
                        args[++i].startsWith("beam") ? WhisperOptions.Strategy.BEAM_SEARCH
                                : WhisperOptions.Strategy.GREEDY, options.beamSize());
                case "--beam-size" -> options = options.withStrategy(options.strategy(),
                        Integer.parseInt(args[++i]));
                case "--adaptive-ctx" -> options = options.withAdaptiveAudioContext(true);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = true;
                case "--format" -> format = args[++i];
                case "-h", "--help" -> {
                    System.err.println("usage: TranscribeCli --model PATH [--threads N] [--strategy greedy|beam]"
                            + " [--beam-size N] [--adaptive-ctx] [--runs N] [--warmup] [--format json|text|srt|vtt]"
                            + " FILE...");
                    return;
                }
                default -> files.add(Path.of(args[i]));
            }
        }
        if (model == null) {
            String env = System.getenv("WHISPER_MODEL");
            model = env == null ? null : Path.of(env);
        }
        if (model == null || files.isEmpty()) {
            System.err.println("need --model (or WHISPER_MODEL) and at least one file; see --help");
            System.exit(2);
        }
        try (WhisperModel whisper = new WhisperModel(model, options)) {
            TranscriptionEngine engine = new TranscriptionEngine(whisper, FfmpegBinaries.fromEnvironment());
            if (warmup) {
                engine.transcribe(files.get(0), null, null);
            }
            for (int run = 0; run < runs; run++) {
                for (Path file : files) {
                    long t0 = System.nanoTime();
                    Transcript t = engine.transcribe(file, null, null);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    switch (format) {
                        case "text" -> System.out.println(t.plainText());
                        case "srt" -> System.out.print(SubtitleFormat.SRT.write(t.segments()));
                        case "vtt" -> System.out.print(SubtitleFormat.WEBVTT.write(t.segments()));
                        default -> System.out.println(json(file, run, seconds, t));
                    }
                    System.out.flush();
                }
            }
        }
    }

    private static String json(Path file, int run, double seconds, Transcript t) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"file\":").append(quote(file.toString()));
        sb.append(",\"run\":").append(run);
        sb.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.4f", seconds));
        sb.append(",\"audioSeconds\":").append(String.format(Locale.ROOT, "%.3f", t.mediaDurationSeconds()));
        sb.append(",\"windows\":").append(t.windowsTranscribed());
        sb.append(",\"text\":").append(quote(t.plainText()));
        sb.append(",\"segments\":[");
        for (int i = 0; i < t.segments().size(); i++) {
            SubtitleSegment s = t.segments().get(i);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"startTime\":%.3f,\"endTime\":%.3f,"
                    + "\"text\":%s}", s.startTime(), s.endTime(), quote(s.text())));
        }
        return sb.append("]}").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
