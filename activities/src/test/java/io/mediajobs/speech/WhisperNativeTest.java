package io.mediajobs.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JNA structures against whisper.h v1.7.1: sizes as gcc lays them out on LP64, and whisper.cpp's own defaults
 * read back through them (a shifted field would read garbage), and one library instance in the process.
 */
class WhisperNativeTest {

    @Test
    void structuresHaveTheHeadersSizes() {
        assertThat(new WhisperNative.FullParams().size()).isEqualTo(264);
        assertThat(new WhisperNative.TokenData().size()).isEqualTo(56);
        assertThat(new WhisperNative.ContextParams().size()).isEqualTo(48);
        WhisperNative.FullParams p = new WhisperNative.FullParams();
        assertThat(p.offsetOf("translate")).isEqualTo(20);
        assertThat(p.offsetOf("thold_pt")).isEqualTo(32);
        assertThat(p.offsetOf("suppress_regex")).isEqualTo(64);
        assertThat(p.offsetOf("language")).isEqualTo(96);
        assertThat(p.offsetOf("temperature")).isEqualTo(108);
        assertThat(p.offsetOf("greedy")).isEqualTo(136);
        assertThat(p.offsetOf("beam_search")).isEqualTo(140);
        assertThat(p.offsetOf("progress_callback")).isEqualTo(168);
        assertThat(p.offsetOf("abort_callback")).isEqualTo(200);
        assertThat(p.offsetOf("grammar_penalty")).isEqualTo(256);
        assertThat(new WhisperNative.TokenData().offsetOf("t0")).isEqualTo(24);
        assertThat(new WhisperNative.ContextParams().offsetOf("dtw_aheads")).isEqualTo(24);
    }

    @Test
    void promptsReachWhisperCppAsUtf8WhateverTheJvmsLocale() {
        WhisperNative.FullParams p = new WhisperNative.FullParams();
        p.initial_prompt = "Grüße, Straße, 東京";
        p.write();
        com.sun.jna.Pointer text = p.getPointer().getPointer(p.offsetOf("initial_prompt"));
        assertThat(WhisperNative.bytes(text)).isEqualTo("Grüße, Straße, 東京".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theLibrarysDefaultsReadBackAsWhisperCppDefinesThem() throws Exception {
        WhisperNative.Api lib = WhisperNative.api();
        WhisperNative.FullParams greedy = WhisperNative.defaultFullParams(lib, WhisperNative.SAMPLING_GREEDY);
        assertThat(greedy.strategy).isEqualTo(WhisperNative.SAMPLING_GREEDY);
        assertThat(greedy.n_threads).isBetween(1, 4);
        assertThat(greedy.n_max_text_ctx).isEqualTo(16384);
        assertThat(greedy.no_context).isEqualTo((byte) 1);
        assertThat(greedy.print_progress).isEqualTo((byte) 1);
        assertThat(greedy.token_timestamps).isEqualTo((byte) 0);
        assertThat(greedy.thold_pt).isEqualTo(0.01f);
        assertThat(greedy.language).isEqualTo("en");
        assertThat(greedy.suppress_blank).isEqualTo((byte) 1);
        assertThat(greedy.max_initial_ts).isEqualTo(1.0f);
        assertThat(greedy.length_penalty).isEqualTo(-1.0f);
        assertThat(greedy.temperature_inc).isEqualTo(0.2f);
        assertThat(greedy.entropy_thold).isEqualTo(2.4f);
        assertThat(greedy.logprob_thold).isEqualTo(-1.0f);
        assertThat(greedy.no_speech_thold).isEqualTo(0.6f);
        assertThat(greedy.greedy.best_of).isEqualTo(5);
        assertThat(greedy.beam_search.beam_size).isEqualTo(-1);
        assertThat(greedy.grammar_penalty).isEqualTo(100.0f);
        WhisperNative.FullParams beam = WhisperNative.defaultFullParams(lib, WhisperNative.SAMPLING_BEAM_SEARCH);
        assertThat(beam.strategy).isEqualTo(WhisperNative.SAMPLING_BEAM_SEARCH);
        assertThat(beam.beam_search.beam_size).isEqualTo(5);
        assertThat(beam.beam_search.patience).isEqualTo(-1.0f);

        WhisperNative.ContextParams context = WhisperNative.defaultContextParams(lib);
        assertThat(context.use_gpu).isEqualTo((byte) 1);
        assertThat(context.dtw_token_timestamps).isEqualTo((byte) 0);
        assertThat(context.dtw_n_top).isEqualTo(-1);
        assertThat(context.dtw_mem_size.longValue()).isEqualTo(1024L * 1024 * 128);
    }

    @Test
    void languagesComeFromTheLibraryAndOneWhisperIsLoaded() throws Exception {
        WhisperNative.Api lib = WhisperNative.api();
        assertThat(lib.whisper_lang_max_id()).isGreaterThanOrEqualTo(98);
        assertThat(lib.whisper_lang_str(0)).isEqualTo("en");
        assertThat(lib.whisper_lang_id("de")).isEqualTo(2);
        List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("libwhisper.so"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .distinct().toList();
        assertThat(mapped).hasSize(1);
    }
}
