package io.mediajobs.denoise;

import java.util.List;

/**
 * What the analysis pass learned about a recording's noise.
 *
 * @param frameSize      STFT size the spectra were measured with
 * @param noisePower     per channel, per frequency bin (0..frameSize/2): mean power of the non-speech frames
 * @param noiseRms       RMS amplitude of the non-speech frames (all channels), 0 for digital silence
 * @param noiseSegments  non-speech stretches in seconds, longest first
 * @param noiseFrameShare share of analysis frames judged non-speech
 */
record NoiseProfile(int frameSize, double[][] noisePower, double noiseRms, List<Segment> noiseSegments,
        double noiseFrameShare) {

    record Segment(double startSeconds, double endSeconds) {
        double length() {
            return endSeconds - startSeconds;
        }
    }
}
