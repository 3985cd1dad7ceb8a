package io.mediajobs.denoise;

import java.util.Locale;

import net.bramp.ffmpeg.builder.FFmpegBuilder;

/**
 * {@link DenoiseAlgorithm#SPECTRAL}: FFmpeg {@code afftdn} with a noise profile learned from the recording itself.
 *
 * <p>Plain {@code afftdn} assumes white noise at -50 dB and does almost nothing on real recordings. Here an analysis
 * pass finds the longest non-speech stretch; a second input reads just that stretch and is put in front of the whole
 * recording, {@code afftdn} samples it with its {@code sn start/stop} commands (sent by {@code asendcmd}) so the
 * profile is known before the first real sample, and the stretch is trimmed off again. {@code afftdn}'s profile only
 * fixes the spectral shape; its level comes from {@code nf}, so the audio is scaled to put the measured noise at
 * {@link #NOISE_TARGET_DB} while filtering and scaled back after. {@code afftdn} delays its output by
 * {@code 2*floor(rate/80)} samples; that is trimmed too, so output stays sample-aligned and as long as the input.
 * The recording is read on the media's presentation timeline ({@link ReductionJob#alignFilter()}); the noise
 * stretch is found in, and read from, the track's own samples.
 */
public final class AfftdnNoiseReducer implements NoiseReducer {

    static final double NOISE_TARGET_DB = -40;
    private static final double NOISE_FLOOR_DB = -45;
    private static final double EDGE_MARGIN_SECONDS = 0.03;
    private static final double MAX_SAMPLE_SECONDS = 2.0;
    private static final double MIN_SAMPLE_SECONDS = 0.15;

    @Override
    public DenoiseAlgorithm algorithm() {
        return DenoiseAlgorithm.SPECTRAL;
    }

    /** afftdn's output latency in samples at a sample rate (measured on FFmpeg 7.1: 25 ms, rounded down). */
    static int latencySamples(int sampleRate) {
        return 2 * (sampleRate / 80);
    }

    @Override
    public void reduce(ReductionJob job) {
        int rate = job.inputSampleRate();
        int channels = job.channels();
        NoiseProfile profile = job.learnNoiseProfile();
        job.stage(0.1, 1);

        String layout = channels == 1 ? "mono" : "stereo";
        String prepare = "aformat=sample_fmts=fltp:channel_layouts=" + layout;
        double nr = switch (job.options().strength()) {
            case LOW -> 12;
            case MEDIUM -> 20;
            case HIGH -> 30;
        };
        NoiseProfile.Segment sample = profile.noiseSegments().isEmpty() ? null : profile.noiseSegments().get(0);
        double sampleSeconds = sample == null ? 0
                : Math.min(MAX_SAMPLE_SECONDS, sample.length() - 2 * EDGE_MARGIN_SECONDS);
        FFmpegBuilder builder = job.builder().addExtraArgs("-nostdin");
        String align = job.alignFilter();
        String graph;
        if (profile.noiseRms() == 0) {
            // digital silence (or nothing quiet to learn from at all): nothing to remove
            String in = job.addTimelineInput(builder, 0);
            graph = in + align + "," + prepare + "," + job.postFilter() + "[out]";
        } else {
            double gain = Math.max(1e-3, Math.min(1e4, Math.pow(10, NOISE_TARGET_DB / 20) / profile.noiseRms()));
            int delay = latencySamples(rate);
            String denoise = String.format(Locale.ROOT, "afftdn=nr=%.1f:nf=%.1f", nr, NOISE_FLOOR_DB);
            if (sampleSeconds >= MIN_SAMPLE_SECONDS) {
                long sampleFrames = Math.round(sampleSeconds * rate);
                String noise = job.addInputAt(builder, 0, sample.startSeconds() + EDGE_MARGIN_SECONDS);
                String full = job.addTimelineInput(builder, 1);
                graph = String.format(Locale.ROOT,
                        "%s%s,atrim=end_sample=%d,asetpts=N/SR/TB[noise];"
                                + "%s%s,%s[full];"
                                + "[noise][full]concat=n=2:v=0:a=1,volume=%.6f,"
                                + "asendcmd=c='0.0 afftdn sn start; %.6f afftdn sn stop',%s,volume=%.6f,"
                                + "apad=pad_len=%d,atrim=start_sample=%d,asetpts=PTS-STARTPTS,%s[out]",
                        noise, prepare, sampleFrames, full, align, prepare, gain, sampleFrames / (double) rate,
                        denoise, 1 / gain, delay, sampleFrames + delay, job.postFilter());
            } else {
                // no pause long enough to sample: let afftdn track the noise itself
                String in = job.addTimelineInput(builder, 0);
                graph = String.format(Locale.ROOT,
                        "%s%s,%s,volume=%.6f,%s:tn=1,volume=%.6f,apad=pad_len=%d,atrim=start_sample=%d,"
                                + "asetpts=PTS-STARTPTS,%s[out]",
                        in, align, prepare, gain, denoise, 1 / gain, delay, delay, job.postFilter());
            }
        }
        job.addEncodedOutput(builder, graph);
        job.runSingle("Noise removal", job.command(builder),
                job.media().durationSeconds() + (sampleSeconds >= MIN_SAMPLE_SECONDS ? sampleSeconds : 0));
    }
}
