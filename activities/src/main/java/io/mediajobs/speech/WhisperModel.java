package io.mediajobs.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A whisper.cpp model (legacy ggml {@code .bin}, not GGUF) loaded once through {@link WhisperNative} (whisper.cpp
 * 1.7.1 as whisper-jni ships it), with a pool of per-call states so several activities can share the weights.
 * Create one per worker process; thread-safe.
 *
 * <p>Every call that creates or frees a context or state is serialised on one JVM-wide lock, and all states are
 * created up front.
 */
public final class WhisperModel implements SpeechRecognizer {

    private static final Object NATIVE_LOCK = new Object();
    /** One per process: what other processes take of the CPU, for {@link WhisperOptions#loadAwareThreads()}. */
    private static final CpuContention CONTENTION = CpuContention.system();

    /** Encoder frames of every released Whisper model (30 s); used when the file's header does not say. */
    static final int DEFAULT_AUDIO_CONTEXT = 1500;
    /** Audio samples per encoder frame: 10 ms mel hop, halved by the encoder's strided convolution. */
    static final int SAMPLES_PER_AUDIO_FRAME = 2 * SAMPLE_RATE / 100;
    /**
     * Silence put before short audio that starts with sound: a lone word that starts on the first sample is often
     * misheard (0.55 s of "Hello" comes back as "below."). Longer windows are left as they are: whisper.cpp hears
     * them in context.
     */
    static final int LEAD_IN_SAMPLES = 3 * SAMPLE_RATE / 10;
    /** The stretch at the start that decides whether the audio starts with sound. */
    private static final int ONSET_SAMPLES = 3 * SAMPLE_RATE / 100;
    /**
     * Inputs are padded with silence to at least this: whisper.cpp returns nothing for less than 1 s and never
     * starts decoding within 1 s of the end.
     */
    static final int MIN_INPUT_SAMPLES = 2 * SAMPLE_RATE;
    /** Tokens of earlier text a window is conditioned on (half the decoder's 448-token context, less one). */
    static final int MAX_CONTEXT_TOKENS = 223;
    /** Below this mean token log-probability a window's text is not passed on as context. */
    private static final double MIN_CONTEXT_LOGPROB = -1.0;
    /** Above this compression ratio a window's text (a repetition loop) is not passed on as context. */
    private static final double MAX_CONTEXT_COMPRESSION_RATIO = 2.4;

    private final Path modelPath;
    private final WhisperOptions options;
    private final WhisperNative.Api lib;
    private final Pointer context;
    private final String name;
    private final Set<String> languages;
    /** Token ids from here on are whisper's special tokens (end of text, timestamps, language, task...). */
    private final int firstSpecialToken;
    /** Token ids from here on are timestamps ({@code <|0.00|>}, ...). */
    private final int firstTimestampToken;
    /** The model's encoder frames (whisper.cpp {@code n_audio_ctx}): the largest {@code audio_ctx} it accepts. */
    private final int modelAudioContext;
    /** Whether whisper.cpp times tokens by DTW over the model's alignment heads (known presets only). */
    private final boolean dtw;
    private final List<Pointer> states = new ArrayList<>();
    /** The process's {@link CpuContention}; tests put in a scripted one. */
    private volatile CpuContention contention = CONTENTION;
    private final BlockingQueue<Pointer> idle;
    private int busy;
    private boolean closed;
    private boolean freed;

    /** @throws ModelLoadException naming the path when the file is missing or not a whisper.cpp ggml model */
    public WhisperModel(Path modelPath, int threads, int poolSize) {
        this(modelPath, WhisperOptions.defaults().withThreads(threads).withPoolSize(poolSize));
    }

