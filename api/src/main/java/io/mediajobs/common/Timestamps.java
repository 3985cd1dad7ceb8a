package io.mediajobs.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The spec's timestamp shape: ISO-8601 UTC with milliseconds, e.g. {@code 2025-08-04T10:30:00.000Z}. */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code instant} in the spec's shape; null for null (an absent timestamp). */
    public static String iso(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
