package io.mediajobs.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Streams the first audio track of any media file as 16 kHz mono PCM through a real {@code ffmpeg} process
 * (argument list, never a shell; no temp files). Only a pipe buffer of audio is ever in flight: FFmpeg blocks
 * while the engine transcribes.
 */
final class FfmpegAudioDecoder {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ffmpeg-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final FfmpegBinaries binaries;
    private final Duration stallTimeout;
    private final Duration maxRuntime;

    /**
     * @param stallTimeout how long a read may wait for FFmpeg to produce audio before it is killed
     * @param maxRuntime   hard cap on the process's whole life (it lives as long as the transcription)
     */
    FfmpegAudioDecoder(FfmpegBinaries binaries, Duration stallTimeout, Duration maxRuntime) {
        this.binaries = binaries;
        this.stallTimeout = stallTimeout;
        this.maxRuntime = maxRuntime;
    }

    List<String> command(Path media, double startSeconds) {
        List<String> cmd = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error"));
        if (startSeconds > 0) {
            cmd.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", startSeconds)));
        }
        cmd.addAll(List.of("-i", media.toAbsolutePath().toString(), "-map", "0:a:0", "-vn", "-sn", "-dn",
                "-ac", "1", "-ar", String.valueOf(SpeechRecognizer.SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "s16le",
                "pipe:1"));
        return cmd;
    }

    /** Starts FFmpeg at {@code startSeconds} into the media. Close the result to stop it. */
    Stream open(Path media, double startSeconds) throws IOException {
        Process process = new ProcessBuilder(command(media, startSeconds)).start();
        return new Stream(process);
    }

    /** The running decoder. Not thread-safe except {@link #close()}, which may be called from any thread. */
    final class Stream implements PcmSource, AutoCloseable {

        private final Process process;
        private final InputStream stdout;
        private final Thread stderrDrain;
        private final StringBuffer stderrTail = new StringBuffer();
        private final ScheduledFuture<?> watchdog;
        private final long startedNanos = System.nanoTime();
        private volatile long readingSinceNanos;
        private volatile String killedBecause;
        private final byte[] bytes = new byte[64 * 1024];
        private int pendingByte = -1;

        private Stream(Process process) {
            this.process = process;
            this.stdout = process.getInputStream();
            this.stderrDrain = new Thread(this::drainStderr, "ffmpeg-stderr");
            this.stderrDrain.setDaemon(true);
            this.stderrDrain.start();
            this.watchdog = WATCHDOG.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public int read(float[] dst, int off, int len) throws IOException {
            int wantBytes = Math.min(bytes.length, len * 2);
            int have = 0;
            if (pendingByte >= 0) {
                bytes[0] = (byte) pendingByte;
                pendingByte = -1;
                have = 1;
            }
            int n;
            readingSinceNanos = System.nanoTime();
            try {
                n = stdout.read(bytes, have, wantBytes - have);
            } catch (IOException e) {
                throw failure(e);
            } finally {
                readingSinceNanos = 0;
            }
            if (killedBecause != null) {
                throw failure(null);
            }
            if (n < 0) {
                return have == 0 ? -1 : 0; // a dangling odd byte at the end is dropped
            }
            have += n;
            int samples = have / 2;
            for (int i = 0; i < samples; i++) {
                int lo = bytes[2 * i] & 0xff;
                int hi = bytes[2 * i + 1];
                dst[off + i] = (short) ((hi << 8) | lo) / 32768f;
            }
            if ((have & 1) == 1) {
                pendingByte = bytes[have - 1] & 0xff;
            }
            return samples;
        }

        /** Waits for FFmpeg to exit after the end of its output and fails if it did not succeed. */
        void finish() throws IOException {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill("did not exit within 30 s after its output ended");
                    throw failure(null);
                }
                stderrDrain.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for ffmpeg", e);
            }
            if (killedBecause != null) {
                throw failure(null);
            }
            if (process.exitValue() != 0) {
                throw new UnsupportedMediaException(
                        "Unsupported media file: its audio could not be decoded (ffmpeg exit " + process.exitValue()
                                + ": " + stderrTail.toString().strip() + ")");
            }
        }

        @Override
        public void close() {
            watchdog.cancel(false);
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try {
                stdout.close();
            } catch (IOException ignored) {
                // the process is gone either way
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        private void check() {
            long now = System.nanoTime();
            long reading = readingSinceNanos;
            if (reading != 0 && now - reading > stallTimeout.toNanos()) {
                kill("produced no audio for " + stallTimeout.toSeconds() + " s");
            } else if (now - startedNanos > maxRuntime.toNanos()) {
                kill("ran longer than " + maxRuntime);
            }
        }

        private void kill(String reason) {
            if (killedBecause == null) {
                killedBecause = reason;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            watchdog.cancel(false);
        }

        private IOException failure(IOException cause) {
            String reason = killedBecause != null ? "ffmpeg was killed: it " + killedBecause
                    : "reading audio from ffmpeg failed";
            return new IOException(reason + (stderrTail.length() > 0 ? " (" + stderrTail.toString().strip() + ")" : ""),
                    cause);
        }

        private void drainStderr() {
            byte[] buf = new byte[4096];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buf)) >= 0) {
                    stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > 2000) {
                        stderrTail.delete(0, stderrTail.length() - 2000);
                    }
                }
            } catch (IOException ignored) {
                // process killed
            }
        }
    }
}
