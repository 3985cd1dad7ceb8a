package io.mediajobs.common;

import java.util.UUID;
import java.util.regex.Pattern;

/** All ids are server-generated UUIDs; anything else in a path or body is a 400, never a lookup. */
public final class Ids {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }

    /** Parses a UUID or throws a 400 naming the field. */
    public static UUID parse(String value, String what) {
        if (!isUuid(value)) {
            throw ApiException.badRequest(what + " must be a valid UUID");
        }
        return UUID.fromString(value);
    }
}
