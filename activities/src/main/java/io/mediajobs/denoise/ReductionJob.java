package io.mediajobs.denoise;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaInfo;
import io.mediajobs.media.PresentationAudio;
import net.bramp.ffmpeg.builder.FFmpegBuilder;
import net.bramp.ffmpeg.builder.FFmpegFileInputBuilder;
import net.bramp.ffmpeg.builder.FFmpegOutputBuilder;

/**
 * Everything one run of a {@link NoiseReducer} needs: the input and its probe, the audio track to clean, the
 * options, where to write, and the FFmpeg plumbing (commands built with ffmpeg-cli-wrapper's {@link FFmpegBuilder},
 * run as {@link FfmpegProcess}es). Progress is split in stages: each stage reports into its own slice of 0..1.
 *
 * <p>Two views of the track: the analysis pass reads its samples as they are ({@link #decode}), so a late start
 * adds no digital silence to learn noise from; what is cleaned and written is the track on the media's
 * presentation timeline, exactly as long as the media ({@link #transcode}, {@link #addTimelineInput}): the output
 * lines up with the source, a leading gap kept as silence.
 */
public final class ReductionJob {

    /** Processing never uses more than stereo: speech denoising gains nothing from 5.1 and costs 3x. */
    static final int MAX_CHANNELS = 2;

    private final FfmpegBinaries binaries;
    private final Path input;
    private final MediaInfo media;
    private final MediaInfo.AudioStream track;
    private final DenoiseOptions options;
    private final Path tempOutput;
    private final Duration timeout;
    private final DoubleConsumer progress;
    private double stageStart;
    private double stageEnd = 1;

    ReductionJob(FfmpegBinaries binaries, Path input, MediaInfo media, MediaInfo.AudioStream track,
            DenoiseOptions options, Path tempOutput, Duration timeout, DoubleConsumer progress) {
        this.binaries = binaries;
        this.input = input;
        this.media = media;
        this.track = track;
        this.options = options;
        this.tempOutput = tempOutput;
        this.timeout = timeout;
        this.progress = progress;
    }

    public Path input() {
        return input;
    }

    public MediaInfo media() {
        return media;
    }

    /** The audio stream being cleaned (one of {@link #media()}'s). */
    public MediaInfo.AudioStream track() {
        return track;
    }

    public DenoiseOptions options() {
        return options;
    }

    public Path tempOutput() {
        return tempOutput;
    }

    /** The input's sample rate (the audio stream's). */
    public int inputSampleRate() {
        return track.sampleRate();
    }

    /** Channels the reducers process and the output carries. */
    public int channels() {
        return Math.max(1, Math.min(MAX_CHANNELS, track.channels()));
    }

    /**
     * Adds the input read onto the presentation timeline as input number {@code inputNumber} of {@code builder};
     * returns the filter pad of the track, which must go through {@link #alignFilter()} first.
     */
    String addTimelineInput(FFmpegBuilder builder, int inputNumber) {
        addInput(builder, PresentationAudio.inputOptions(media, 0));
        return PresentationAudio.pad(inputNumber, track);
    }

    /**
     * Adds the input read from {@code trackSeconds} into the track's own samples (as {@link #learnNoiseProfile}
     * counts them) as input number {@code inputNumber}; returns the filter pad of the track.
     */
    String addInputAt(FFmpegBuilder builder, int inputNumber, double trackSeconds) {
        double from = PresentationAudio.firstSampleSeconds(media, track) + trackSeconds;
        addInput(builder, PresentationAudio.inputOptions(media, from));
        return PresentationAudio.pad(inputNumber, track);
    }

    private void addInput(FFmpegBuilder builder, List<String> inputOptions) {
        FFmpegFileInputBuilder in = builder.addInput(input.toString());
        if (!inputOptions.isEmpty()) {
            in.addExtraArgs(inputOptions.toArray(String[]::new));
        }
        in.done();
    }

    /** Turns a timeline input's samples into exactly the media's length, its leading gap as silence. */
    String alignFilter() {
        return PresentationAudio.alignFilter(media.durationSeconds());
    }

