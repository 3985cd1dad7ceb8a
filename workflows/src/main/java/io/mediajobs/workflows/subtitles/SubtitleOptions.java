package io.mediajobs.workflows.subtitles;

/**
 * Subtitle generation's optional request fields (extensions to the spec), validated and normalised by the API;
 * null means the default.
 *
 * @param language      ISO 639-1 code of the spoken language, or "auto" to detect it once per job
 * @param task          "transcribe" (default) or "translate" (into English)
 * @param prompt        vocabulary and spelling hints for the model (at most {@link #MAX_PROMPT_TOKENS} tokens)
 * @param maxLineLength characters per caption line, {@link #MIN_LINE_LENGTH}..{@link #MAX_LINE_LENGTH}; default 42
 * @param maxLines      lines per cue, 1..{@link #MAX_LINES}; default 2
 */
public record SubtitleOptions(String language, String task, String prompt, Integer maxLineLength, Integer maxLines) {

    public static final String AUTO = "auto";
    public static final String TRANSCRIBE = "transcribe";
    public static final String TRANSLATE = "translate";
    /** Whisper keeps at most half its 448-token text context as prompt. */
    public static final int MAX_PROMPT_TOKENS = 224;
    public static final int DEFAULT_LINE_LENGTH = 42;
    public static final int MIN_LINE_LENGTH = 10;
    public static final int MAX_LINE_LENGTH = 100;
    public static final int DEFAULT_LINES = 2;
    public static final int MAX_LINES = 4;

    /** Every option left to its default: the model's language (detected on a multilingual one), transcribed. */
    public static SubtitleOptions defaults() {
        return new SubtitleOptions(null, null, null, null, null);
    }

    public boolean translate() {
        return TRANSLATE.equals(task);
    }

    public int lineLength() {
        return maxLineLength == null ? DEFAULT_LINE_LENGTH : maxLineLength;
    }

    public int lines() {
        return maxLines == null ? DEFAULT_LINES : maxLines;
    }
}
