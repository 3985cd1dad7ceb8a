package io.mediajobs.speech;

/** Whisper's language-id on some audio: the most probable language (ISO 639-1) and its probability in [0, 1]. */
public record LanguageDetection(String language, double probability) {
}
