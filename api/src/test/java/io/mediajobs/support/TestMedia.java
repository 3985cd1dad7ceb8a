package io.mediajobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.FfmpegBinaries;

/**
 * Real media for tests, generated on the spot with the real FFmpeg (lavfi sources) and espeak-ng (speech), so
 * no binary fixtures live in the repository. Every method writes a new file into {@code dir} and returns it.
 */
public final class TestMedia {

    private static FfmpegBinaries binaries;

    private TestMedia() {
    }

    public static synchronized FfmpegBinaries binaries() {
        if (binaries == null) {
            binaries = FfmpegBinaries.fromEnvironment();
        }
        return binaries;
    }

    /** MPEG-4 video (160x120, 10 fps test pattern) with an AAC 440 Hz tone. */
    public static Path mp4WithAudio(Path dir, double seconds) {
        Path out = dir.resolve("with-audio-" + System.nanoTime() + ".mp4");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + num(seconds),
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + num(seconds),
                "-c:v", "mpeg4", "-c:a", "aac", "-shortest", out.toString());
        return out;
    }

    /** MPEG-4 video without any audio stream. */
    public static Path mp4WithoutAudio(Path dir, double seconds) {
        Path out = dir.resolve("silent-video-" + System.nanoTime() + ".mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + num(seconds),
                "-c:v", "mpeg4", "-an", out.toString());
        return out;
    }

    /** 16-bit PCM WAV tone. */
    public static Path wav(Path dir, double seconds, int sampleRate, int channels) {
        Path out = dir.resolve("tone-" + System.nanoTime() + ".wav");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + num(seconds),
                "-ac", String.valueOf(channels), "-c:a", "pcm_s16le", out.toString());
        return out;
    }

    /** MP3 (LAME) tone. */
    public static Path mp3(Path dir, double seconds) {
        Path out = dir.resolve("tone-" + System.nanoTime() + ".mp3");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=660:sample_rate=44100:duration=" + num(seconds),
                "-c:a", "libmp3lame", "-b:a", "64k", out.toString());
        return out;
    }

    /** Spoken English from espeak-ng, as a mono WAV (espeak's native 22.05 kHz). */
    public static Path speechWav(Path dir, String text) {
        Path out = dir.resolve("speech-" + System.nanoTime() + ".wav");
        run(List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", out.toString(), text));
        return out;
    }

    /**
     * Spoken English with white noise mixed in ({@code noiseAmplitude} 0..1, e.g. 0.05 is clearly audible),
     * resampled to {@code sampleRate}, as a mono WAV: the input noise-removal jobs are meant for.
     */
    public static Path noisySpeechWav(Path dir, String text, double noiseAmplitude, int sampleRate) {
        Path speech = speechWav(dir, text);
        Path out = dir.resolve("noisy-speech-" + System.nanoTime() + ".wav");
        ffmpeg("-i", speech.toString(),
                "-f", "lavfi", "-i", "anoisesrc=color=white:seed=42:sample_rate=" + sampleRate + ":amplitude="
                        + num(noiseAmplitude),
                "-filter_complex", "[0:a]aresample=" + sampleRate + "[s];[s][1:a]amix=inputs=2:duration=first:normalize=0",
                "-ac", "1", "-c:a", "pcm_s16le", out.toString());
        return out;
    }

    /** An MP4 whose audio is (optionally noisy) speech over a test-pattern picture: video input for jobs. */
    public static Path speechMp4(Path dir, String text, double noiseAmplitude) {
        Path audio = noiseAmplitude > 0 ? noisySpeechWav(dir, text, noiseAmplitude, 44100) : speechWav(dir, text);
        Path out = dir.resolve("speech-video-" + System.nanoTime() + ".mp4");
        ffmpeg("-i", audio.toString(), "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
                "-c:v", "mpeg4", "-c:a", "aac", "-shortest", out.toString());
        return out;
    }

    /** {@code samples/jfk.wav} (11 s of real speech) played {@code times} times in a row, as a 16 kHz mono WAV. */
    public static Path repeatedJfkSpeech(Path dir, int times) {
        Path out = dir.resolve("jfk-x" + times + "-" + System.nanoTime() + ".wav");
        ffmpeg("-stream_loop", String.valueOf(times - 1), "-i", RepoFiles.jfkWav().toString(), "-c:a", "pcm_s16le",
                out.toString());
        return out;
    }

    // ---- real-world faults (issue 10): each recipe reproduces one kind ----------------------------------------

    /** {@code speech} as Opus in WebM written to a pipe, like a browser's MediaRecorder: no duration in the header. */
    public static Path recorderWebm(Path speech, Path dir) {
        Path out = dir.resolve("recording-" + System.nanoTime() + ".webm");
        List<String> command = new ArrayList<>(List.of(binaries().ffmpeg().toString(), "-nostdin", "-y", "-v",
                "error", "-i", speech.toString(), "-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-f", "webm",
                "pipe:1"));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * A {@code seconds}-long AAC tone in Matroska whose header claims {@code claimedMs} milliseconds: the Segment
     * Info Duration element (EBML id 0x4489, an 8-byte float) is patched in the bytes.
     */
    public static Path lyingDurationMkv(Path dir, double seconds, double claimedMs) {
        Path out = dir.resolve("lying-" + System.nanoTime() + ".mkv");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + num(seconds), "-c:a", "aac",
                out.toString());
        try {
            byte[] bytes = Files.readAllBytes(out);
            for (int i = 0; i + 11 <= bytes.length; i++) {
                if ((bytes[i] & 0xff) == 0x44 && (bytes[i + 1] & 0xff) == 0x89 && (bytes[i + 2] & 0xff) == 0x88) {
                    java.nio.ByteBuffer.wrap(bytes, i + 3, 8).putDouble(claimedMs);
                    return write(out, bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no Duration element in " + out);
    }

    /** A Matroska video (test pattern) whose {@code speech} starts {@code offset} s after the picture, cut at {@code seconds}. */
    public static Path delayedAudioMkv(Path speech, Path dir, double offset, double seconds) {
        Path out = dir.resolve("delayed-" + System.nanoTime() + ".mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-itsoffset", num(offset), "-i",
                speech.toString(), "-t", num(seconds), "-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-c:a", "aac",
                out.toString());
        return out;
    }


    /** {@code speech} as AAC in an .m4a whose edit list starts it {@code offset} s in. */
    public static Path delayedAudioM4a(Path speech, Path dir, double offset) {
        Path out = dir.resolve("delayed-" + System.nanoTime() + ".m4a");
        ffmpeg("-itsoffset", num(offset), "-i", speech.toString(), "-c:a", "aac", out.toString());
        return out;
    }

    /** An MP4 video whose audio track 0 (default, "eng") is digital silence and track 1 ("fra") is {@code speech}. */
    public static Path silentFirstTrackMp4(Path speech, Path dir) {
        Path out = dir.resolve("two-tracks-" + System.nanoTime() + ".mp4");
        ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-i", speech.toString(),
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-map", "2:v", "-map", "0:a", "-map", "1:a",
                "-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-metadata:s:a:0", "language=eng",
                "-metadata:s:a:1", "language=fra", out.toString());
        return out;
    }

    /** Converts any media file with FFmpeg to {@code fileName} (its extension picks the container). */
    public static Path convert(Path source, Path dir, String fileName, String... codecArgs) {
        Path out = dir.resolve(fileName);
        List<String> args = new ArrayList<>(List.of("-i", source.toString()));
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        ffmpeg(args.toArray(String[]::new));
        return out;
    }

    /** Deterministic random bytes (fixed seed), e.g. to pretend to be an .mp4. */
    public static Path randomBytes(Path dir, String fileName, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return write(dir.resolve(fileName), bytes);
    }

    public static Path empty(Path dir, String fileName) {
        return write(dir.resolve(fileName), new byte[0]);
    }

    /** Runs the real ffmpeg with {@code args} (after {@code -y -v error}); fails the test on a non-zero exit. */
    public static void ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries().ffmpeg().toString(), "-nostdin", "-y", "-v", "error"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Path log = Files.createTempFile("test-media-", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0) + " (installed? scripts/test installs "
                    + "espeak-ng and sox with apt)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
