package io.mediajobs.jobs;

import io.mediajobs.persistence.JobRepository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.mediajobs.common.ApiException;

/** Opaque keyset cursors for the job list: the last row's (createdAt, jobId), base64url-encoded. */
final class JobCursors {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private JobCursors() {
    }

    static String encode(JobRepository.Cursor cursor) {
        String raw = cursor.createdAt().toString() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static JobRepository.Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            Instant createdAt = Instant.parse(raw.substring(0, bar));
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range"); // PostgreSQL would refuse it with a 500
            }
            return new JobRepository.Cursor(createdAt, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor is invalid: use the nextCursor of a previous page");
        }
    }
}
