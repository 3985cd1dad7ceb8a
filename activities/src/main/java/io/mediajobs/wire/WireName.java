package io.mediajobs.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one way an enum constant is named outside Java: in the API's JSON and query parameters, in database columns and
 * in job options. The wire name is the constant's name in lower case with {@code _} as {@code -}
 * ({@code NOISE_REMOVAL} → {@code noise-removal}, {@code MP3} → {@code mp3}), so renaming a constant changes the
 * contract; an enum whose wire name cannot follow that rule overrides {@link #wireName()}.
 *
 * <p>Its own package because both the persistence records and the denoise options use it and neither should depend on
 * the other; the {@code workflows} module stays free of it (its contract carries plain strings).
 */
public interface WireName {

    /** Implemented by every enum: {@link Enum#name()}. */
    String name();

    /** The name clients, the database and job options use, e.g. {@code noise-removal}. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose wire name is exactly {@code value} (no trimming, case-sensitive), as stored values and query
     * filters are matched.
     *
     * @return empty when {@code value} is null or names no constant
     */
    static <E extends Enum<E> & WireName> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(value)).findFirst();
    }

    /**
     * The constant whose wire name is {@code value} after trimming and lower-casing ({@link Locale#ROOT}), for values
     * people type, e.g. {@code " MMSE "} → {@code mmse}.
     *
     * @return empty when {@code value} is null or names no constant
     */
    static <E extends Enum<E> & WireName> Optional<E> parseLenient(Class<E> type, String value) {
        return value == null ? Optional.empty() : parse(type, value.trim().toLowerCase(Locale.ROOT));
    }

    /** The wire names in declaration order for error messages, e.g. {@code "low, medium, high"}. */
    static <E extends Enum<E> & WireName> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", "));
    }
}
