package io.mediajobs.denoise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import com.sun.jna.Pointer;

/**
 * {@link DenoiseAlgorithm#NEURAL}: DeepFilterNet3 (48 kHz, mono) through its C runtime. The input is decoded to
 * 48 kHz mono, enhanced frame by frame in this JVM, and encoded back at the output rate (and channel count).
 * Slow on CPU (about 8x real time on two cores) but the best quality we ship.
 */
public final class DeepFilterNetNoiseReducer implements NoiseReducer {

    private final Path modelDir;
    private final Optional<DeepFilterNetRuntime> runtime;

    public DeepFilterNetNoiseReducer(Path modelDir) {
        this.modelDir = modelDir;
        this.runtime = DeepFilterNetRuntime.in(modelDir);
    }

    @Override
    public DenoiseAlgorithm algorithm() {
        return DenoiseAlgorithm.NEURAL;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (runtime.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("The neural noise model is not installed" + (modelDir == null ? "" : " in " + modelDir)
                + ": run scripts/noise-models and pass the directory it prints");
    }

    static float attenuationLimit(Strength strength) {
        return switch (strength) {
            case LOW -> 12f;
            case MEDIUM -> 24f;
            case HIGH -> 100f;
        };
    }

    @Override
    public void reduce(ReductionJob job) {
        DeepFilterNetRuntime rt = runtime.orElseThrow(() -> new DenoiseException(unavailableReason().orElseThrow()));
        DeepFilterNetRuntime.Api api = rt.api();
        Pointer state = api.df_create(rt.model().toString(), attenuationLimit(job.options().strength()), null);
        if (state == null) {
            throw new DenoiseException("DeepFilterNet could not load its model " + rt.model());
        }
        try {
            int hop = (int) api.df_get_frame_length(state);
            float[] in = new float[hop];
            float[] out = new float[hop];
            job.stage(0, 1);
            job.transcode("Noise removal", DeepFilterNetRuntime.SAMPLE_RATE, 1, new ReductionJob.PcmTransform() {
                private int filled;
                private long consumed;
                private long emitted;
                private long toDiscard = DeepFilterNetRuntime.LATENCY_SAMPLES;

                @Override
                public void accept(float[] samples, int count, ReductionJob.PcmWriter writer) throws IOException {
                    for (int i = 0; i < count; i++) {
                        push(samples[i], writer, Long.MAX_VALUE);
                    }
                    consumed += count;
                }

                @Override
                public void finish(ReductionJob.PcmWriter writer) throws IOException {
                    while (emitted < consumed) {
                        push(0f, writer, consumed);
                    }
                }

                private void push(float sample, ReductionJob.PcmWriter writer, long limit) throws IOException {
                    in[filled++] = sample;
                    if (filled < hop) {
                        return;
                    }
                    filled = 0;
                    api.df_process_frame(state, in, out);
                    for (float s : out) {
                        if (toDiscard > 0) {
                            toDiscard--;
                        } else if (emitted < limit) {
                            writer.write(s);
                            emitted++;
                        }
                    }
                }
            });
        } finally {
            api.df_free(state);
        }
    }
}
