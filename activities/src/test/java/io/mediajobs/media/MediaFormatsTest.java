package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MediaFormatsTest {

    private static final Optional<MediaInfo.AudioStream> AAC = audio("aac", 44100, 2);
    private static final Optional<MediaInfo.VideoStream> H264 = Optional.of(new MediaInfo.VideoStream("h264", 640, 360));

    @Test
    void theMp4FamilyIsMp4WithVideoAndM4aWithout() {
        String mov = "mov,mp4,m4a,3gp,3g2,mj2";
        assertThat(of(mov, AAC, H264)).contains(new MediaFormats.StoredFormat("mp4", "video/mp4"));
        assertThat(of(mov, Optional.empty(), H264)).contains(new MediaFormats.StoredFormat("mp4", "video/mp4"));
        assertThat(of(mov, AAC, Optional.empty())).contains(new MediaFormats.StoredFormat("m4a", "audio/mp4"));
    }

    @Test
    void matroskaIsWebmOnlyWithWebmCodecs() {
        var opus = audio("opus", 48000, 2);
        var vp9 = Optional.of(new MediaInfo.VideoStream("vp9", 640, 360));
        assertThat(of("matroska,webm", opus, vp9)).contains(new MediaFormats.StoredFormat("webm", "video/webm"));
        assertThat(of("matroska,webm", opus, Optional.empty()))
                .contains(new MediaFormats.StoredFormat("webm", "audio/webm"));
        assertThat(of("matroska,webm", AAC, H264)).contains(new MediaFormats.StoredFormat("mkv", "video/x-matroska"));
    }

    @Test
    void matroskaWithAnyNonWebmAudioTrackIsMkv() {
        var tracks = List.of(audio("opus", 48000, 2).orElseThrow(), audio("aac", 44100, 2).orElseThrow());
        assertThat(MediaFormats.of(new MediaInfo("matroska,webm", 1.0, tracks, Optional.empty(), 0, 0, 0)))
                .contains(new MediaFormats.StoredFormat("mkv", "audio/x-matroska"));
    }

    @Test
    void mp4AndMatroskaTimelinesAreAbsoluteOthersStartAtTheirFirstTimestamp() {
        assertThat(MediaFormats.hasAbsoluteTimeline("mov,mp4,m4a,3gp,3g2,mj2")).isTrue();
        assertThat(MediaFormats.hasAbsoluteTimeline("matroska,webm")).isTrue();
        assertThat(MediaFormats.hasAbsoluteTimeline("mpegts")).isFalse();
        assertThat(MediaFormats.hasAbsoluteTimeline("ogg")).isFalse();
        assertThat(MediaFormats.hasAbsoluteTimeline(null)).isFalse();
    }

    @Test
    void rawStreamsDoNotStoreTimestamps() {
        assertThat(MediaFormats.storesTimestamps("mp3")).isFalse();
        assertThat(MediaFormats.storesTimestamps("aac")).isFalse();
        assertThat(MediaFormats.storesTimestamps("matroska,webm")).isTrue();
        assertThat(MediaFormats.storesTimestamps("wav")).isTrue();
    }

    @Test
    void commonAudioFormats() {
        assertThat(of("mp3", AAC, Optional.empty())).contains(new MediaFormats.StoredFormat("mp3", "audio/mpeg"));
        assertThat(of("wav", AAC, Optional.empty())).contains(new MediaFormats.StoredFormat("wav", "audio/wav"));
        assertThat(of("flac", AAC, Optional.empty())).contains(new MediaFormats.StoredFormat("flac", "audio/flac"));
        assertThat(of("ogg", AAC, Optional.empty())).contains(new MediaFormats.StoredFormat("ogg", "audio/ogg"));
        assertThat(of("ogg", AAC, H264)).contains(new MediaFormats.StoredFormat("ogv", "video/ogg"));
    }

    @Test
    void imagesAndRawStreamsAreRefused() {
        assertThat(of("gif", Optional.empty(), H264)).isEmpty();
        assertThat(of("png_pipe", Optional.empty(), H264)).isEmpty();
        assertThat(of("h263", Optional.empty(), H264)).isEmpty();
        assertThat(of("image2", Optional.empty(), H264)).isEmpty();
        assertThat(of(null, AAC, Optional.empty())).isEmpty();
    }

    @Test
    void everyExtensionIsAValidStorageKeyExtension() {
        for (String name : new String[] {"mp3", "wav", "w64", "flac", "ogg", "aac", "aiff", "caf", "amr", "ac3", "eac3",
                "wv", "avi", "asf", "flv", "mpegts", "mpeg", "mov", "matroska"}) {
            assertThat(of(name, AAC, H264)).hasValueSatisfying(f -> assertThat(f.extension()).matches("[a-z0-9]{1,5}"));
            assertThat(of(name, AAC, Optional.empty()))
                    .hasValueSatisfying(f -> assertThat(f.extension()).matches("[a-z0-9]{1,5}"));
        }
    }

    private static Optional<MediaFormats.StoredFormat> of(String format, Optional<MediaInfo.AudioStream> audio,
            Optional<MediaInfo.VideoStream> video) {
        return MediaFormats.of(new MediaInfo(format, 1.0, audio.stream().toList(), video, 0, 0, 0));
    }

    private static Optional<MediaInfo.AudioStream> audio(String codec, int sampleRate, int channels) {
        return Optional.of(new MediaInfo.AudioStream(0, codec, sampleRate, channels, null, true, 0));
    }
}
