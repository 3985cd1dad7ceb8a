package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediajobs.support.FaultyMedia;
import io.mediajobs.support.RepoFiles;

/** The probe on real files, including the real-world faults of issue 10: durations are measured, not believed. */
class MediaProberTest {

    private static final MediaProber PROBER = new MediaProber(FaultyMedia.FFMPEG, Duration.ofSeconds(30));

    @TempDir
    Path dir;

    @Test
    void aRecorderWebmWithoutAnyDurationInItsHeaderHasTheDurationItPlays() {
        MediaInfo info = PROBER.probe(FaultyMedia.recorderWebm(dir));

        assertThat(info.durationSeconds()).isCloseTo(FaultyMedia.SPEECH_SECONDS, offset(0.1));
        assertThat(info.audio().orElseThrow().codec()).isEqualTo("opus");
        assertThat(MediaFormats.of(info)).contains(new MediaFormats.StoredFormat("webm", "audio/webm"));
    }

    @Test
    void aHeaderClaimingTenThousandHoursForThreeSecondsIsNotBelieved() {
        MediaInfo info = PROBER.probe(FaultyMedia.lyingDurationMkv(dir, 3, 3.6e10));

        assertThat(info.durationSeconds()).isCloseTo(3.0, offset(0.1));
    }

    @Test
    void aHeaderClaimingLessThanTheFileHoldsIsNotBelievedEither() {
        Path file = FaultyMedia.lyingDurationMkv(dir, 60, 45_000);

        assertThat(PROBER.probe(file).durationSeconds()).isCloseTo(60.0, offset(0.1));
    }

    @Test
    void aLongFileWithATruthfulHeaderKeepsItsLength() {
        Path file = FaultyMedia.lyingDurationMkv(dir, 75, 75_000);

        assertThat(PROBER.probe(file).durationSeconds()).isCloseTo(75.0, offset(0.1));
    }

    @Test
    void audioStartingAfterThePictureIsPlacedOnThePresentationTimeline() {
        MediaInfo info = PROBER.probe(FaultyMedia.delayedAudioMkv(dir, 3, 11));

        assertThat(info.durationSeconds()).isCloseTo(11.0, offset(0.1));
        assertThat(info.originSeconds()).isZero();
        assertThat(PresentationAudio.firstSampleSeconds(info, info.audioTrack(null))).isCloseTo(3.0, offset(0.1));
    }

    @Test
    void anMp4EditListDelayingTheAudioCountsItsLeadingGap() {
        MediaInfo info = PROBER.probe(FaultyMedia.delayedAudioM4a(dir, 3));

        assertThat(info.durationSeconds()).isCloseTo(3 + FaultyMedia.SPEECH_SECONDS, offset(0.1));
        assertThat(info.startSeconds()).isCloseTo(3.0, offset(0.1));
        assertThat(info.originSeconds()).isZero();
    }

    @Test
    void anMpegTsTimelineStartsAtItsFirstTimestamp() {
        Path ts = dir.resolve("speech.ts");
        FaultyMedia.ffmpeg("-i", RepoFiles.jfkWav().toString(), "-c:a", "aac", ts.toString());

        MediaInfo info = PROBER.probe(ts);

        assertThat(info.startSeconds()).isGreaterThan(1); // MPEG-TS clocks start at 1.4 s in FFmpeg's muxer
        assertThat(info.originSeconds()).isEqualTo(info.startSeconds());
        assertThat(info.durationSeconds()).isCloseTo(FaultyMedia.SPEECH_SECONDS, offset(0.1));
    }

    @Test
    void anMp3IsReadToItsEnd() {
        Path mp3 = dir.resolve("speech.mp3");
        FaultyMedia.ffmpeg("-i", RepoFiles.jfkWav().toString(), "-c:a", "libmp3lame", mp3.toString());

        assertThat(PROBER.probe(mp3).durationSeconds()).isCloseTo(FaultyMedia.SPEECH_SECONDS, offset(0.1));
    }

    @Test
    void everyAudioTrackIsListedAndTheOneWithSoundIsPreferredOverASilentDefault() {
        MediaInfo info = PROBER.probe(FaultyMedia.silentFirstTrackMp4(dir));

        assertThat(info.audioStreams()).hasSize(2);
        assertThat(info.audioStreams().get(0).language()).isEqualTo("eng");
        assertThat(info.audioStreams().get(0).isDefault()).isTrue();
        assertThat(info.audioStreams().get(0).channels()).isEqualTo(2);
        assertThat(info.audioStreams().get(1).language()).isEqualTo("fra");
        assertThat(info.audioStreams().get(1).isDefault()).isFalse();
        assertThat(info.audioStreams().get(1).sampleRate()).isEqualTo(16000);
        assertThat(info.preferredAudioTrack()).isEqualTo(1);
        assertThat(info.audioTrack(null)).isEqualTo(info.audioStreams().get(1));
        assertThat(info.audioTrack(0)).isEqualTo(info.audioStreams().get(0));
        assertThatThrownBy(() -> info.audioTrack(2)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("The media has no audio track 2: it has 2 audio tracks");
    }

    @Test
    void aSingleTrackIsPreferredWithoutMeasuringIt() {
        MediaInfo info = PROBER.probe(RepoFiles.jfkWav());

        assertThat(info.audioStreams()).hasSize(1);
        assertThat(info.preferredAudioTrack()).isZero();
        assertThat(info.durationSeconds()).isCloseTo(FaultyMedia.SPEECH_SECONDS, offset(0.01));
    }

    @Test
    void theDefaultTrackWinsWhenItHasSoundTheLoudestOtherwise() {
        assertThat(AudioTrackChooser.choose(0, new double[] {-30, -10})).isZero();
        assertThat(AudioTrackChooser.choose(0, new double[] {-91, -30, -20})).isEqualTo(2);
        assertThat(AudioTrackChooser.choose(1, new double[] {-91, -91})).isEqualTo(1);
        assertThat(AudioTrackChooser.choose(0, new double[] {Double.NEGATIVE_INFINITY, -40})).isEqualTo(1);
    }
}