    /** @throws ModelLoadException naming the path when the file is missing or not a whisper.cpp ggml model */
    public WhisperModel(Path modelPath, WhisperOptions options) {
        this.modelPath = modelPath.toAbsolutePath();
        this.options = options;
        this.modelAudioContext = checkFile(this.modelPath);
        this.name = modelName(this.modelPath);
        this.dtw = alignmentHeads(this.modelPath) != WhisperNative.AHEADS_NONE;
        this.lib = loadLibrary(this.modelPath);
        this.idle = new ArrayBlockingQueue<>(options.poolSize());
        synchronized (NATIVE_LOCK) {
            Pointer ctx;
            try {
                WhisperNative.ContextParams.ByValue params = WhisperNative.defaultContextParams(lib);
                params.use_gpu = 0;
                // word timings by DTW over the model's alignment heads, where whisper.cpp knows them
                params.dtw_aheads_preset = alignmentHeads(this.modelPath);
                params.dtw_token_timestamps = WhisperNative.flag(dtw);
                ctx = lib.whisper_init_from_file_with_params_no_state(this.modelPath.toString(), params);
            } catch (RuntimeException e) {
                throw new ModelLoadException(this.modelPath, "Could not load Whisper model " + this.modelPath + ": "
                        + e.getMessage(), e);
            }
            if (ctx == null) {
                throw new ModelLoadException(this.modelPath, "Could not load Whisper model " + this.modelPath
                        + ": whisper.cpp rejected the file (expected a legacy ggml .bin model such as"
                        + " ggml-tiny.en.bin; GGUF and truncated files are not supported)", null);
            }
            this.context = ctx;
            for (int i = 0; i < options.poolSize(); i++) {
                Pointer state = lib.whisper_init_state(ctx);
                if (state == null) {
                    states.forEach(lib::whisper_free_state);
                    lib.whisper_free(ctx);
                    throw new ModelLoadException(this.modelPath, "Could not allocate a whisper.cpp state for "
                            + this.modelPath + " (out of memory?)", null);
                }
                states.add(state);
                idle.add(state);
            }
        }
        if (options.loadAwareThreads() && options.threads() > 1 && !WhisperNative.hasDecoderThreads()) {
            org.slf4j.LoggerFactory.getLogger(WhisperModel.class).info("whisper.cpp library {} cannot decode on fewer"
                    + " threads than it encodes: load-aware threads are off (scripts/whisper-native builds one that"
                    + " can)", WhisperNative.loadedLibrary());
        }
        this.firstSpecialToken = lib.whisper_token_eot(context);
        this.firstTimestampToken = lib.whisper_token_beg(context);
        Set<String> codes = new LinkedHashSet<>();
        if (lib.whisper_is_multilingual(context) != 0) {
            codes.addAll(WhisperCapabilities.languages(this.modelPath));
        } else {
            codes.add("en");
        }
        this.languages = Set.copyOf(codes);
    }

    /**
     * The weights' short name from the file name: {@code ggml-base-q5_1.bin} is "base-q5_1", {@code ggml-tiny.en.bin}
     * is "tiny.en".
     */
    static String modelName(Path file) {
        String n = file.getFileName().toString();
        if (n.startsWith("ggml-")) {
            n = n.substring("ggml-".length());
        }
        if (n.endsWith(".bin")) {
            n = n.substring(0, n.length() - ".bin".length());
        }
        return n;
    }

    @Override
    public String modelName() {
        return name;
    }

    /**
     * The whisper.cpp shared library this process runs: a path from {@code WHISPER_LIBRARY} (scripts/whisper-native's
     * build) or whisper-jni's extracted {@code libwhisper.so.1}.
     */
    public String library() {
        return WhisperNative.loadedLibrary();
    }

    @Override
    public Set<String> languages() {
        return languages;
    }

