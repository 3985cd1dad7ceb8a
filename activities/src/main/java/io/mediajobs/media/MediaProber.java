package io.mediajobs.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;

/** Runs the real ffprobe (with a timeout) on untrusted files before anything else touches them. */
public class MediaProber {

    private final FFprobe ffprobe;

    /** @param timeout one ffprobe run is killed after this long (the probe then fails as unsupported media) */
    public MediaProber(FfmpegBinaries binaries, Duration timeout) {
        // ffmpeg-cli-wrapper reads stdout (JSON) and waits itself; the runner adds the kill and drains stderr
        this.ffprobe = new FFprobe(binaries.ffprobe().toString(),
                args -> ProcessRunner.of(args).maxRuntime(timeout).start().process());
    }

    /**
     * @throws UnsupportedMediaException when ffprobe cannot read the file as audio or video
     */
    public MediaInfo probe(Path file) {
        FFmpegProbeResult result;
        try {
            result = ffprobe.probe(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedMediaException("Unsupported media file: it could not be read as audio or video", e);
        }
        if (result == null || result.hasError() || result.getFormat() == null || result.getStreams() == null) {
            throw new UnsupportedMediaException("Unsupported media file: it could not be read as audio or video");
        }
        Optional<MediaInfo.AudioStream> audio = result.getStreams().stream()
                .filter(s -> s.codec_type == CodecType.AUDIO && s.sample_rate > 0)
                .findFirst()
                .map(s -> new MediaInfo.AudioStream(s.codec_name, s.sample_rate, s.channels));
        Optional<MediaInfo.VideoStream> video = result.getStreams().stream()
                .filter(s -> s.codec_type == CodecType.VIDEO && s.width > 0 && !isCoverArt(s))
                .findFirst()
                .map(s -> new MediaInfo.VideoStream(s.codec_name, s.width, s.height));
        double duration = duration(result.getFormat());
        if ((audio.isEmpty() && video.isEmpty()) || !(duration > 0)) {
            throw new UnsupportedMediaException("Unsupported media file: it has no audio or video stream");
        }
        return new MediaInfo(result.getFormat().format_name, duration, audio, video);
    }

    private static boolean isCoverArt(FFmpegStream stream) {
        return stream.disposition != null && stream.disposition.attached_pic;
    }

    private static double duration(FFmpegFormat format) {
        return Double.isFinite(format.duration) ? format.duration : 0;
    }
}
