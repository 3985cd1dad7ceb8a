package io.mediajobs.denoise;

import java.util.Locale;
import java.util.Objects;

import io.mediajobs.wire.WireName;

/**
 * What a noise-removal job asked for. Every field has a default; {@link #fromStrings} turns the job request's
 * optional strings into options and rejects anything else with a message that can be shown to the user.
 *
 * @param algorithm         which {@link NoiseReducer} runs
 * @param strength          how hard it suppresses noise
 * @param normalizeLoudness EBU R128 loudness normalization to -16 LUFS (FFmpeg {@code loudnorm}) after denoising
 * @param outputFormat      the container/codec of the output file
 * @param sampleRate        output sample rate in Hz, or 0 for "same as the input"
 */
public record DenoiseOptions(
        DenoiseAlgorithm algorithm,
        Strength strength,
        boolean normalizeLoudness,
        OutputFormat outputFormat,
        int sampleRate) {

    /** The benchmark winner among algorithms fast enough for the 50x real-time floor (docs/benchmarks.md). */
    public static final DenoiseAlgorithm DEFAULT_ALGORITHM = DenoiseAlgorithm.MMSE;
    public static final Strength DEFAULT_STRENGTH = Strength.MEDIUM;
    public static final OutputFormat DEFAULT_FORMAT = OutputFormat.MP3;

    public DenoiseOptions {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(outputFormat, "outputFormat");
        if (sampleRate != 0 && (sampleRate < 8000 || sampleRate > 192000)) {
            throw new IllegalArgumentException(
                    "Invalid sampleRate '" + sampleRate + "': use a rate between 8000 and 192000 Hz, or omit it");
        }
    }

    public static DenoiseOptions defaults() {
        return new DenoiseOptions(DEFAULT_ALGORITHM, DEFAULT_STRENGTH, false, DEFAULT_FORMAT, 0);
    }

    public DenoiseOptions withAlgorithm(DenoiseAlgorithm newAlgorithm) {
        return new DenoiseOptions(newAlgorithm, strength, normalizeLoudness, outputFormat, sampleRate);
    }

    public DenoiseOptions withOutputFormat(OutputFormat newFormat) {
        return new DenoiseOptions(algorithm, strength, normalizeLoudness, newFormat, sampleRate);
    }

    public DenoiseOptions withNormalizeLoudness(boolean normalize) {
        return new DenoiseOptions(algorithm, strength, normalize, outputFormat, sampleRate);
    }

    public DenoiseOptions withSampleRate(int newSampleRate) {
        return new DenoiseOptions(algorithm, strength, normalizeLoudness, outputFormat, newSampleRate);
    }

    /** Same as {@link #fromStrings(String, String, String, String, Integer)} without a sample rate. */
    public static DenoiseOptions fromStrings(String algorithm, String strength, String normalizeLoudness,
            String outputFormat) {
        return fromStrings(algorithm, strength, normalizeLoudness, outputFormat, null);
    }

    /**
     * Validates the job request's optional values; null or blank means "default".
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static DenoiseOptions fromStrings(String algorithm, String strength, String normalizeLoudness,
            String outputFormat, Integer sampleRate) {
        DenoiseAlgorithm a = blank(algorithm) ? DEFAULT_ALGORITHM
                : WireName.parseLenient(DenoiseAlgorithm.class, algorithm).orElseThrow(() -> invalid("algorithm",
                        algorithm, WireName.allowed(DenoiseAlgorithm.class)));
        Strength s = blank(strength) ? DEFAULT_STRENGTH
                : WireName.parseLenient(Strength.class, strength).orElseThrow(() -> invalid("strength", strength,
                        WireName.allowed(Strength.class)));
        boolean n = !blank(normalizeLoudness) && parseBoolean(normalizeLoudness);
        OutputFormat f = blank(outputFormat) ? DEFAULT_FORMAT
                : WireName.parseLenient(OutputFormat.class, outputFormat).orElseThrow(() -> invalid("outputFormat",
                        outputFormat, WireName.allowed(OutputFormat.class)));
        return new DenoiseOptions(a, s, n, f, sampleRate == null ? 0 : sampleRate);
    }

    private static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("normalizeLoudness", value, "true, false");
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static IllegalArgumentException invalid(String field, String value, String allowed) {
        return new IllegalArgumentException(
                "Invalid " + field + " '" + value.strip() + "': allowed values are " + allowed);
    }
}
