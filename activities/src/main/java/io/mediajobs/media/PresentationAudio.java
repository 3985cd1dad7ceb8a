package io.mediajobs.media;

import java.util.List;
import java.util.Locale;

/**
 * How an {@code ffmpeg} command decodes one audio stream onto the media's presentation timeline (see
 * {@link MediaInfo}), so that output sample 0 is what a player shows at 0 s: an audio stream that starts after the
 * picture (a stream start offset, an MP4 edit list) gets its leading gap back as silence, holes are filled, and
 * overlaps dropped. Every engine that decodes a job's audio builds its command from here.
 *
 * <p>The {@code ffmpeg} command line shifts a file's timestamps by its first timestamp ({@link
 * MediaInfo#startSeconds()}); {@link #inputOptions} moves them onto the presentation timeline instead, and
 * {@link #alignFilter} turns timestamps into samples (FFmpeg's {@code aresample} with {@code first_pts=0} pads
 * the start with silence, {@code async=1} fills and trims).
 */
public final class PresentationAudio {

    private static final String ALIGN = "aresample=async=1:first_pts=0";

    private PresentationAudio() {
    }

    /**
     * Options to put before {@code -i}: the decoded timestamps become presentation time minus
     * {@code fromSeconds}, and FFmpeg seeks there first when {@code fromSeconds} is positive.
     *
     * @param fromSeconds presentation time to start at (0 = the beginning)
     */
    public static List<String> inputOptions(MediaInfo media, double fromSeconds) {
        if (fromSeconds > 0) {
            // an absolute seek (not relative to the first timestamp), which also shifts timestamps by that much
            return List.of("-seek_timestamp", "1", "-ss", seconds(media.originSeconds() + fromSeconds));
        }
        double shift = media.startSeconds() - media.originSeconds();
        return shift == 0 ? List.of() : List.of("-itsoffset", seconds(shift));
    }

    /** The {@code -map} value that selects {@code stream} of the first input. */
    public static String map(MediaInfo.AudioStream stream) {
        return "0:" + stream.streamIndex();
    }

    /** A filter graph's input pad for {@code stream} of input number {@code input}, e.g. {@code [1:2]}. */
    public static String pad(int input, MediaInfo.AudioStream stream) {
        return "[" + input + ":" + stream.streamIndex() + "]";
    }

    /** Presentation time of the stream's first sample: how much silence alignment puts before it. */
    public static double firstSampleSeconds(MediaInfo media, MediaInfo.AudioStream stream) {
        return Math.max(0, stream.startSeconds() - media.originSeconds());
    }

    /**
     * The filter (first in the chain, at the stream's own rate) that lays decoded samples onto the timeline that
     * {@link #inputOptions} set up: sample 0 is its time 0.
     */
    public static String alignFilter() {
        return ALIGN;
    }

    /** {@link #alignFilter()}, then padded with silence or cut to exactly {@code lengthSeconds}. */
    public static String alignFilter(double lengthSeconds) {
        String length = seconds(lengthSeconds);
        return ALIGN + ",apad=whole_dur=" + length + ",atrim=end=" + length;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
