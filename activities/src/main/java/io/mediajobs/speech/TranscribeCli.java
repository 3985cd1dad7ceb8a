package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleOptions;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.media.FfmpegBinaries;

/**
 * Command line front of the real engine (used by {@code bench/speech}, handy for manual checks).
 *
 * <pre>
 * TranscribeCli --model ggml-tiny.en.bin [--threads N] [--strategy greedy|beam] [--beam-size N]
 *               [--adaptive-ctx] [--no-load-aware] [--contexts N] [--vad-model PATH | --no-vad] [--runs N] [--warmup]
 *               [--language CODE|auto] [--format json|text|srt|vtt] FILE...
 *               (--vad-model defaults to WHISPER_VAD_MODEL; --language auto, the default, detects it per file)
 * </pre>
 *
 * <p>With {@code --format json} (the default) it prints one JSON object per file and run:
 * {@code {"file","run","seconds","audioSeconds","windows","text","segments":[...]}}, where {@code seconds} is the
 * wall time of {@link TranscriptionEngine#transcribe} (probe, decode, recognise, shape) with the model already
 * loaded. Diagnostics go to stderr.
 */
public final class TranscribeCli {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscribeCli() {
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        WhisperOptions options = WhisperOptions.defaults();
        int runs = 1;
        boolean warmup = false;
        String format = "json";
        SubtitleOptions job = SubtitleOptions.defaults();
        String vadEnv = System.getenv("WHISPER_VAD_MODEL");
        Path vadModel = vadEnv == null || vadEnv.isBlank() ? null : Path.of(vadEnv);
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
                case "--contexts" -> options = options.withPoolSize(Integer.parseInt(args[++i]));
                case "--vad-model" -> vadModel = Path.of(args[++i]);
                case "--no-vad" -> vadModel = null;
                case "--no-load-aware" -> options = options.withLoadAwareThreads(false);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--language" -> job = new SubtitleOptions(args[++i], null, null, null, null);
                case "--warmup" -> warmup = true;
                case "--format" -> format = args[++i];
                case "-h", "--help" -> {
                    System.err.println("usage: TranscribeCli --model PATH [--threads N] [--strategy greedy|beam]"
                            + " [--beam-size N] [--adaptive-ctx] [--no-load-aware] [--contexts N] [--vad-model PATH | --no-vad]"
                            + " [--runs N] [--warmup] [--format json|text|srt|vtt] FILE...");
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
        try (WhisperModel whisper = new WhisperModel(model, options);
             SileroVad vad = vadModel == null ? null : new SileroVad(vadModel)) {
            System.err.println("whisper.cpp library: " + whisper.library());
            TranscriptionEngine engine = new TranscriptionEngine(whisper, vad, FfmpegBinaries.fromEnvironment(),
                    TranscriptionEngine.Options.defaults().withParallelWindows(options.poolSize()));
            if (warmup) {
                engine.transcribe(files.get(0), null, job, null, null);
            }
            for (int run = 0; run < runs; run++) {
                for (Path file : files) {
                    long t0 = System.nanoTime();
                    Transcript t = engine.transcribe(file, null, job, null, null);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    switch (format) {
                        case "text" -> System.out.println(t.plainText());
                        case "srt" -> System.out.print(SubtitleFormat.SRT.write(t.segments()));
                        case "vtt" -> System.out.print(SubtitleFormat.WEBVTT.write(t.segments()));
                        default -> System.out.println(JSON.writeValueAsString(Run.of(file, run, seconds, t)));
                    }
                    System.out.flush();
                }
            }
        }
    }

    /**
     * One line of {@code --format json}, fields in output order; {@code seconds} rounded to 0.1 ms,
     * {@code audioSeconds} to 1 ms.
     */
    record Run(String file, int run, double seconds, double audioSeconds, int windows, String text,
            List<SubtitleSegment> segments) {

        static Run of(Path file, int run, double seconds, Transcript t) {
            return new Run(file.toString(), run, Math.round(seconds * 1e4) / 1e4,
                    Math.round(t.mediaDurationSeconds() * 1e3) / 1e3, t.windowsTranscribed(), t.plainText(),
                    t.segments());
        }
    }
}