    /** The output file's sample rate: as asked, else the input's, moved to the nearest one the format can hold. */
    public int outputSampleRate() {
        int wanted = options.sampleRate() > 0 ? options.sampleRate() : inputSampleRate();
        return options.outputFormat().supportedSampleRate(wanted);
    }

    /** Sets the slice of overall progress that the next stage reports into. */
    public void stage(double from, double to) {
        stageStart = from;
        stageEnd = to;
    }

    /** Reports progress inside the current stage (0..1 of the stage). */
    void report(double withinStage) {
        progress.accept(stageStart + (stageEnd - stageStart) * Math.max(0, Math.min(1, withinStage)));
    }

    /** Filters after denoising: loudness normalization (which works at 192 kHz inside) and the output rate. */
    String postFilter() {
        List<String> filters = new ArrayList<>();
        if (options.normalizeLoudness()) {
            filters.add("loudnorm=I=-16:TP=-1.5:LRA=11");
        }
        filters.add("aresample=" + outputSampleRate());
        return String.join(",", filters);
    }

    /** A builder with the options every command shares: quiet, no stdin, progress on stderr. */
    FFmpegBuilder builder() {
        return new FFmpegBuilder().setVerbosity(FFmpegBuilder.Verbosity.ERROR).overrideOutputFiles(true)
                .addExtraArgs("-nostats", "-progress", "pipe:2");
    }

    /**
     * Adds the encoded output file (temp path) with the format's codec, rate and channels, fed by the filter graph's
     * {@code [out]} pad.
     */
    FFmpegBuilder addEncodedOutput(FFmpegBuilder builder, String filterGraph) {
        OutputFormat format = options.outputFormat();
        FFmpegOutputBuilder out = builder.addOutput(tempOutput.toString())
                .setComplexFilter(filterGraph)
                .setFormat(format.muxer())
                .disableVideo().disableSubtitle()
                .setAudioChannels(channels())
                .setAudioSampleRate(outputSampleRate())
                .addExtraArgs("-map", "[out]")
                .addExtraArgs(format.codecArgs().toArray(String[]::new))
                .addExtraArgs("-map_metadata", "-1");
        return out.done();
    }

    List<String> command(FFmpegBuilder builder) {
        List<String> command = new ArrayList<>();
        command.add(binaries.ffmpeg().toString());
        command.addAll(builder.build());
        return command;
    }

    /** Runs one ffmpeg that reads the input and writes the file; progress is its out_time over the media duration. */
    void runSingle(String what, List<String> command, double mediaSeconds) {
        FfmpegProcess process = start(command, true);
        FfmpegProcess.await(what, List.of(process), null, () -> process.outTimeSeconds() / mediaSeconds, this::report);
    }

    /** Receives decoded interleaved float PCM; {@code count} frames of {@link #channels()} samples. */
    interface PcmConsumer {
        void accept(float[] interleaved, int count) throws IOException;
    }

    /** Processes decoded PCM and writes processed PCM. */
    interface PcmTransform {
        void accept(float[] interleaved, int count, PcmWriter out) throws IOException;

        void finish(PcmWriter out) throws IOException;
    }

    /** Where a {@link PcmTransform} writes interleaved float samples. */
    interface PcmWriter {
        void write(float sample) throws IOException;
    }

    /**
     * The first 10 % of progress: one decoding pass that learns the noise from the recording's own pauses, which
     * every algorithm starts from.
     */
    NoiseProfile learnNoiseProfile() {
        stage(0, 0.1);
        NoiseProfiler profiler = new NoiseProfiler(inputSampleRate(), channels());
        decode("Noise analysis", inputSampleRate(), channels(), profiler::accept);
        return profiler.finish();
    }

    /** Decodes the track's samples as they are to f32le at {@code rate} / {@code channels} for a consumer. */
    void decode(String what, int rate, int channels, PcmConsumer consumer) {
        FfmpegProcess decoder = start(decoderCommand(rate, channels, false), false);
        ExecutorService pumpThread = Executors.newSingleThreadExecutor(daemon("denoise-analysis"));
        try {
            Future<?> pump = pumpThread.submit(() -> {
                readPcm(decoder.process().getInputStream(), channels, consumer);
                return null;
            });
            FfmpegProcess.await(what, List.of(decoder), pump,
                    () -> decoder.outTimeSeconds() / media.durationSeconds(), this::report);
        } finally {
            stopPump(pumpThread);
        }
    }