    @Override
    public int countTokens(String text) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Whisper model " + modelPath + " is closed");
            }
        }
        // a token is at least one UTF-8 byte, so this buffer always suffices (whisper.cpp logs an error otherwise)
        int[] tokens = new int[text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1];
        return lib.whisper_tokenize(context, text, tokens, tokens.length);
    }

    public Path modelPath() {
        return modelPath;
    }

    public WhisperOptions options() {
        return options;
    }

    /**
     * Transcribes one window. The samples are padded with silence where whisper.cpp needs it (see
     * {@link #LEAD_IN_SAMPLES}, {@link #MIN_INPUT_SAMPLES}); the returned times (segments and their words, from
     * whisper.cpp's token timestamps) are seconds from the start of {@code samples}, within [0, length], and
     * segments that lie wholly in the padding are left out. Interrupting the calling thread aborts whisper.cpp
     * after its current encoder or decoder step (its abort callback).
     *
     * @throws RecognitionFailedException if whisper.cpp returns an error code: the same input fails the same way
     * @throws IllegalArgumentException   if {@code decoding} names a language this model does not have
     */
    @Override
    public List<RecognizedSegment> recognize(float[] samples, int length, Decoding decoding)
            throws InterruptedException {
        return recognize(samples, length, decoding, null, false).segments();
    }

    /**
     * {@link #recognize(float[], int, Decoding)} conditioned on the previous window's tokens, which go to
     * whisper.cpp as {@code prompt_tokens} with {@code no_context} set: its {@code prompt_past} is then exactly
     * them, and it puts them after {@code <|startofprev|>} while its temperature is below 0.5, as faster-whisper
     * ({@code transcribe.py}: {@code condition_on_previous_text}, {@code prompt_reset_on_temperature}) and
     * whisper.cpp's own {@code prompt_past} across its 30 s seeks do. Kept in Java rather than in the
     * {@code whisper_state} so any pooled state can decode any window.
     *
     * <p>It decodes one 30 s pass: where whisper.cpp would seek on to the end of its last complete segment and
     * decode the rest of the window (an unfinished last segment dropped) as a remainder padded with silence, it
     * stops, and {@link Recognition#heardSeconds()} says where; the caller starts its next window there, with the
     * audio that follows (see {@link #seeks()}).
     *
     * <p>The returned context is the given one (or the tokenised prompt) followed by this window's text and
     * timestamp tokens, its last {@value #MAX_CONTEXT_TOKENS} (faster-whisper's {@code max_length // 2 - 1}); it
     * is empty, so the next window starts afresh, when this window's result looks like a failed decode
     * (faster-whisper's fallback tests: mean token log-probability below -1 or gzip compression ratio above 2.4)
     * or it has no text.
     */
    @Override
    public Recognition recognize(float[] samples, int length, Decoding decoding, int[] conditioning)
            throws InterruptedException {
        return recognize(samples, length, decoding, conditioning, true);
    }

    /**
     * @param onePass decode only whisper.cpp's first 30 s pass: when it would seek on (to the end of the last
     *                complete segment, dropping an unfinished one) and decode the rest of the window again, it stops
     *                there and {@link Recognition#heardSeconds()} says where; the caller decodes the rest as the start
     *                of its next window, with the audio that follows it (faster-whisper's seek loop over the whole
     *                speech), instead of as a short remainder padded with silence
     */
    private Recognition recognize(float[] samples, int length, Decoding decoding, int[] conditioning,
                                  boolean onePass) throws InterruptedException {
        if (decoding.language() != null && !languages.contains(decoding.language())) {
            throw new IllegalArgumentException("Model " + name + " cannot transcribe language '"
                    + decoding.language() + "'");
        }
        boolean shortFromTheFirstSample = length < MIN_INPUT_SAMPLES
                && VoiceActivityDetector.levelDb(samples, 0, Math.min(length, ONSET_SAMPLES))
                > VoiceActivityDetector.ABSOLUTE_FLOOR_DB;
        int lead = shortFromTheFirstSample ? LEAD_IN_SAMPLES : 0;
        int padded = Math.max(lead + length, MIN_INPUT_SAMPLES);
        float[] input = samples;
        if (padded != length) {
            input = new float[padded];
            System.arraycopy(samples, 0, input, lead, length);
        }
        double leadSeconds = lead / (double) SAMPLE_RATE;
        double seconds = length / (double) SAMPLE_RATE;
        Thread caller = Thread.currentThread();
        WhisperNative.AbortCallback abort = userData -> caller.isInterrupted();
        int[] previous = conditioning != null && conditioning.length > 0 ? conditioning
                : promptTokens(decoding.prompt());
        Memory prompt = null;
        Pointer state = acquire();
        try {
            WhisperNative.FullParams.ByValue params = params(padded, decoding, abort);
            if (conditioning != null && conditioning.length > 0) {
                prompt = new Memory(4L * conditioning.length);
                prompt.write(0, conditioning, 0, conditioning.length);
                params.initial_prompt = null;
                params.prompt_tokens = prompt;
                params.prompt_n_tokens = conditioning.length;
            }
            int[] passes = {0};
            if (onePass) {
                params.encoder_begin_callback = (ctx, st, userData) -> ++passes[0] == 1;
            }
            if (options.loadAwareThreads() && options.threads() > 1) {
                WhisperNative.setDecoderThreads(state, decoderThreads(contention));
            }
            int rc = lib.whisper_full_with_state(context, state, params, input, padded);
            java.lang.ref.Reference.reachabilityFence(params); // and called its callbacks
            if (caller.isInterrupted()) {
                throw new InterruptedException("whisper.cpp aborted: the transcription was interrupted");
            }
            if (rc != 0) {
                throw new RecognitionFailedException(String.format(Locale.ROOT,
                        "whisper.cpp failed to transcribe %.2f s of audio (error code %d, audio_ctx %d, model %s)",
                        seconds, rc, params.audio_ctx, modelPath.getFileName()), null);
            }
            int n = lib.whisper_full_n_segments_from_state(state);
            double heard = Double.POSITIVE_INFINITY;
            if (passes[0] > 1 && n > 0) { // it stopped where its next pass would have started
                heard = lib.whisper_full_get_segment_t1_from_state(state, n - 1) / 100.0 - leadSeconds;
            }
            List<RecognizedSegment> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // whisper.cpp timestamps are in centiseconds of the padded input
                double t0 = lib.whisper_full_get_segment_t0_from_state(state, i) / 100.0 - leadSeconds;
                double t1 = lib.whisper_full_get_segment_t1_from_state(state, i) / 100.0 - leadSeconds;
                if (t0 >= seconds || t1 <= 0) {
                    continue; // over the padding only
                }
                double start = Math.max(0, t0);
                double end = Math.max(start, Math.min(seconds, t1));
                String text = new String(WhisperNative.bytes(lib.whisper_full_get_segment_text_from_state(state, i)),
                        StandardCharsets.UTF_8);
                out.add(new RecognizedSegment(start, end, text, words(state, i, leadSeconds, start, end)));
            }
            return new Recognition(out, nextContext(state, n, previous), heard);
        } finally {
            java.lang.ref.Reference.reachabilityFence(prompt); // whisper.cpp read it during the call
            release(state);
        }
    }

    /** Yes: {@link #recognize(float[], int, Decoding, int[])} stops at its last complete segment (one pass). */
    @Override
    public boolean seeks() {
        return true;
    }

    /** The prompt's tokens, or none. */
    private int[] promptTokens(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return new int[0];
        }
        int[] tokens = new int[1024];
        int n = lib.whisper_tokenize(context, prompt, tokens, tokens.length);
        return n > 0 ? Arrays.copyOf(tokens, n) : new int[0];
    }

    /** See {@link #recognize(float[], int, Decoding, int[])}: the context to condition the next window on. */
    private int[] nextContext(Pointer state, int segments, int[] previous) {
        List<Integer> tokens = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        double logprob = 0;
        int textTokens = 0;
        for (int i = 0; i < segments; i++) {
            text.writeBytes(WhisperNative.bytes(lib.whisper_full_get_segment_text_from_state(state, i)));
            int n = lib.whisper_full_n_tokens_from_state(state, i);
            for (int j = 0; j < n; j++) {
                WhisperNative.TokenData data = lib.whisper_full_get_token_data_from_state(state, i, j);
                if (data.id < firstSpecialToken) {
                    tokens.add(data.id);
                    logprob += data.plog;
                    textTokens++;
                } else if (data.id >= firstTimestampToken) {
                    tokens.add(data.id);
                }
            }
        }
        if (textTokens == 0 || logprob / textTokens < MIN_CONTEXT_LOGPROB
                || compressionRatio(text.toByteArray()) > MAX_CONTEXT_COMPRESSION_RATIO) {
            return new int[0];
        }
        int total = previous.length + tokens.size();
        int skip = Math.max(0, total - MAX_CONTEXT_TOKENS);
        int[] out = new int[total - skip];
        int k = 0;
        for (int i = skip; i < total; i++) {
            out[k++] = i < previous.length ? previous[i] : tokens.get(i - previous.length);
        }
        return out;
    }

    /** Bytes over zlib-deflated bytes: high for repetition loops (openai-whisper's {@code compression_ratio}). */
    static double compressionRatio(byte[] text) {
        if (text.length == 0) {
            return 0;
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        try {
            deflater.setInput(text);
            deflater.finish();
            byte[] buffer = new byte[text.length + 64];
            int compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(buffer);
            }
            return text.length / (double) compressed;
        } finally {
            deflater.end();
        }
    }

    /**
     * The segment's words from its text tokens: a token whose text starts with a space starts a word (punctuation
     * stays with the word before); probability is the tokens' mean p. A word starts where DTW over the model's
     * alignment heads puts its first token ({@code t_dtw}) and ends where the next word starts (the last one with
     * the segment); without DTW, whisper.cpp's timestamp-token estimates ({@code t0}/{@code t1}) are used. Times are
     * clamped into the segment and kept in order.
     */
    private List<RecognizedWord> words(Pointer state, int segment, double leadSeconds, double start, double end) {
        List<String> texts = new ArrayList<>();
        List<double[]> times = new ArrayList<>(); // {dtw start or NaN, t0, t1, mean p}
        int n = lib.whisper_full_n_tokens_from_state(state, segment);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        double[] word = null;
        int tokens = 0;
        for (int j = 0; j <= n; j++) {
            WhisperNative.TokenData data = null;
            byte[] piece = null;
            if (j < n) {
                data = lib.whisper_full_get_token_data_from_state(state, segment, j);
                if (data.id >= firstSpecialToken) {
                    continue; // timestamps, end of text and the other control tokens
                }
                piece = WhisperNative.bytes(lib.whisper_full_get_token_text_from_state(context, state, segment, j));
            }
            if (word != null && (piece == null || (piece.length > 0 && piece[0] == ' '))) {
                String w = text.toString(StandardCharsets.UTF_8).strip();
                if (!w.isEmpty()) {
                    word[3] /= tokens;
                    texts.add(w);
                    times.add(word);
                }
                text.reset();
                word = null;
            }
            if (piece == null) {
                break;
            }
            if (word == null) {
                word = new double[] {data.t_dtw >= 0 ? data.t_dtw / 100.0 - leadSeconds : Double.NaN,
                        data.t0 / 100.0 - leadSeconds, 0, 0};
                tokens = 0;
            }
            word[2] = data.t1 / 100.0 - leadSeconds;
            word[3] += data.p;
            tokens++;
            text.writeBytes(piece);
        }
        boolean dtw = times.stream().noneMatch(t -> Double.isNaN(t[0]));
        List<RecognizedWord> words = new ArrayList<>(texts.size());
        double floor = start;
        for (int i = 0; i < texts.size(); i++) {
            double[] t = times.get(i);
            double s = dtw ? t[0] : t[1];
            double e = !dtw ? t[2] : i + 1 < texts.size() ? times.get(i + 1)[0] : end;
            s = Math.min(end, Math.max(floor, s));
            e = Math.min(end, Math.max(s, e));
            words.add(new RecognizedWord(s, e, texts.get(i), t[3]));
            floor = s;
        }
        return words;
    }

    /**
     * whisper.cpp's language-id ({@code whisper_lang_auto_detect}) over the first 30 s of the samples: the encoder
     * runs once and the decoder scores every language token after start-of-transcript.
     *
     * @return empty on an English-only model
     * @throws RecognitionFailedException if whisper.cpp fails on this input
     */
    @Override
    public Optional<LanguageDetection> detectLanguage(float[] samples, int length) throws InterruptedException {
        if (languages.size() < 2) {
            return Optional.empty();
        }
        int padded = Math.max(length, MIN_INPUT_SAMPLES);
        float[] input = samples;
        if (padded != length || samples.length != length) {
            input = new float[padded];
            System.arraycopy(samples, 0, input, 0, length);
        }
        float[] probabilities = new float[lib.whisper_lang_max_id() + 1];
        Pointer state = acquire();
        try {
            resetAudioContext(state);
            int rc = lib.whisper_pcm_to_mel_with_state(context, state, input, padded, options.threads());
            int id = rc != 0 ? rc
                    : lib.whisper_lang_auto_detect_with_state(context, state, 0, options.threads(), probabilities);
            if (id < 0) {
                throw new RecognitionFailedException(String.format(Locale.ROOT,
                        "whisper.cpp failed to detect the language of %.2f s of audio (error code %d, model %s)",
                        length / (double) SAMPLE_RATE, id, modelPath.getFileName()), null);
            }
            return Optional.of(new LanguageDetection(lib.whisper_lang_str(id), probabilities[id]));
        } finally {
            release(state);
        }
    }

    /**
     * Makes the state encode the model's full 30 s context again. whisper.cpp's language-id encodes with the
     * {@code audio_ctx} of the state's last {@code whisper_full}, and a shortened one (adaptive audio context)
     * misleads it (espeak German heard as Latin). There is no setter: a {@code whisper_full} with
     * {@code audio_ctx = 0} over exactly 1 s stores the full context and stops before encoding anything (it never
     * decodes within 1 s of the end), so this costs one mel spectrogram of 1 s of silence.
     */
    private void resetAudioContext(Pointer state) {
        WhisperNative.FullParams.ByValue p = WhisperNative.defaultFullParams(lib, WhisperNative.SAMPLING_GREEDY);
        p.n_threads = 1;
        p.language = "en"; // anything but "auto": no language-id here
        p.duration_ms = 1000;
        p.audio_ctx = 0;
        p.print_progress = 0;
        p.print_timestamps = 0;
        int rc = lib.whisper_full_with_state(context, state, p, new float[SAMPLE_RATE], SAMPLE_RATE);
        if (rc != 0) {
            throw new RecognitionFailedException("whisper.cpp failed to prepare language detection (error code "
                    + rc + ", model " + modelPath.getFileName() + ")", null);
        }
    }

    private WhisperNative.FullParams.ByValue params(int length, Decoding decoding,
                                                    WhisperNative.AbortCallback abort) {
        boolean beam = options.strategy() == WhisperOptions.Strategy.BEAM_SEARCH;
        WhisperNative.FullParams.ByValue p = WhisperNative.defaultFullParams(lib,
                beam ? WhisperNative.SAMPLING_BEAM_SEARCH : WhisperNative.SAMPLING_GREEDY);
        p.n_threads = options.threads();
        p.language = languages.size() < 2 ? "en" // English-only: its one language
                : decoding.language() != null ? decoding.language() : options.language();
        p.detect_language = 0;
        p.translate = WhisperNative.flag(decoding.translate());
        p.initial_prompt = decoding.prompt();
        p.print_progress = 0;
        p.print_timestamps = 0;
        p.print_realtime = 0;
        p.print_special = 0;
        p.no_context = 1; // whisper.cpp keeps no text of its own between calls: the caller passes the context
        p.single_segment = 0;
        p.token_timestamps = WhisperNative.flag(!dtw); // without DTW, word times from the timestamp tokens
        p.suppress_blank = 1;
        p.suppress_non_speech_tokens = 1;
        p.temperature = 0f;
        p.temperature_inc = 0.2f;
        p.entropy_thold = 2.4f;
        p.logprob_thold = -1f;
        p.no_speech_thold = 0.6f;
        p.greedy.best_of = options.beamSize();
        p.beam_search.beam_size = options.beamSize();
        p.beam_search.patience = -1f;
        p.abort_callback = abort;
        if (options.adaptiveAudioContext()) {
            p.audio_ctx = audioContext(length, modelAudioContext);
        }
        return p;
    }

    /** For tests: where {@link #decoderThreads} learns what other processes take. */
    void contention(CpuContention source) {
        this.contention = source;
    }

    /**
     * The decoder threads for the next window: 1 while {@code contention} says the cores this model's contexts
     * assume ({@code threads} per context in use) are not free, else 0 (= {@code threads}, as the encoder).
     */
    int decoderThreads(CpuContention contention) {
        int inUse = Math.max(1, states.size() - idle.size()); // holding a state, not waiting for one
        return contention.contended(options.threads() * inUse) ? 1 : 0;
    }

    /**
     * The encoder frames (whisper.cpp {@code audio_ctx}) to spend on {@code samples} of audio: 50 per second plus
     * headroom, rounded up to a multiple of 64 (at least 384), and never more than the model's
     * {@code modelAudioContext} (whisper.cpp refuses a larger one with error -5).
     */
    static int audioContext(int samples, int modelAudioContext) {
        int frames = (int) Math.ceil(samples / (double) SAMPLES_PER_AUDIO_FRAME) + 128;
        return Math.min(modelAudioContext, Math.max(384, (frames + 63) / 64 * 64));
    }

    private Pointer acquire() throws InterruptedException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Whisper model " + modelPath + " is closed");
            }
            busy++;
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            synchronized (this) {
                busy--;
                freeIfDone();
            }
            throw e;
        }
    }

    private void release(Pointer state) {
        idle.add(state);
        synchronized (this) {
            busy--;
            freeIfDone();
        }
    }

    /** Frees the contexts now, or as soon as running transcriptions return theirs. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            freeIfDone();
        }
    }

    private void freeIfDone() {
        if (closed && busy == 0 && !freed) {
            freed = true;
            synchronized (NATIVE_LOCK) {
                states.forEach(lib::whisper_free_state);
                lib.whisper_free(context);
            }
        }
    }

    /** Checks the file is a readable legacy ggml model; returns its {@code n_audio_ctx} from the header. */
    private static int checkFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(path, "Whisper model file not found: " + path
                    + " (set WHISPER_MODEL or run scripts/models)", null);
        }
        if (!Files.isReadable(path)) {
            throw new ModelLoadException(path, "Whisper model file is not readable: " + path, null);
        }
        byte[] header = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new ModelLoadException(path, "Whisper model file cannot be read: " + path, e);
        }
        if (read < 4) {
            throw new ModelLoadException(path, "Whisper model file is empty or truncated: " + path, null);
        }
        if (header[0] == 'G' && header[1] == 'G' && header[2] == 'U' && header[3] == 'F') {
            throw new ModelLoadException(path, "Whisper model " + path + " is GGUF; whisper.cpp 1.7.1 loads only"
                    + " legacy ggml .bin models (e.g. ggml-tiny.en.bin)", null);
        }
        return headerAudioContext(header, read);
    }

    /**
     * {@code n_audio_ctx} from a legacy ggml header (magic "lmgg", then little-endian int32 n_vocab, n_audio_ctx),
     * or {@link #DEFAULT_AUDIO_CONTEXT} when the header is not one (whisper.cpp then rejects the file anyway).
     */
    static int headerAudioContext(byte[] header, int length) {
        if (length < 12 || header[0] != 'l' || header[1] != 'm' || header[2] != 'g' || header[3] != 'g') {
            return DEFAULT_AUDIO_CONTEXT;
        }
        int value = ByteBuffer.wrap(header, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return value > 0 ? value : DEFAULT_AUDIO_CONTEXT;
    }

    /**
     * whisper.cpp's alignment-heads preset for DTW token timestamps, from the legacy ggml header (after the magic,
     * little-endian int32 n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx,
     * n_text_state, n_text_head, n_text_layer): English-only models have 51864 tokens, and tiny/base/small/medium
     * have 4/6/12/24 text layers. {@link WhisperNative#AHEADS_NONE} for other models (large: v1-v3 share a shape).
     */
    static int alignmentHeads(Path path) {
        byte[] header = new byte[40];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            return WhisperNative.AHEADS_NONE;
        }
        if (read < header.length || header[0] != 'l' || header[1] != 'm' || header[2] != 'g' || header[3] != 'g') {
            return WhisperNative.AHEADS_NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        boolean english = b.getInt(4) == 51864;
        return switch (b.getInt(36)) {
            case 4 -> english ? WhisperNative.AHEADS_TINY_EN : WhisperNative.AHEADS_TINY;
            case 6 -> english ? WhisperNative.AHEADS_BASE_EN : WhisperNative.AHEADS_BASE;
            case 12 -> english ? WhisperNative.AHEADS_SMALL_EN : WhisperNative.AHEADS_SMALL;
            case 24 -> english ? WhisperNative.AHEADS_MEDIUM_EN : WhisperNative.AHEADS_MEDIUM;
            default -> WhisperNative.AHEADS_NONE;
        };
    }

    private static WhisperNative.Api loadLibrary(Path path) {
        try {
            return WhisperNative.api();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ModelLoadException(path, "Could not load whisper.cpp's native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
    }
}
