package io.mediajobs.denoise;

import java.io.IOException;

/** {@link DenoiseAlgorithm#MMSE}: analysis pass (energy VAD + noise spectrum), then {@link MmseDenoiser} per channel. */
public final class MmseNoiseReducer implements NoiseReducer {

    @Override
    public DenoiseAlgorithm algorithm() {
        return DenoiseAlgorithm.MMSE;
    }

    @Override
    public void reduce(ReductionJob job) {
        int rate = job.inputSampleRate();
        int channels = job.channels();
        NoiseProfile profile = job.learnNoiseProfile();

        MmseDenoiser.Tuning tuning = MmseDenoiser.Tuning.of(job.options().strength());
        MmseDenoiser[] denoisers = new MmseDenoiser[channels];
        for (int c = 0; c < channels; c++) {
            denoisers[c] = new MmseDenoiser(profile.frameSize(), profile.noisePower()[c], tuning);
        }
        job.stage(0.1, 1);
        job.transcode("Noise removal", rate, channels, new ReductionJob.PcmTransform() {
            private final Interleaver interleaver = new Interleaver(channels);
            private final long[] emitted = new long[channels];
            private long consumed;

            @Override
            public void accept(float[] samples, int count, ReductionJob.PcmWriter out) throws IOException {
                for (int i = 0; i < count; i++) {
                    for (int c = 0; c < channels; c++) {
                        int channel = c;
                        denoisers[c].accept(samples[i * channels + c], s -> {
                            interleaver.put(channel, s);
                            emitted[channel]++;
                        });
                    }
                }
                consumed += count;
                interleaver.drain(out);
            }

            @Override
            public void finish(ReductionJob.PcmWriter out) throws IOException {
                for (int c = 0; c < channels; c++) {
                    int channel = c;
                    denoisers[c].flush(consumed, emitted[c], s -> interleaver.put(channel, s));
                }
                interleaver.drain(out);
            }
        });
    }
}
