package io.mediajobs.persistence;

import io.mediajobs.wire.WireName;

/** The spec's job types; wire names {@code noise-removal} and {@code subtitle-generation}. */
public enum JobType implements WireName {
    NOISE_REMOVAL,
    SUBTITLE_GENERATION
}
