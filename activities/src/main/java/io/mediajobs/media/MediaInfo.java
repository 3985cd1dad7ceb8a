package io.mediajobs.media;

import java.util.List;
import java.util.Optional;

/**
 * What ffprobe found in a media file: enough to decide what jobs it can feed and how long they take.
 *
 * <p>Times are on two timelines. <em>File time</em> is the container's own timestamps (what ffprobe prints).
 * The <em>presentation timeline</em> is what a player shows: it starts at {@code originSeconds} of file time
 * (0 for containers whose timestamps are absolute, such as MP4 edit lists and Matroska; the first timestamp for
 * containers with an arbitrary clock, such as MPEG-TS) and lasts {@code durationSeconds}.
 *
 * @param formatName          ffprobe's format name, e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"}
 * @param durationSeconds     the playable length on the presentation timeline, measured from the packets' own
 *                            timestamps (never a header's claim or a bitrate estimate); always &gt; 0
 * @param audioStreams        every decodable audio stream, in file order; a job's {@code audioTrack} is an index
 *                            into this list
 * @param video               the main picture (not cover art), if any
 * @param preferredAudioTrack the audio stream jobs use unless told otherwise (the one that carries sound, see
 *                            {@link MediaProber}); 0 when there is no audio
 * @param startSeconds        file time of the container's first timestamp (what the {@code ffmpeg} command line
 *                            treats as its 0)
 * @param originSeconds       file time of presentation time 0
 */
public record MediaInfo(
        String formatName,
        double durationSeconds,
        List<AudioStream> audioStreams,
        Optional<VideoStream> video,
        int preferredAudioTrack,
        double startSeconds,
        double originSeconds) {

    public MediaInfo {
        audioStreams = List.copyOf(audioStreams);
    }

    /**
     * One audio stream.
     *
     * @param streamIndex  its index among all of the file's streams (what {@code -map 0:<n>} selects)
     * @param language     the ISO 639 language tag, or null when the file names none ("und" counts as none)
     * @param isDefault    whether the file marks it as the default audio (disposition "default")
     * @param startSeconds file time of its first sample
     */
    public record AudioStream(int streamIndex, String codec, int sampleRate, int channels, String language,
            boolean isDefault, double startSeconds) {
    }

    public record VideoStream(String codec, int width, int height) {
    }

    /** The first audio stream, if any. */
    public Optional<AudioStream> audio() {
        return audioStreams.isEmpty() ? Optional.empty() : Optional.of(audioStreams.get(0));
    }

    /**
     * The audio stream a job uses: {@code track} (0-based among {@link #audioStreams}), or the preferred one when
     * null.
     *
     * @throws UnsupportedMediaException when there is no such stream (the message is for users)
     */
    public AudioStream audioTrack(Integer track) {
        int index = track == null ? preferredAudioTrack : track;
        if (audioStreams.isEmpty()) {
            throw new UnsupportedMediaException("Unsupported media file: it has no audio track");
        }
        if (index < 0 || index >= audioStreams.size()) {
            throw new UnsupportedMediaException("The media has no audio track " + index + ": it has "
                    + audioStreams.size() + (audioStreams.size() == 1 ? " audio track" : " audio tracks"));
        }
        return audioStreams.get(index);
    }

    public boolean hasAudio() {
        return !audioStreams.isEmpty();
    }

    public boolean hasVideo() {
        return video.isPresent();
    }
}
