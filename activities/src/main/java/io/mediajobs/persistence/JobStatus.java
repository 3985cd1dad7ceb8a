package io.mediajobs.persistence;

import java.util.Arrays;
import java.util.Optional;

/** The spec's lifecycle: pending → processing → completed | failed. */
public enum JobStatus {
    PENDING("pending"),
    PROCESSING("processing"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }

    public static Optional<JobStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
    }
}
