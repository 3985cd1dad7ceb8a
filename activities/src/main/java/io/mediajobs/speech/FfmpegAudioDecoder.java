package io.mediajobs.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.PresentationAudio;
import io.mediajobs.media.ProcessFailedException;
import io.mediajobs.media.ProcessRunner;
import io.mediajobs.media.RunningProcess;
import io.mediajobs.media.UnsupportedMediaException;

/**
 * Streams one audio track of any media file as 16 kHz mono PCM through a real {@code ffmpeg} process (argument
 * list, never a shell; no temp files), on the media's presentation timeline ({@link PresentationAudio}): sample 0
 * is what a player shows at the start offset, so cue times match the picture even when the audio starts late.
 * Only a pipe buffer of audio is ever in flight: FFmpeg blocks while the engine transcribes.
 *
 * @param stallTimeout how long a read may wait for FFmpeg to produce audio before it is killed
 * @param maxRuntime   hard cap on the process's whole life (it lives as long as the transcription)
 */
record FfmpegAudioDecoder(FfmpegBinaries binaries, Duration stallTimeout, Duration maxRuntime) {

    /**
     * @param info         the probe of {@code media}
     * @param track        the audio stream to decode (one of {@code info}'s)
     * @param startSeconds presentation time the first sample belongs to
     */
    List<String> command(Path media, MediaInfo info, MediaInfo.AudioStream track, double startSeconds) {
        List<String> cmd = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error"));
        cmd.addAll(PresentationAudio.inputOptions(info, startSeconds));
        cmd.addAll(List.of("-i", media.toAbsolutePath().toString(), "-map", PresentationAudio.map(track),
                "-vn", "-sn", "-dn", "-af", PresentationAudio.alignFilter(),
                "-ac", "1", "-ar", String.valueOf(SpeechRecognizer.SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "s16le",
                "pipe:1"));
        return cmd;
    }

    /** Starts FFmpeg at presentation time {@code startSeconds} of the media. Close the result to stop it. */
    Stream open(Path media, MediaInfo info, MediaInfo.AudioStream track, double startSeconds) throws IOException {
        return new Stream(ProcessRunner.of(command(media, info, track, startSeconds)).stallTimeout(stallTimeout)
                .maxRuntime(maxRuntime).start());
    }

    /** The running decoder. Not thread-safe except {@link #close()}, which may be called from any thread. */
    final class Stream implements PcmSource, AutoCloseable {

        private final RunningProcess process;
        private final InputStream stdout;
        private final byte[] bytes = new byte[64 * 1024];
        private int pendingByte = -1;

        private Stream(RunningProcess process) {
            this.process = process;
            this.stdout = process.stdout();
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
            try {
                n = stdout.read(bytes, have, wantBytes - have);
            } catch (IOException e) {
                throw failure(killedBecause(), e);
            }
            if (killedBecause() != null) {
                throw failure(killedBecause(), null);
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
                if (!process.awaitExit(Duration.ofSeconds(30))) {
                    process.kill();
                    throw failure("did not exit within 30 s after its output ended", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for ffmpeg", e);
            }
            if (killedBecause() != null) {
                throw failure(killedBecause(), null);
            }
            try {
                process.checkSuccess();
            } catch (ProcessFailedException e) {
                if (e.isPermanent()) {
                    throw new UnsupportedMediaException(UnsupportedMediaException.UNDECODABLE, e);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            process.close();
        }

        /** Why a watchdog killed FFmpeg, worded to follow "it", or null when none did. */
        private String killedBecause() {
            return switch (process.killReason().orElse(RunningProcess.KillReason.REQUESTED)) {
                case STALL -> "produced no audio for " + stallTimeout.toSeconds() + " s";
                case MAX_RUNTIME -> "ran longer than " + maxRuntime;
                case REQUESTED -> null;
            };
        }

        private IOException failure(String killedBecause, IOException cause) {
            String reason = killedBecause != null ? "ffmpeg was killed: it " + killedBecause
                    : "reading audio from ffmpeg failed";
            String tail = process.stderrTail();
            return new IOException(reason + (tail.isEmpty() ? "" : " (" + tail + ")"), cause);
        }
    }
}
