package io.mediajobs.jobs;

import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.mediajobs.common.ApiException;
import io.mediajobs.platform.WhisperProperties;
import io.mediajobs.speech.WhisperCapabilities;
import io.mediajobs.speech.WhisperModel;
import io.mediajobs.workflows.subtitles.SubtitleOptions;

/**
 * Validates subtitle generation's optional request fields against the configured model; the activity checks again
 * against the loaded model. A prompt's shape is checked first ({@link WhisperCapabilities#promptShapeProblem}); its
 * tokens are counted exactly where this instance's speech worker has already loaded its model (never loaded on a
 * request thread), else from below, and the worker rejects a prompt that turns out longer than it looked.
 */
@Component
class SubtitleRequestOptions {

    private static final Logger LOG = LoggerFactory.getLogger(SubtitleRequestOptions.class);

    private final WhisperProperties speech;
    private final ConfigurableListableBeanFactory beans;

    SubtitleRequestOptions(WhisperProperties speech, ConfigurableListableBeanFactory beans) {
        this.speech = speech;
        this.beans = beans;
    }

    /**
     * @return the options normalised (language lower-case, blank prompt dropped), or null when none was given, so a
     *         request without them stays what it was before they existed
     * @throws ApiException 400 naming the field and what it accepts; 503 if whisper.cpp cannot load here
     */
    SubtitleOptions validate(String language, String task, String prompt, Integer maxLineLength, Integer maxLines) {
        if (language == null && task == null && prompt == null && maxLineLength == null && maxLines == null) {
            return null;
        }
        boolean englishOnly = WhisperCapabilities.isEnglishOnly(speech.model());
        String model = WhisperCapabilities.modelName(speech.model());
        String lang = language == null ? null : language.strip().toLowerCase(Locale.ROOT);
        if (lang != null && !lang.equals(SubtitleOptions.AUTO)) {
            Set<String> supported;
            try {
                supported = WhisperCapabilities.languages(speech.model());
            } catch (IllegalStateException e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "Speech recognition is not available on this server: " + e.getMessage());
            }
            if (!supported.contains(lang)) {
                throw ApiException.badRequest("language must be \"auto\" or a language code the speech model"
                        + " supports: " + String.join(", ", supported));
            }
            if (englishOnly && !lang.equals("en")) {
                throw ApiException.badRequest("language \"" + lang + "\" is not available: this server's speech model ("
                        + model + ") is English-only; use \"en\" or leave language out");
            }
        }
        if (task != null && !task.equals(SubtitleOptions.TRANSCRIBE) && !task.equals(SubtitleOptions.TRANSLATE)) {
            throw ApiException.badRequest("task must be one of: transcribe, translate");
        }
        if (SubtitleOptions.TRANSLATE.equals(task) && englishOnly) {
            throw ApiException.badRequest("task \"translate\" is not available: this server's speech model (" + model
                    + ") is English-only");
        }
        String hints = prompt == null || prompt.isBlank() ? null : prompt.strip();
        if (hints != null) {
            String shape = WhisperCapabilities.promptShapeProblem(hints);
            if (shape != null) {
                throw ApiException.badRequest(shape);
            }
            int atLeast = WhisperCapabilities.minimumTokens(hints);
            int exact = atLeast > SubtitleOptions.MAX_PROMPT_TOKENS ? -1 : exactTokens(hints); // too long anyway
            if (atLeast > SubtitleOptions.MAX_PROMPT_TOKENS || exact > SubtitleOptions.MAX_PROMPT_TOKENS) {
                throw ApiException.badRequest("prompt is too long: " + (exact > 0 ? exact : "at least " + atLeast)
                        + " tokens, at most " + SubtitleOptions.MAX_PROMPT_TOKENS + " are allowed (roughly 150"
                        + " English words; other languages need more tokens per word)");
            }
        }
        if (maxLineLength != null && (maxLineLength < SubtitleOptions.MIN_LINE_LENGTH
                || maxLineLength > SubtitleOptions.MAX_LINE_LENGTH)) {
            throw ApiException.badRequest("maxLineLength must be between " + SubtitleOptions.MIN_LINE_LENGTH + " and "
                    + SubtitleOptions.MAX_LINE_LENGTH);
        }
        if (maxLines != null && (maxLines < 1 || maxLines > SubtitleOptions.MAX_LINES)) {
            throw ApiException.badRequest("maxLines must be between 1 and " + SubtitleOptions.MAX_LINES);
        }
        return new SubtitleOptions(lang, task, hints, maxLineLength, maxLines);
    }

    /** The prompt's tokens with the speech model this instance has loaded, or -1 where it has none loaded. */
    private int exactTokens(String prompt) {
        try {
            for (String name : beans.getBeanNamesForType(WhisperModel.class, false, false)) {
                if (beans.containsSingleton(name)) { // a job loaded it: weights are never loaded for a request
                    return ((WhisperModel) beans.getSingleton(name)).countTokens(prompt);
                }
            }
        } catch (RuntimeException e) { // closing at shutdown: the worker counts exactly
            LOG.debug("Counting the prompt's tokens from below: the speech model is not usable", e);
        }
        return -1;
    }
}
