package io.mediajobs.speech;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends whisper.cpp's and ggml's messages to SLF4J (logger {@code io.mediajobs.speech.whisper.cpp}) instead of the
 * process's stderr, so a worker's log stays one format (JSON with {@code LOG_FORMAT=json}). whisper.cpp writes a
 * message in pieces ({@code GGML_LOG_LEVEL_CONT}) ending in a newline; pieces are joined per thread.
 *
 * <p>Levels: ggml's WARN and ERROR stay WARN and ERROR, the rest (model loading, buffer sizes) is DEBUG; except the
 * ERROR whisper.cpp prints when the encoder-begin callback stops a call, which {@link WhisperModel} does on purpose
 * after one 30 s pass (DEBUG).
 */
final class WhisperLog {

    static final Logger LOG = LoggerFactory.getLogger("io.mediajobs.speech.whisper.cpp");

    /** {@code enum ggml_log_level} (ggml.h, v1.7.1). */
    static final int WARN = 2;
    static final int ERROR = 3;
    static final int CONT = 5;

    /** Strongly held: native code keeps only the function pointer. */
    private static final WhisperNative.LogCallback CALLBACK = WhisperLog::accept;

    private static final ThreadLocal<StringBuilder> PENDING = ThreadLocal.withInitial(StringBuilder::new);
    private static final ThreadLocal<int[]> PENDING_LEVEL = ThreadLocal.withInitial(() -> new int[1]);

    private WhisperLog() {
    }

    /** Routes both libraries' messages here; a library without {@code ggml_log_set} keeps ggml's default. */
    static void install(WhisperNative.Api api) {
        api.whisper_log_set(CALLBACK, null);
        try {
            api.ggml_log_set(CALLBACK, null);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("ggml_log_set not found: ggml's own messages stay on stderr");
        }
    }

    static void accept(int level, com.sun.jna.Pointer text, com.sun.jna.Pointer userData) {
        accept(level, text == null ? "" : new String(WhisperNative.bytes(text), StandardCharsets.UTF_8));
    }

    /** Adds a piece of a message; logs every line it completes. */
    static void accept(int level, String piece) {
        StringBuilder pending = PENDING.get();
        if (level != CONT) {
            PENDING_LEVEL.get()[0] = level;
        }
        pending.append(piece);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline).stripTrailing();
            pending.delete(0, newline + 1);
            if (!line.isEmpty()) {
                log(PENDING_LEVEL.get()[0], line);
            }
        }
    }

    /** One complete message at its ggml level. */
    static void log(int level, String line) {
        LOG.atLevel(levelOf(level, line)).log(line);
    }

    /** The SLF4J level of a complete message at ggml level {@code level}. */
    static Level levelOf(int level, String line) {
        if (level == ERROR && line.contains("encoder_begin_callback returned false")) {
            return Level.DEBUG; // WhisperModel stops a call after one 30 s pass on purpose
        }
        return level == ERROR ? Level.ERROR : level == WARN ? Level.WARN : Level.DEBUG;
    }
}
