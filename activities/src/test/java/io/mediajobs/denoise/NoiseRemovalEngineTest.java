package io.mediajobs.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.MediaProber;
import io.mediajobs.media.UnsupportedMediaException;
import io.mediajobs.support.FaultyMedia;

/** The engine on real media with the real ffmpeg: quality, duration, silence, video input, cancellation. */
class NoiseRemovalEngineTest {

    private static final int RATE = 16000;
    private static NoiseRemovalEngine engine;
    private static float[] jfk;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        engine = new NoiseRemovalEngine(TestAudio.FFMPEG, ProcessTimeoutPolicy.generous(), TestAudio.neuralModels());
        jfk = TestAudio.decode(TestAudio.jfk(), RATE);
        assertThat(engine.unavailableReason(DenoiseAlgorithm.NEURAL)).isEmpty();
    }

    private Path noisyJfk(float[][] refAndNoisy) throws IOException {
        Path noisy = dir.resolve("noisy.wav");
        TestAudio.writeWav(noisy, refAndNoisy[1], RATE);
        return noisy;
    }

    @Test
    void defaultAlgorithmImprovesSiSnrOnNoisySpeechByAtLeast3dB() throws Exception {
        float[][] mix = TestAudio.withWhiteNoise(jfk, 5, 42);
        Path noisy = noisyJfk(mix);
        Path out = dir.resolve("clean.mp3");

        DenoiseResult result = engine.denoise(noisy, out, DenoiseOptions.defaults(), p -> { });

        float[] input = TestAudio.decode(noisy, RATE);
        float[] output = TestAudio.decode(out, RATE);
        double before = TestAudio.siSnr(input, mix[0], 800);
        double after = TestAudio.siSnr(output, mix[0], 800);
        assertThat(before).isBetween(4.0, 6.0);
        assertThat(after - before).as("SI-SNR improvement in dB (before %.2f, after %.2f)", before, after)
                .isGreaterThanOrEqualTo(3.0);
        assertThat(result.algorithm()).isEqualTo(DenoiseOptions.DEFAULT_ALGORITHM);
        assertThat(result.contentType()).isEqualTo("audio/mpeg");
        assertThat(result.sampleRate()).isEqualTo(RATE);
    }

    @Test
    void espeakSpeechInPinkishNoiseImprovesToo() throws Exception {
        Path speech = dir.resolve("speech.wav");
        Process p = new ProcessBuilder("espeak-ng", "-w", speech.toString(),
                "Please remember to send the report before the meeting on Thursday afternoon.").start();
        assertThat(p.waitFor()).isZero();
        Path clean = dir.resolve("clean16.wav");
        TestAudio.ffmpeg("-i", speech.toString(), "-af", "apad=pad_dur=1,adelay=1000:all=1", "-ar", "16000",
                "-ac", "1", clean.toString());
        Path noise = dir.resolve("noise.wav");
        float[] ref = TestAudio.decode(clean, RATE);
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=c=pink:r=16000:a=0.05:seed=7", "-t",
                Double.toString(ref.length / (double) RATE), noise.toString());
        float[] n = TestAudio.decode(noise, RATE);
        float[] noisy = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            noisy[i] = ref[i] + (i < n.length ? n[i] : 0);
        }
        Path noisyFile = dir.resolve("noisy-espeak.wav");
        TestAudio.writeWav(noisyFile, noisy, RATE);

        engine.denoise(noisyFile, dir.resolve("out.wav"), DenoiseOptions.defaults().withOutputFormat(OutputFormat.WAV),
                p2 -> { });

        double before = TestAudio.siSnr(TestAudio.decode(noisyFile, RATE), ref, 800);
        double after = TestAudio.siSnr(TestAudio.decode(dir.resolve("out.wav"), RATE), ref, 800);
        assertThat(after - before).as("before %.2f after %.2f", before, after).isGreaterThanOrEqualTo(3.0);
    }

    @ParameterizedTest
    @EnumSource(DenoiseAlgorithm.class)
    void everyAlgorithmPreservesDurationAndAlignment(DenoiseAlgorithm algorithm) throws Exception {
        float[][] mix = TestAudio.withWhiteNoise(jfk, 10, 3);
        Path noisy = noisyJfk(mix);
        for (OutputFormat format : OutputFormat.values()) {
            Path out = dir.resolve(algorithm.wireName() + "." + format.extension());
            DenoiseResult result = engine.denoise(noisy, out,
                    DenoiseOptions.defaults().withAlgorithm(algorithm).withOutputFormat(format), p -> { });
            float[] decoded = TestAudio.decode(out, RATE);
            double seconds = decoded.length / (double) RATE;
            assertThat(seconds).as("%s/%s decoded duration", algorithm, format).isCloseTo(11.0,
                    org.assertj.core.data.Offset.offset(0.05));
            assertThat(result.durationSeconds()).as("%s/%s reported duration", algorithm, format)
                    .isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.05));
            assertThat(result.sampleRate()).isEqualTo(RATE);
            assertThat(result.channels()).isEqualTo(1);
            assertThat(result.contentType()).isEqualTo(format.contentType());
            if (format == OutputFormat.WAV || format == OutputFormat.FLAC) {
                assertThat(TestAudio.bestLag(decoded, mix[0], 400)).as("%s output lag", algorithm).isZero();
                assertThat(decoded.length).isEqualTo(jfk.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DenoiseAlgorithm.class)
    void silenceStaysSilence(DenoiseAlgorithm algorithm) throws Exception {
        Path silence = dir.resolve("silence.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "3", "-c:a", "pcm_s16le",
                silence.toString());
        Path out = dir.resolve("out.flac");

        DenoiseResult result = engine.denoise(silence, out,
                DenoiseOptions.defaults().withAlgorithm(algorithm).withOutputFormat(OutputFormat.FLAC), p -> { });

        float[] decoded = TestAudio.decode(out, 44100);
        assertThat(decoded.length).isEqualTo(3 * 44100);
        assertThat(TestAudio.peak(decoded)).as("peak of denoised silence").isLessThan(1e-4);
        assertThat(result.sampleRate()).isEqualTo(44100);
        assertThat(result.channels()).isEqualTo(2);
    }

    @Test
    void quietPartsOfNoisySpeechBecomeMuchQuieter() throws Exception {
        float[][] mix = TestAudio.withWhiteNoise(jfk, 10, 5);
        Path noisy = noisyJfk(mix);
        Path out = dir.resolve("out.wav");
        engine.denoise(noisy, out, DenoiseOptions.defaults().withOutputFormat(OutputFormat.WAV), p -> { });
        float[] in = TestAudio.decode(noisy, RATE);
        float[] o = TestAudio.decode(out, RATE);
        // JFK pauses between 2.1 s and 3.1 s ("...fellow citizens, [pause] we observe..."): only noise there
        double inRms = rms(in, (int) (2.1 * RATE), (int) (3.1 * RATE));
        double outRms = rms(o, (int) (2.1 * RATE), (int) (3.1 * RATE));
        assertThat(20 * Math.log10(outRms / inRms)).as("noise reduction in a pause (dB)").isLessThan(-10);
    }

    @Test
    void videoInputYieldsAudioOutput() throws Exception {
        Path video = dir.resolve("talk.mp4");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-i", TestAudio.jfk().toString(),
                "-t", "11", "-c:v", "mpeg4", "-c:a", "aac", "-shortest", video.toString());
        Path out = dir.resolve("talk.m4a");

        DenoiseResult result = engine.denoise(video, out,
                DenoiseOptions.defaults().withOutputFormat(OutputFormat.AAC), p -> { });

        MediaInfo info = new MediaProber(TestAudio.FFMPEG, java.time.Duration.ofSeconds(30)).probe(out);
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.hasVideo()).isFalse();
        assertThat(info.audio().orElseThrow().codec()).isEqualTo("aac");
        assertThat(result.durationSeconds()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(TestAudio.siSnr(TestAudio.decode(out, RATE), jfk, 1600)).as("still JFK").isGreaterThan(5);
    }

    @ParameterizedTest
    @EnumSource(DenoiseAlgorithm.class)
    void audioThatStartsAfterThePictureKeepsItsPlaceAndTheOutputLastsAsLongAsTheMedia(DenoiseAlgorithm algorithm)
            throws Exception {
        Path video = FaultyMedia.delayedAudioMkv(dir, 3, 11);
        Path out = dir.resolve(algorithm.wireName() + ".wav");

        DenoiseResult result = engine.denoise(video, out,
                DenoiseOptions.defaults().withAlgorithm(algorithm).withOutputFormat(OutputFormat.WAV), p -> { });

        float[] cleaned = TestAudio.decode(out, RATE);
        assertThat(cleaned.length / (double) RATE).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(result.durationSeconds()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(TestAudio.bestLag(cleaned, delayed(jfk, 3, cleaned.length), RATE / 10))
                .as("%s: samples between the speech and where it belongs", algorithm)
                .isBetween(-RATE / 100, RATE / 100);
        assertThat(rms(cleaned, 0, (int) (2.9 * RATE))).as("the leading gap is silence").isLessThan(1e-3);
    }

    @Test
    void anMp4EditListDelayingTheAudioIsKeptAsLeadingSilence() throws Exception {
        Path m4a = FaultyMedia.delayedAudioM4a(dir, 3);
        Path out = dir.resolve("delayed.mp3");

        DenoiseResult result = engine.denoise(m4a, out, DenoiseOptions.defaults(), p -> { });

        float[] cleaned = TestAudio.decode(out, RATE);
        assertThat(result.durationSeconds()).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(cleaned.length / (double) RATE).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(TestAudio.bestLag(cleaned, delayed(jfk, 3, cleaned.length), RATE / 10))
                .isBetween(-RATE / 100, RATE / 100);
    }

    @Test
    void theTrackWithSpeechIsCleanedUnlessAnotherIsAskedFor() throws Exception {
        Path video = FaultyMedia.silentFirstTrackMp4(dir);

        engine.denoise(video, dir.resolve("chosen.wav"),
                DenoiseOptions.defaults().withOutputFormat(OutputFormat.WAV), p -> { });
        engine.denoise(video, 0, dir.resolve("first.wav"),
                DenoiseOptions.defaults().withOutputFormat(OutputFormat.WAV), p -> { });

        assertThat(TestAudio.siSnr(TestAudio.decode(dir.resolve("chosen.wav"), RATE), jfk, 1600)).as("JFK")
                .isGreaterThan(5);
        assertThat(TestAudio.peak(TestAudio.decode(dir.resolve("first.wav"), RATE))).as("the silent track")
                .isLessThan(1e-3);
        assertThatThrownBy(() -> engine.denoise(video, 2, dir.resolve("none.wav"), DenoiseOptions.defaults(),
                p -> { }))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("The media has no audio track 2: it has 2 audio tracks");
    }

    @Test
    void assetWithoutAudioIsRefusedBeforeAnyWork() throws Exception {
        Path video = dir.resolve("silent-film.mp4");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "2", "-c:v", "mpeg4",
                video.toString());
        Path outDir = Files.createDirectory(dir.resolve("out"));
        List<Double> progress = new ArrayList<>();

        assertThatThrownBy(() -> engine.denoise(video, outDir.resolve("x.mp3"), DenoiseOptions.defaults(),
                progress::add))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("Cannot remove noise from assets without audio");
        assertThat(progress).isEmpty();
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DenoiseAlgorithm.class)
    void cancellingFromProgressKillsFfmpegAndLeavesNoFile(DenoiseAlgorithm algorithm) throws Exception {
        Path longInput = dir.resolve("long.wav");
        // 20 minutes: no algorithm finishes it before the cancel
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=c=pink:r=16000:a=0.1:seed=1", "-t", "1200",
                longInput.toString());
        Path outDir = Files.createDirectory(dir.resolve("out"));
        RuntimeException cancel = new RuntimeException("heartbeat says cancelled");
        List<ProcessHandle> seenFfmpeg = new CopyOnWriteArrayList<>();
        List<Double> values = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> engine.denoise(longInput, outDir.resolve("out.mp3"),
                DenoiseOptions.defaults().withAlgorithm(algorithm), p -> {
                    values.add(p);
                    ffmpegChildren().forEach(seenFfmpeg::add);
                    // past the analysis pass, in the main denoising stage (neural has none and is slower)
                    if (p > (algorithm == DenoiseAlgorithm.NEURAL ? 0.01 : 0.12) && !seenFfmpeg.isEmpty()) {
                        throw cancel;
                    }
                })).isSameAs(cancel);

        assertThat(seenFfmpeg).isNotEmpty();
        for (ProcessHandle h : seenFfmpeg) {
            assertThat(h.isAlive()).as("ffmpeg %d still alive after cancel", h.pid()).isFalse();
        }
        assertThat(ffmpegChildren()).isEmpty();
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files).as("no output and no partial file").isEmpty();
        }
        assertThat(values).isSorted().allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @Test
    void interruptingTheCallingThreadCancelsToo() throws Exception {
        Path longInput = dir.resolve("long.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=c=white:r=16000:a=0.1:seed=2", "-t", "1200",
                longInput.toString());
        Path outDir = Files.createDirectory(dir.resolve("out"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                engine.denoise(longInput, outDir.resolve("out.wav"), DenoiseOptions.defaults(), p -> {
                    if (p > 0.12) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        worker.join(120_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(ffmpegChildren()).isEmpty();
        try (Stream<Path> files = Files.list(outDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void progressRisesToOneAndLoudnessNormalizationHitsTarget() throws Exception {
        float[][] mix = TestAudio.withWhiteNoise(jfk, 10, 9);
        for (int i = 0; i < mix[1].length; i++) {
            mix[1][i] *= 0.1f; // a quiet recording, about -40 LUFS
        }
        Path noisy = noisyJfk(mix);
        Path out = dir.resolve("loud.wav");
        List<Double> values = new CopyOnWriteArrayList<>();

        engine.denoise(noisy, out, DenoiseOptions.defaults().withOutputFormat(OutputFormat.WAV)
                .withNormalizeLoudness(true), values::add);

        assertThat(values).isSorted().startsWith(0.0).endsWith(1.0);
        double lufs = integratedLoudness(out);
        assertThat(lufs).as("integrated loudness").isBetween(-18.0, -14.0);
        assertThat(TestAudio.decode(out, RATE).length).isEqualTo(jfk.length);
    }

    @Test
    void askedSampleRateIsUsed() throws Exception {
        Path noisy = noisyJfk(TestAudio.withWhiteNoise(jfk, 10, 11));
        DenoiseResult result = engine.denoise(noisy, dir.resolve("o.flac"),
                DenoiseOptions.defaults().withOutputFormat(OutputFormat.FLAC).withSampleRate(48000), p -> { });
        assertThat(result.sampleRate()).isEqualTo(48000);
        assertThat(result.durationSeconds()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.05));
    }

    private static double integratedLoudness(Path file) throws Exception {
        Process p = new ProcessBuilder(TestAudio.FFMPEG.ffmpeg().toString(), "-nostdin", "-i", file.toString(),
                "-af", "ebur128", "-f", "null", "-").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String summary = log.substring(log.lastIndexOf("Integrated loudness:"));
        String value = summary.substring(summary.indexOf("I:") + 2, summary.indexOf("LUFS")).trim();
        return Double.parseDouble(value);
    }

    private static List<ProcessHandle> ffmpegChildren() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .toList();
    }

    /** {@code x} starting {@code seconds} late, cut or padded to {@code length} samples. */
    private static float[] delayed(float[] x, double seconds, int length) {
        float[] out = new float[length];
        int offset = (int) Math.round(seconds * RATE);
        System.arraycopy(x, 0, out, offset, Math.max(0, Math.min(x.length, length - offset)));
        return out;
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
