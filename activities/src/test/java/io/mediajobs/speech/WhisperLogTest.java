package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class WhisperLogTest {

    private final Logger logger = (Logger) WhisperLog.LOG;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private ch.qos.logback.classic.Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }

    @Test
    void piecesBecomeOneLineAtTheFirstPiecesLevel() {
        WhisperLog.accept(WhisperLog.WARN, "whisper_model_load: ");
        WhisperLog.accept(WhisperLog.CONT, "n_vocab = 51865");
        WhisperLog.accept(WhisperLog.CONT, "\nsecond");
        WhisperLog.accept(WhisperLog.CONT, " line\n");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("whisper_model_load: n_vocab = 51865", "second line");
        assertThat(appender.list).extracting(e -> e.getLevel().toString()).containsExactly("WARN", "WARN");
    }

    @Test
    void errorsStayErrorsExceptTheStopWeAskFor() {
        WhisperLog.accept(WhisperLog.ERROR, "whisper_full_with_state: failed to encode\n");
        WhisperLog.accept(WhisperLog.ERROR,
                "whisper_full_with_state: encoder_begin_callback returned false - aborting\n");
        WhisperLog.accept(1, "whisper_init_state: kv self size  =    6.29 MB\n");

        assertThat(appender.list).extracting(e -> e.getLevel().toString())
                .containsExactly("ERROR", "DEBUG", "DEBUG");
        assertThat(WhisperLog.levelOf(WhisperLog.WARN, "x")).isEqualTo(Level.WARN);
    }
}
