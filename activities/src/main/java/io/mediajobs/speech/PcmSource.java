package io.mediajobs.speech;

import java.io.IOException;

/** A stream of 16 kHz mono samples in [-1, 1]. */
interface PcmSource {

    /** Reads up to {@code len} samples; returns how many were read, or -1 at the end of the audio. */
    int read(float[] dst, int off, int len) throws IOException;
}