    /**
     * Decode (the track on the presentation timeline, as long as the media) → Java transform → encode: two ffmpeg
     * processes with the transform pumping PCM between them. Progress follows the decoder.
     */
    void transcode(String what, int rate, int channels, PcmTransform transform) {
        FFmpegBuilder encode = builder();
        encode.addInput("pipe:0").setFormat("f32le").addExtraArgs("-ar", Integer.toString(rate), "-ac",
                Integer.toString(channels)).done();
        addEncodedOutput(encode, "[0:a]" + postFilter() + "[out]");
        FfmpegProcess decoder = start(decoderCommand(rate, channels, true), false);
        FfmpegProcess encoder;
        try {
            encoder = start(command(encode), true);
        } catch (RuntimeException e) {
            decoder.kill();
            throw e;
        }
        ExecutorService pumpThread = Executors.newSingleThreadExecutor(daemon("denoise-pump"));
        try {
            Future<?> pump = pumpThread.submit(() -> {
                try (OutputStream sink = new BufferedOutputStream(encoder.process().getOutputStream(), 1 << 16)) {
                    FloatWriter writer = new FloatWriter(sink);
                    readPcm(decoder.process().getInputStream(), channels,
                            (samples, count) -> transform.accept(samples, count, writer));
                    transform.finish(writer);
                    writer.flush();
                }
                return null;
            });
            FfmpegProcess.await(what, List.of(decoder, encoder), pump,
                    () -> decoder.outTimeSeconds() / media.durationSeconds(), this::report);
        } finally {
            stopPump(pumpThread);
        }
    }

    /** Stops the pump and waits for it, so native state it uses (DeepFilterNet) is never freed under it. */
    private static void stopPump(ExecutorService pumpThread) {
        pumpThread.shutdownNow();
        try {
            if (!pumpThread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new DenoiseException("The audio pump did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param onTimeline the track on the presentation timeline (see the class comment), else its samples as is */
    private List<String> decoderCommand(int rate, int channels, boolean onTimeline) {
        FFmpegBuilder decode = builder().addExtraArgs("-nostdin");
        FFmpegOutputBuilder out;
        if (onTimeline) {
            addTimelineInput(decode, 0);
            out = decode.addOutput("pipe:1").setAudioFilter(alignFilter());
        } else {
            decode.addInput(input.toString()).done();
            out = decode.addOutput("pipe:1");
        }
        out.setFormat("f32le").setAudioCodec("pcm_f32le").setAudioChannels(channels).setAudioSampleRate(rate)
                .disableVideo().disableSubtitle().addExtraArgs("-map", PresentationAudio.map(track)).done();
        return command(decode);
    }

    private FfmpegProcess start(List<String> command, boolean discardStdout) {
        try {
            return FfmpegProcess.start(command, discardStdout, timeout);
        } catch (IOException e) {
            throw new DenoiseException("Could not start ffmpeg: " + e.getMessage(), e);
        }
    }

    private static void readPcm(InputStream raw, int channels, PcmConsumer consumer) throws IOException {
        int framesPerBlock = 4096;
        byte[] bytes = new byte[framesPerBlock * channels * 4];
        float[] samples = new float[framesPerBlock * channels];
        int frameBytes = channels * 4;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                int got = readFully(in, bytes);
                int frames = got / frameBytes;
                if (frames > 0) {
                    ByteBuffer.wrap(bytes, 0, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                            .get(samples, 0, frames * channels);
                    consumer.accept(samples, frames);
                }
                if (got < bytes.length) {
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("cancelled");
                }
            }
        }
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Little-endian float writer with its own buffer (DataOutputStream would be big-endian). */
    static final class FloatWriter implements PcmWriter {
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 15).order(ByteOrder.LITTLE_ENDIAN);

        FloatWriter(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(float sample) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putFloat(sample);
        }

        void flush() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
