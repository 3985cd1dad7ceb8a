package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a Whisper deployment accepts, known without loading its weights: for the API, which validates requests on
 * instances that may not have the model (the activity checks again, exactly, against the loaded model).
 */
public final class WhisperCapabilities {

    /**
     * whisper.cpp's (GPT-2's) pre-tokenizer: a token never spans two of these pieces, so their count is a lower
     * bound of the token count.
     */
    private static final Pattern PIECES = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    /** English-only weights are named "*.en" by whisper.cpp (ggml-tiny.en.bin, ggml-base.en-q5_1.bin). */
    private static final Pattern ENGLISH_ONLY = Pattern.compile("\\.en($|[-_.])");

    private static volatile Set<String> languages;

    private WhisperCapabilities() {
    }

    /**
     * whisper.cpp's language codes (ISO 639-1, plus "haw" and "yue") in its own order ("en" first), read from the
     * library.
     *
     * @throws IllegalStateException if whisper.cpp's native library cannot be loaded on this machine
     */
    public static Set<String> languages() {
        Set<String> known = languages;
        if (known == null) {
            try {
                WhisperNative.Api lib = WhisperNative.api();
                Set<String> codes = new LinkedHashSet<>();
                for (int id = 0; id <= lib.whisper_lang_max_id(); id++) {
                    codes.add(lib.whisper_lang_str(id));
                }
                known = Collections.unmodifiableSet(codes);
                languages = known;
            } catch (IOException | UnsatisfiedLinkError e) {
                throw new IllegalStateException("whisper.cpp's native library cannot be loaded: " + e.getMessage(), e);
            }
        }
        return known;
    }

    /**
     * The languages these weights know: the first {@code n_vocab - 51766} of {@link #languages()} for a multilingual
     * vocabulary (whisper.cpp's {@code num_languages()}: 99 before large-v3, 100 from it, the 100th being "yue"; a
     * code beyond them would be read as another special token, e.g. base hears "yue" as translate). The library's
     * whole list when the legacy ggml header cannot be read (English-only weights are checked by name).
     *
     * @throws IllegalStateException if whisper.cpp's native library cannot be loaded on this machine
     */
    public static Set<String> languages(Path modelFile) {
        Set<String> all = languages();
        int count = multilingualLanguages(modelFile);
        if (count <= 0 || count >= all.size()) {
            return all;
        }
        Set<String> first = all.stream().limit(count).collect(Collectors.toCollection(LinkedHashSet::new));
        return Collections.unmodifiableSet(first);
    }

    /** {@code n_vocab - 51766} from a multilingual legacy ggml header ("lmgg", little-endian int32 n_vocab), else 0. */
    static int multilingualLanguages(Path modelFile) {
        byte[] header = new byte[8];
        try (InputStream in = Files.newInputStream(modelFile)) {
            if (in.readNBytes(header, 0, header.length) < header.length) {
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        if (header[0] != 'l' || header[1] != 'm' || header[2] != 'g' || header[3] != 'g') {
            return 0;
        }
        int vocabulary = ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return vocabulary > 51864 ? vocabulary - 51766 : 0;
    }

    /** Whether the weights file is an English-only model, by whisper.cpp's naming ({@code .en}). */
    public static boolean isEnglishOnly(Path modelFile) {
        return ENGLISH_ONLY.matcher(WhisperModel.modelName(modelFile)).find();
    }

    /** The weights' short name, e.g. "base-q5_1" for {@code ggml-base-q5_1.bin}. */
    public static String modelName(Path modelFile) {
        return WhisperModel.modelName(modelFile);
    }

    /** Longest prompt in UTF-8 bytes: 224 tokens of ordinary text take about 1 KB. */
    public static final int MAX_PROMPT_BYTES = 2048;
    /** Longest run of non-blank characters in a prompt: no word, name or URL that helps the model is longer. */
    public static final int MAX_PROMPT_WORD = 100;

    /**
     * Why {@code prompt} cannot be a prompt whatever its tokens, or null: over {@value #MAX_PROMPT_BYTES} UTF-8 bytes,
     * or a run of more than {@value #MAX_PROMPT_WORD} non-blank characters. Checked before whisper.cpp tokenizes it:
     * its tokenizer's greedy longest match is cubic in a word's length (whisper.cpp 1.7.1 {@code whisper_tokenize}),
     * so one 60 KB "word" would hold a thread for hours.
     */
    public static String promptShapeProblem(String prompt) {
        int bytes = prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_PROMPT_BYTES) {
            return "prompt is too long: " + bytes + " bytes, at most " + MAX_PROMPT_BYTES + " (about "
                    + SubtitleOptions.MAX_PROMPT_TOKENS + " tokens) are allowed";
        }
        int run = 0;
        for (int i = 0; i < prompt.length(); i++) {
            run = Character.isWhitespace(prompt.charAt(i)) ? 0 : run + 1;
            if (run > MAX_PROMPT_WORD) {
                return "prompt has a word of more than " + MAX_PROMPT_WORD + " characters; separate its words";
            }
        }
        return null;
    }

    /**
     * At least this many tokens: the pieces whisper.cpp's tokenizer splits the text into before merging (each
     * piece is one token or more). Exact for plain words of common vocabulary; an undercount otherwise.
     */
    public static int minimumTokens(String text) {
        Matcher m = PIECES.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
