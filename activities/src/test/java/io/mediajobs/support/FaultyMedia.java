package io.mediajobs.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.FfmpegBinaries;

/**
 * Real-world media that broke jobs (issue 10), made on the spot with the real FFmpeg from {@code samples/jfk.wav}
 * (11.0 s of speech, first sound at 0.06 s): each recipe reproduces one kind of fault.
 */
public final class FaultyMedia {

    public static final FfmpegBinaries FFMPEG = FfmpegBinaries.fromEnvironment();
    /** Length of {@code samples/jfk.wav}. */
    public static final double SPEECH_SECONDS = 11.0;

    private FaultyMedia() {
    }

    /** Opus in WebM written to a pipe, as a browser's MediaRecorder does: the header has no duration at all. */
    public static Path recorderWebm(Path dir) {
        Path out = dir.resolve("recording-" + System.nanoTime() + ".webm");
        run(List.of("-i", RepoFiles.jfkWav().toString(), "-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                "-f", "webm", "pipe:1"), out);
        return out;
    }

    /** A {@code seconds}-long AAC Matroska file whose header claims {@code claimedMs} milliseconds. */
    public static Path lyingDurationMkv(Path dir, double seconds, double claimedMs) {
        Path out = dir.resolve("lying-" + System.nanoTime() + ".mkv");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + num(seconds), "-c:a", "aac",
                out.toString());
        patchMatroskaDuration(out, claimedMs);
        return out;
    }

    /**
     * Overwrites the Segment Info Duration element (EBML id 0x4489, an 8-byte big-endian float in timecode-scale
     * units, milliseconds for FFmpeg's muxer) of a Matroska file written by FFmpeg.
     */
    public static void patchMatroskaDuration(Path mkv, double claimedMs) {
        try {
            byte[] bytes = Files.readAllBytes(mkv);
            for (int i = 0; i + 11 <= bytes.length; i++) {
                if ((bytes[i] & 0xff) == 0x44 && (bytes[i + 1] & 0xff) == 0x89 && (bytes[i + 2] & 0xff) == 0x88) {
                    ByteBuffer.wrap(bytes, i + 3, 8).order(ByteOrder.BIG_ENDIAN).putDouble(claimedMs);
                    Files.write(mkv, bytes);
                    return;
                }
            }
            throw new IllegalStateException("no 8-byte Duration element in " + mkv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Matroska video (test pattern, MPEG-4 Part 2) whose speech track starts {@code offset} seconds after the
     * picture, cut at {@code seconds}.
     */
    public static Path delayedAudioMkv(Path dir, double offset, double seconds) {
        Path out = dir.resolve("delayed-" + System.nanoTime() + ".mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-itsoffset", num(offset), "-i",
                RepoFiles.jfkWav().toString(), "-t", num(seconds), "-map", "0:v", "-map", "1:a", "-c:v", "mpeg4",
                "-c:a", "aac", out.toString());
        return out;
    }

    /** AAC in MP4 (.m4a) whose speech starts {@code offset} seconds in: an edit list with an empty edit first. */
    public static Path delayedAudioM4a(Path dir, double offset) {
        Path out = dir.resolve("delayed-" + System.nanoTime() + ".m4a");
        ffmpeg("-itsoffset", num(offset), "-i", RepoFiles.jfkWav().toString(), "-c:a", "aac", out.toString());
        return out;
    }

    /**
     * An MP4 video with two audio tracks: track 0 (default, "eng") is digital silence, track 1 ("fra") the speech.
     */
    public static Path silentFirstTrackMp4(Path dir) {
        Path out = dir.resolve("two-tracks-" + System.nanoTime() + ".mp4");
        ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-i", RepoFiles.jfkWav().toString(),
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-map", "2:v", "-map", "0:a", "-map", "1:a",
                "-t", num(SPEECH_SECONDS), "-c:v", "mpeg4", "-c:a", "aac", "-metadata:s:a:0", "language=eng",
                "-metadata:s:a:1", "language=fra", out.toString());
        return out;
    }

    /** Runs ffmpeg with {@code args} (after {@code -y -v error}); fails on a non-zero exit. */
    public static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.ffmpeg().toString(), "-nostdin", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        output(cmd);
    }

    private static void run(List<String> args, Path stdoutFile) {
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.ffmpeg().toString(), "-nostdin", "-y", "-v", "error"));
        cmd.addAll(args);
        try {
            Files.write(stdoutFile, output(cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] output(List<String> cmd) {
        try {
            Path log = Files.createTempFile("faulty-media-", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                }
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("ffmpeg failed: " + cmd + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return out.toByteArray();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
