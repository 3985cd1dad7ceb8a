package io.mediajobs.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the audio stream a job should use when a file has several: the default one (disposition "default") when
 * it has sound, otherwise the loudest. Loudness is FFmpeg's {@code volumedetect} mean level over the first
 * {@link #SAMPLE_SECONDS} of every audio stream, measured in one decoding pass (a fraction of a second per stream)
 * that is killed after the probe timeout. If the measurement fails, the default stream is used.
 */
final class AudioTrackChooser {

    private static final Logger log = LoggerFactory.getLogger(AudioTrackChooser.class);

    /** How much of each stream is measured: enough to hear a speaker, cheap on a two-hour file. */
    static final int SAMPLE_SECONDS = 180;
    /** A stream whose mean level is below this is silent (digital silence reads -91 dB). */
    static final double SILENT_DB = -60;

    private static final Pattern MEAN_VOLUME =
            Pattern.compile("Parsed_volumedetect_(\\d+) @ [^\\]]*\\] mean_volume: (-?[0-9.]+|-inf) dB");

    private final Path ffmpeg;
    private final Duration timeout;

    AudioTrackChooser(Path ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /** @return an index into {@code streams} (which has at least two entries) */
    int choose(Path file, List<MediaInfo.AudioStream> streams) {
        int preferred = defaultTrack(streams);
        double[] meanDb = measure(file, streams);
        return choose(preferred, meanDb);
    }

    /** The first stream marked default, else the first. */
    static int defaultTrack(List<MediaInfo.AudioStream> streams) {
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i).isDefault()) {
                return i;
            }
        }
        return 0;
    }

    /** The default track if it has sound, else the loudest that has; the default track when none has. */
    static int choose(int defaultTrack, double[] meanDb) {
        if (meanDb[defaultTrack] > SILENT_DB) {
            return defaultTrack;
        }
        int loudest = defaultTrack;
        for (int i = 0; i < meanDb.length; i++) {
            if (meanDb[i] > SILENT_DB && meanDb[i] > meanDb[loudest]) {
                loudest = i;
            }
        }
        return loudest;
    }

    /** Mean level per stream in dB; -infinity for a stream that could not be measured. */
    private double[] measure(Path file, List<MediaInfo.AudioStream> streams) {
        double[] meanDb = new double[streams.size()];
        Arrays.fill(meanDb, Double.NEGATIVE_INFINITY);
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats",
                "-v", "info", "-t", String.valueOf(SAMPLE_SECONDS), "-i", file.toString()));
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < streams.size(); i++) {
            graph.append(i == 0 ? "" : ";").append(PresentationAudio.pad(0, streams.get(i)))
                    .append("volumedetect[v").append(i).append(']');
        }
        command.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < streams.size(); i++) {
            command.addAll(List.of("-map", "[v" + i + "]", "-f", "null", "-"));
        }
        try (RunningProcess process = ProcessRunner.of(command).discardStdout().maxRuntime(timeout)
                .onStderrLine(line -> {
                    Matcher m = MEAN_VOLUME.matcher(line);
                    if (m.find()) {
                        int i = Integer.parseInt(m.group(1));
                        if (i < meanDb.length) {
                            meanDb[i] = m.group(2).equals("-inf") ? Double.NEGATIVE_INFINITY
                                    : Double.parseDouble(m.group(2));
                        }
                        return false;
                    }
                    return line.contains("rror"); // only errors belong in the tail; info lines are noise
                }).start()) {
            if (!process.awaitExit(timeout.plusSeconds(5))) {
                log.warn("Audio track loudness of {} not measured in time; using the default track", file);
            } else {
                process.checkSuccess();
            }
        } catch (IOException e) {
            log.warn("Audio track loudness of {} not measured: {}", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return meanDb;
    }
}
