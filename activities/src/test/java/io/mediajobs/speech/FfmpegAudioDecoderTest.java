package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.support.FaultyMedia;
import io.mediajobs.support.RepoFiles;

/** What Whisper is fed: the chosen track on the media's presentation timeline, from any start offset. */
class FfmpegAudioDecoderTest {

    private static final MediaProber PROBER = new MediaProber(FaultyMedia.FFMPEG, Duration.ofSeconds(30));
    private static final FfmpegAudioDecoder DECODER = new FfmpegAudioDecoder(FaultyMedia.FFMPEG,
            Duration.ofSeconds(30), Duration.ofMinutes(2));
    private static double speechStarts;

    @TempDir
    static Path dir;

    @BeforeAll
    static void measureTheSource() throws IOException {
        Path jfk = RepoFiles.jfkWav();
        speechStarts = firstSound(decode(jfk, null, 0));
    }

    @Test
    void audioThatStartsAfterThePictureIsHeardWhereThePlayerPlaysIt() throws IOException {
        Path video = FaultyMedia.delayedAudioMkv(dir, 3, 11);

        float[] pcm = decode(video, null, 0);

        assertThat(firstSound(pcm)).isCloseTo(speechStarts + 3, offset(0.02));
        assertThat(seconds(pcm)).isCloseTo(11.0, offset(0.1));
    }

    @Test
    void resumingInsideTheLeadingGapKeepsTheRestOfIt() throws IOException {
        Path video = FaultyMedia.delayedAudioMkv(dir, 3, 11);

        assertThat(firstSound(decode(video, null, 1))).isCloseTo(speechStarts + 2, offset(0.02));
        assertThat(seconds(decode(video, null, 5))).isCloseTo(6.0, offset(0.1));
    }

    @Test
    void anMp4EditListDelayingTheAudioIsHonoured() throws IOException {
        Path m4a = FaultyMedia.delayedAudioM4a(dir, 3);

        float[] pcm = decode(m4a, null, 0);

        assertThat(firstSound(pcm)).isCloseTo(speechStarts + 3, offset(0.02));
        assertThat(seconds(pcm)).isCloseTo(3 + FaultyMedia.SPEECH_SECONDS, offset(0.1));
    }

    @Test
    void thePreferredTrackIsTheOneWithSpeechAndAnyOtherCanBeAskedFor() throws IOException {
        Path video = FaultyMedia.silentFirstTrackMp4(dir);

        assertThat(firstSound(decode(video, null, 0))).isCloseTo(speechStarts, offset(0.02));
        assertThat(firstSound(decode(video, 1, 0))).isCloseTo(speechStarts, offset(0.02));
        assertThat(firstSound(decode(video, 0, 0))).as("the silent track").isEqualTo(-1);
    }

    private static float[] decode(Path media, Integer track, double from) throws IOException {
        MediaInfo info = PROBER.probe(media);
        float[] all = new float[SpeechRecognizer.SAMPLE_RATE * 60];
        int n = 0;
        try (FfmpegAudioDecoder.Stream pcm = DECODER.open(media, info, info.audioTrack(track), from)) {
            int read;
            while ((read = pcm.read(all, n, Math.min(4096, all.length - n))) > 0) {
                n += read;
            }
            pcm.finish();
        }
        return Arrays.copyOf(all, n);
    }

    /** Seconds of the first sample above -40 dBFS, or -1. */
    private static double firstSound(float[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > 0.01f) {
                return i / (double) SpeechRecognizer.SAMPLE_RATE;
            }
        }
        return -1;
    }

    private static double seconds(float[] pcm) {
        return pcm.length / (double) SpeechRecognizer.SAMPLE_RATE;
    }
}
