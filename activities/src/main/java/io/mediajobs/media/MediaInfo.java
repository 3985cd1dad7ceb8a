package io.mediajobs.media;

import java.util.Optional;

/** What ffprobe found in a media file: enough to decide what jobs it can feed and how long they take. */
public record MediaInfo(
        String formatName,
        double durationSeconds,
        Optional<AudioStream> audio,
        Optional<VideoStream> video) {

    public record AudioStream(String codec, int sampleRate, int channels) {
    }

    public record VideoStream(String codec, int width, int height) {
    }

    public boolean hasAudio() {
        return audio.isPresent();
    }

    public boolean hasVideo() {
        return video.isPresent();
    }
}
