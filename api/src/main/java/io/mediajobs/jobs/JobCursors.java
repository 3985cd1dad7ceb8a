package io.mediajobs.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.mediajobs.common.ApiException;

/** Opaque keyset cursors for the job list: the last row's (createdAt, jobId), base64url-encoded. */
final class JobCursors {

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
            return new JobRepository.Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor is invalid: use the nextCursor of a previous page");
        }
    }
}
