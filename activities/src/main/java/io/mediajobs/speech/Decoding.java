package io.mediajobs.speech;

/**
 * What to decode a window as.
 *
 * @param language  ISO 639-1 code of the speech; null = the recognizer's configured default (for
 *                  {@link WhisperModel}: {@link WhisperOptions#language()}, "auto" = whisper's per-window detection)
 * @param translate write English whatever the speech's language (whisper's {@code translate})
 * @param prompt    vocabulary / spelling hints given to the decoder as previous text, or null
 */
public record Decoding(String language, boolean translate, String prompt) {

    public static final Decoding DEFAULT = new Decoding(null, false, null);
}
