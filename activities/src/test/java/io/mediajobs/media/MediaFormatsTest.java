package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mediajobs.media.MediaInfo;

class MediaFormatsTest {

    private static final Optional<MediaInfo.AudioStream> AAC = Optional.of(new MediaInfo.AudioStream("aac", 44100, 2));
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
        var opus = Optional.of(new MediaInfo.AudioStream("opus", 48000, 2));
        var vp9 = Optional.of(new MediaInfo.VideoStream("vp9", 640, 360));
        assertThat(of("matroska,webm", opus, vp9)).contains(new MediaFormats.StoredFormat("webm", "video/webm"));
        assertThat(of("matroska,webm", opus, Optional.empty()))
                .contains(new MediaFormats.StoredFormat("webm", "audio/webm"));
        assertThat(of("matroska,webm", AAC, H264)).contains(new MediaFormats.StoredFormat("mkv", "video/x-matroska"));
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
        return MediaFormats.of(new MediaInfo(format, 1.0, audio, video));
    }
}
