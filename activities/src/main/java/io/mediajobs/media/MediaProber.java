package io.mediajobs.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

/**
 * Runs the real ffprobe (with a timeout) on untrusted files before anything else touches them: the one place
 * that decides what a file holds and how long it plays.
 *
 * <p>The duration is measured, never taken from the header: the end of the last audio or video packet, read from
 * the packets' own timestamps (demuxing only). When the container states a duration and stores timestamps, only
 * its last {@value #TAIL_SECONDS} s are read (one seek: 0.05-0.1 s on a two-hour file, and a header that lies
 * about its end is caught because the packets end elsewhere); otherwise (no duration, as in browser
 * MediaRecorder output, or a raw MP3/AAC stream whose duration is a bitrate estimate) the whole file is demuxed:
 * on two busy cores about 3 s for two hours of Opus in WebM, 1-1.5 s for two hours of ADTS AAC or MP3 (decoding
 * the Opus instead would take 13 s). A file with several audio streams also has each measured for loudness
 * (see {@link AudioTrackChooser}; 0.4 s for two tracks).
 */
public class MediaProber {

    /** How far before the stated end the packet check starts reading. */
    static final double TAIL_SECONDS = 30;

    private static final String UNREADABLE = "Unsupported media file: it could not be read as audio or video";

    private final FFprobe ffprobe;
    private final PacketTimestamps packets;
    private final AudioTrackChooser tracks;

    /** @param timeout each ffprobe/ffmpeg run is killed after this long (the probe then fails as unsupported media) */
    public MediaProber(FfmpegBinaries binaries, Duration timeout) {
        // ffmpeg-cli-wrapper reads stdout (JSON) and waits itself; the runner adds the kill and drains stderr
        this.ffprobe = new FFprobe(binaries.ffprobe().toString(),
                args -> ProcessRunner.of(args).maxRuntime(timeout).start().process());
        this.packets = new PacketTimestamps(binaries.ffprobe(), timeout);
        this.tracks = new AudioTrackChooser(binaries.ffmpeg(), timeout);
    }

    /**
     * @throws UnsupportedMediaException when ffprobe cannot read the file as audio or video, or it holds nothing
     *                                   to play
     */
    public MediaInfo probe(Path file) {
        FFmpegProbeResult result;
        try {
            result = ffprobe.probe(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedMediaException(UNREADABLE, e);
        }
        if (result == null || result.hasError() || result.getFormat() == null || result.getStreams() == null) {
            throw new UnsupportedMediaException(UNREADABLE);
        }
        List<MediaInfo.AudioStream> audio = result.getStreams().stream()
                .filter(s -> s.codec_type == CodecType.AUDIO && s.sample_rate > 0)
                .map(s -> new MediaInfo.AudioStream(s.index, s.codec_name, s.sample_rate, s.channels, language(s),
                        s.disposition != null && s.disposition._default, finiteOr(s.start_time, 0)))
                .toList();
        Optional<FFmpegStream> videoStream = result.getStreams().stream()
                .filter(s -> s.codec_type == CodecType.VIDEO && s.width > 0 && !isCoverArt(s))
                .findFirst();
        if (audio.isEmpty() && videoStream.isEmpty()) {
            throw new UnsupportedMediaException("Unsupported media file: it has no audio or video stream");
        }
        FFmpegFormat format = result.getFormat();
        double start = finiteOr(format.start_time, 0);
        double origin = MediaFormats.hasAbsoluteTimeline(format.format_name) ? 0 : start;
        Set<Integer> played = new HashSet<>();
        audio.forEach(a -> played.add(a.streamIndex()));
        videoStream.ifPresent(v -> played.add(v.index));
        double duration = playedUntil(file, format, start, played) - origin;
        if (!(duration > 0)) {
            throw new UnsupportedMediaException("Unsupported media file: it has no audio or video to play");
        }
        int preferred = audio.size() > 1 ? tracks.choose(file, audio) : 0;
        return new MediaInfo(format.format_name, duration, audio,
                videoStream.map(s -> new MediaInfo.VideoStream(s.codec_name, s.width, s.height)), preferred, start,
                origin);
    }

    /** File time at which the last packet of the played streams ends. */
    private double playedUntil(Path file, FFmpegFormat format, double start, Set<Integer> played) {
        double stated = finiteOr(format.duration, 0);
        try {
            if (stated > TAIL_SECONDS && MediaFormats.storesTimestamps(format.format_name)) {
                OptionalDouble end = tail(file, played, start + stated - TAIL_SECONDS);
                if (end.isPresent()) {
                    return end.getAsDouble();
                }
            }
            return packets.lastEnd(file, played, Double.NaN).orElse(Double.NaN);
        } catch (IOException e) {
            throw new UnsupportedMediaException(UNREADABLE, e);
        }
    }

    /** The seek may fail (a header claiming hours the file has not got): then the whole file is read instead. */
    private OptionalDouble tail(Path file, Set<Integer> played, double from) {
        try {
            return packets.lastEnd(file, played, from);
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    private static String language(FFmpegStream stream) {
        String language = stream.tags == null ? null : stream.tags.get("language");
        return language == null || language.isBlank() || language.equalsIgnoreCase("und") ? null : language;
    }

    private static boolean isCoverArt(FFmpegStream stream) {
        return stream.disposition != null && stream.disposition.attached_pic;
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }
}
