package io.mediajobs.persistence;

import io.mediajobs.wire.WireName;

/** The spec's lifecycle: pending → processing → completed | failed. */
public enum JobStatus implements WireName {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
