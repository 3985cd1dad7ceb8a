package io.mediajobs.denoise;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How hard to suppress noise: more strength removes more noise and risks more speech distortion. */
public enum Strength {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private final String id;

    Strength(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Strength> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Strength::id).collect(Collectors.joining(", "));
    }
}
