package io.mediajobs.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.support.RepoFiles;

/** Generates test media with real tools (ffmpeg lavfi, espeak-ng) and finds samples/jfk.wav and the model. */
final class TestMedia {

    static final FfmpegBinaries FFMPEG = FfmpegBinaries.fromEnvironment();

    private TestMedia() {
    }

    /** {@code samples/jfk.wav} (see {@link RepoFiles#jfkWav()}). */
    static Path jfkWav() {
        return RepoFiles.jfkWav();
    }

    /**
     * The ggml Whisper model: WHISPER_MODEL (system property or environment), else
     * {@code <repo>/data/models/ggml-tiny.en.bin}. Fails (never skips) when missing.
     */
    static Path model() {
        String configured = System.getProperty("WHISPER_MODEL", System.getenv("WHISPER_MODEL"));
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : RepoFiles.root().resolve("data/models/ggml-tiny.en.bin");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Whisper model not found at " + path
                    + ": run scripts/models (it prints the model's path) or set WHISPER_MODEL");
        }
        return path;
    }

    /**
     * The multilingual ggml model (base): WHISPER_MULTILINGUAL_MODEL (system property or environment; scripts/test
     * exports it), else {@code <repo>/data/models/ggml-base.bin}. Fails (never skips) when missing.
     */
    static Path multilingualModel() {
        String configured = System.getProperty("WHISPER_MULTILINGUAL_MODEL",
                System.getenv("WHISPER_MULTILINGUAL_MODEL"));
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : RepoFiles.root().resolve("data/models/ggml-base.bin");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Multilingual Whisper model not found at " + path
                    + ": run WHISPER_MODEL_NAME=base scripts/models or set WHISPER_MULTILINGUAL_MODEL");
        }
        return path;
    }

    /**
     * Silero VAD's ONNX model: WHISPER_VAD_MODEL (system property or environment), else the cache that
     * {@code scripts/models vad} fills. Fails (never skips) when missing.
     */
    static Path vadModel() {
        String configured = System.getProperty("WHISPER_VAD_MODEL", System.getenv("WHISPER_VAD_MODEL"));
        String cache = System.getenv().getOrDefault("MEDIAJOBS_CACHE",
                System.getProperty("user.home") + "/.cache/media-jobs");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(cache, "models", "silero_vad.onnx");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Silero VAD model not found at " + path
                    + ": run scripts/models vad (it prints the model's path) or set WHISPER_VAD_MODEL");
        }
        return path;
    }

    /** {@code text} spoken by espeak-ng's {@code voice} (e.g. "de"), after 1 s of silence, as 16 kHz mono wav. */
    static Path spoken(Path dir, String name, String voice, String text) throws IOException, InterruptedException {
        Path raw = dir.resolve(name + "-22k.wav");
        run(List.of("espeak-ng", "-v", voice, "-s", "150", "-w", raw.toString(), text));
        Path out = dir.resolve(name + ".wav");
        run(List.of("sox", raw.toString(), "-r", "16000", out.toString(), "pad", "1", "0.5"));
        return out;
    }

    /**
     * The hallucination set, 16 kHz mono wav files that hold no speech at all, synthesised with sox: name → file.
     * chords (sustained triads, pulsing), melody (plucked arpeggios), pink and white noise, applause-like noise
     * (white noise in fast random-looking bursts), digital silence.
     */
    static java.util.Map<String, Path> nonSpeech(Path dir, double seconds) throws IOException, InterruptedException {
        String t = String.valueOf(seconds);
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        out.put("chords", sox(dir, "chords", "-c", "3", "synth", t, "sine", "261.6", "sine", "329.6", "sine", "392",
                "tremolo", "1.5", "80", "remix", "-", "gain", "-n", "-6"));
        Path arpeggio = sox(dir, "arpeggio", "synth", "0.25", "pluck", "C4", ":", "synth", "0.25", "pluck", "E4",
                ":", "synth", "0.25", "pluck", "G4", ":", "synth", "0.25", "pluck", "C5");
        Path melody = dir.resolve("melody.wav");
        run(List.of("sox", arpeggio.toString(), melody.toString(), "repeat",
                String.valueOf((int) Math.ceil(seconds)), "trim", "0", t, "gain", "-n", "-6"));
        out.put("melody", melody);
        out.put("pink-noise", sox(dir, "pink-noise", "synth", t, "pinknoise", "gain", "-n", "-12"));
        out.put("white-noise", sox(dir, "white-noise", "synth", t, "whitenoise", "gain", "-n", "-18"));
        out.put("applause", sox(dir, "applause", "synth", t, "whitenoise", "tremolo", "13", "95", "tremolo", "7.3",
                "90", "highpass", "800", "gain", "-n", "-9"));
        out.put("silence", sox(dir, "silence", "trim", "0", t));
        return out;
    }

    private static Path sox(Path dir, String name, String... effects) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".wav");
        // "-c N" first sets the (null) input's channels; effects such as "remix -" then decide the output's
        boolean channels = effects.length > 1 && effects[0].equals("-c");
        List<String> cmd = new ArrayList<>(List.of("sox", "-c", channels ? effects[1] : "1", "-n", "-r", "16000",
                "-b", "16"));
        int i = channels ? 2 : 0;
        cmd.add(out.toString());
        cmd.addAll(List.of(effects).subList(i, effects.length));
        run(cmd);
        return out;
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + command + "\n" + new String(out));
        }
    }

    /** Runs ffmpeg with the given arguments after {@code -y -hide_banner -loglevel error}. */
    static Path ffmpeg(Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.ffmpeg().toString(), "-nostdin", "-y", "-hide_banner",
                "-loglevel", "error"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        run(cmd);
        return out;
    }

    /** Digital silence. */
    static Path silence(Path dir, double seconds) throws IOException, InterruptedException {
        return ffmpeg(dir.resolve("silence.wav"), "-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t",
                String.valueOf(seconds));
    }

    /** A 440 Hz tone switched on for 2 s, off for 2 s: "speech" to the energy detector, cut points in the gaps. */
    static Path toneBursts(Path dir, double seconds) throws IOException, InterruptedException {
        return ffmpeg(dir.resolve("bursts.wav"), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-af", "volume='if(lt(mod(t,4),2),0.5,0)':eval=frame", "-t", String.valueOf(seconds));
    }

    /** Each sentence spoken by espeak-ng (en-us), joined with {@code pauseSeconds} of silence, as 16 kHz wav. */
    static Path speech(Path dir, String name, List<String> sentences, double pauseSeconds)
            throws IOException, InterruptedException {
        List<String> concat = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Path part = dir.resolve(name + "-" + i + ".wav");
            run(List.of("espeak-ng", "-v", "en-us", "-s", "155", "-w", part.toString(), sentences.get(i)));
            concat.add(part.toString());
        }
        Path pause = dir.resolve(name + "-pause.wav");
        run(List.of("sox", "-n", "-r", "22050", "-c", "1", "-b", "16", pause.toString(), "trim", "0",
                String.valueOf(pauseSeconds)));
        List<String> cmd = new ArrayList<>(List.of("sox"));
        for (String part : concat) {
            cmd.add(part);
            cmd.add(pause.toString());
        }
        Path out = dir.resolve(name + ".wav");
        cmd.addAll(List.of("-r", "16000", out.toString()));
        run(cmd);
        return out;
    }

    /**
     * {@code text} spoken by espeak-ng (en-us) at 175 words a minute without word gaps, as 16 kHz wav: continuous
     * speech with no pause longer than a stop consonant's (~0.1 s) when the text has no punctuation.
     */
    static Path continuousSpeech(Path dir, String name, String text) throws IOException, InterruptedException {
        Path raw = dir.resolve(name + "-22k.wav");
        run(List.of("espeak-ng", "-v", "en-us", "-s", "175", "-g", "0", "-w", raw.toString(), text));
        Path out = dir.resolve(name + ".wav");
        run(List.of("sox", raw.toString(), "-r", "16000", out.toString()));
        return out;
    }

    /** The duration of an audio file in seconds, as sox reads it. */
    static double seconds(Path audio) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("soxi", "-D", audio.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("soxi failed on " + audio + ": " + out);
        }
        return Double.parseDouble(out);
    }

    /** Word error rate of {@code hypothesis} against {@code reference}, ignoring case and punctuation. */
    static double wer(String reference, String hypothesis) {
        String[] ref = CaptionShaper.normalize(reference.replace("'", "")).split(" ");
        String[] hyp = CaptionShaper.normalize(hypothesis.replace("'", "")).split(" ");
        if (hyp.length == 1 && hyp[0].isEmpty()) {
            hyp = new String[0];
        }
        int[][] d = new int[ref.length + 1][hyp.length + 1];
        for (int i = 0; i <= ref.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= hyp.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            for (int j = 1; j <= hyp.length; j++) {
                int sub = d[i - 1][j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[ref.length][hyp.length] / (double) ref.length;
    }
}
