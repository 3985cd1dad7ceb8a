package io.mediajobs.denoise;

import io.mediajobs.wire.WireName;

/** How hard to suppress noise: more strength removes more noise and risks more speech distortion. */
public enum Strength implements WireName {
    LOW,
    MEDIUM,
    HIGH
}
