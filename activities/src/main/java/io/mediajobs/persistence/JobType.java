package io.mediajobs.persistence;

import java.util.Arrays;
import java.util.Optional;

/** The spec's job types, by their wire names. */
public enum JobType {
    NOISE_REMOVAL("noise-removal"),
    SUBTITLE_GENERATION("subtitle-generation");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<JobType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
    }
}
