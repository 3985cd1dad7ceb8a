package io.mediajobs.speech;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import io.github.givimad.whisperjni.WhisperJNI;

/**
 * A JNA binding over the whisper.cpp 1.7.1 C API ({@code include/whisper.h} at tag v1.7.1), in the
 * {@code libwhisper.so.1} that whisper-jni 1.7.1 ships and extracts, or the same version built by
 * {@code scripts/whisper-native} ({@link #LIBRARY_ENV}): whisper-jni's Java API exposes segments only, while the
 * library exports token data, token timestamps, language-id and the progress/abort callbacks.
 *
 * <p>Structures mirror the header field by field (C {@code bool} is a {@code byte}, {@code size_t} is
 * {@link SizeT}); {@code WhisperNativeTest} checks their sizes and the library's defaults against the header.
 */
final class WhisperNative {

    /** whisper.h {@code enum whisper_sampling_strategy}. */
    static final int SAMPLING_GREEDY = 0;
    static final int SAMPLING_BEAM_SEARCH = 1;

    /** whisper.h {@code enum whisper_alignment_heads_preset} (for DTW token timestamps). */
    static final int AHEADS_NONE = 0;
    static final int AHEADS_TINY_EN = 3;
    static final int AHEADS_TINY = 4;
    static final int AHEADS_BASE_EN = 5;
    static final int AHEADS_BASE = 6;
    static final int AHEADS_SMALL_EN = 7;
    static final int AHEADS_SMALL = 8;
    static final int AHEADS_MEDIUM_EN = 9;
    static final int AHEADS_MEDIUM = 10;

    private static volatile Api api;
    private static volatile String library;
    /** {@value #DECODER_THREADS}, where the library has it (scripts/whisper-native's build); else null. */
    private static volatile com.sun.jna.Function decoderThreads;

    private WhisperNative() {
    }

    /** C {@code size_t}. */
    public static final class SizeT extends IntegerType {
        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** {@code whisper_progress_callback}: progress in percent of the input. */
    interface ProgressCallback extends Callback {
        void invoke(Pointer ctx, Pointer state, int progress, Pointer userData);
    }

    /**
     * {@code whisper_encoder_begin_callback}: called before each 30 s pass's encoder run; false ends
     * {@code whisper_full} there, successfully, with the segments of the passes before.
     */
    interface EncoderBeginCallback extends Callback {
        boolean invoke(Pointer ctx, Pointer state, Pointer userData);
    }

    /** {@code ggml_abort_callback}: true stops whisper_full after the current encode or decode step. */
    interface AbortCallback extends Callback {
        boolean invoke(Pointer userData);
    }

    /** whisper.h {@code struct whisper_aheads}. */
    @Structure.FieldOrder({"n_heads", "heads"})
    public static class Aheads extends Structure {
        public SizeT n_heads = new SizeT();
        public Pointer heads;
    }

    /** whisper.h {@code struct whisper_context_params} (48 bytes on LP64). */
    @Structure.FieldOrder({"use_gpu", "flash_attn", "gpu_device", "dtw_token_timestamps", "dtw_aheads_preset",
            "dtw_n_top", "dtw_aheads", "dtw_mem_size"})
    public static class ContextParams extends Structure {
        /** The field's byte offset, as laid out for the native side. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        public byte use_gpu;
        public byte flash_attn;
        public int gpu_device;
        public byte dtw_token_timestamps;
        public int dtw_aheads_preset;
        public int dtw_n_top;
        public Aheads dtw_aheads = new Aheads();
        public SizeT dtw_mem_size = new SizeT();

        public static class ByValue extends ContextParams implements Structure.ByValue {
        }
    }

    /** whisper.h {@code whisper_token_data} (56 bytes): times in centiseconds of the input. */
    @Structure.FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "t_dtw", "vlen"})
    public static class TokenData extends Structure {
        /** The field's byte offset, as laid out for the native side. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        public int id;
        public int tid;
        public float p;
        public float plog;
        public float pt;
        public float ptsum;
        public long t0;
        public long t1;
        public long t_dtw;
        public float vlen;

        public static class ByValue extends TokenData implements Structure.ByValue {
        }
    }

    /** The anonymous {@code greedy} struct of whisper_full_params. */
    @Structure.FieldOrder({"best_of"})
    public static class Greedy extends Structure {
        public int best_of;
    }

    /** The anonymous {@code beam_search} struct of whisper_full_params. */
    @Structure.FieldOrder({"beam_size", "patience"})
    public static class BeamSearch extends Structure {
        public int beam_size;
        public float patience;
    }

    /** whisper.h {@code struct whisper_full_params} of v1.7.1 (264 bytes on LP64; no VAD fields yet). */
    @Structure.FieldOrder({"strategy", "n_threads", "n_max_text_ctx", "offset_ms", "duration_ms", "translate",
            "no_context", "no_timestamps", "single_segment", "print_special", "print_progress", "print_realtime",
            "print_timestamps", "token_timestamps", "thold_pt", "thold_ptsum", "max_len", "split_on_word",
            "max_tokens", "debug_mode", "audio_ctx", "tdrz_enable", "suppress_regex", "initial_prompt",
            "prompt_tokens", "prompt_n_tokens", "language", "detect_language", "suppress_blank",
            "suppress_non_speech_tokens", "temperature", "max_initial_ts", "length_penalty", "temperature_inc",
            "entropy_thold", "logprob_thold", "no_speech_thold", "greedy", "beam_search", "new_segment_callback",
            "new_segment_callback_user_data", "progress_callback", "progress_callback_user_data",
            "encoder_begin_callback", "encoder_begin_callback_user_data", "abort_callback",
            "abort_callback_user_data", "logits_filter_callback", "logits_filter_callback_user_data",
            "grammar_rules", "n_grammar_rules", "i_start_rule", "grammar_penalty"})
    public static class FullParams extends Structure {
        /** The field's byte offset, as laid out for the native side. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        public int strategy;
        public int n_threads;
        public int n_max_text_ctx;
        public int offset_ms;
        public int duration_ms;
        public byte translate;
        public byte no_context;
        public byte no_timestamps;
        public byte single_segment;
        public byte print_special;
        public byte print_progress;
        public byte print_realtime;
        public byte print_timestamps;
        public byte token_timestamps;
        public float thold_pt;
        public float thold_ptsum;
        public int max_len;
        public byte split_on_word;
        public int max_tokens;
        public byte debug_mode;
        public int audio_ctx;
        public byte tdrz_enable;
        public String suppress_regex;
        public String initial_prompt;
        public Pointer prompt_tokens;
        public int prompt_n_tokens;
        public String language;
        public byte detect_language;
        public byte suppress_blank;
        public byte suppress_non_speech_tokens;
        public float temperature;
        public float max_initial_ts;
        public float length_penalty;
        public float temperature_inc;
        public float entropy_thold;
        public float logprob_thold;
        public float no_speech_thold;
        public Greedy greedy = new Greedy();
        public BeamSearch beam_search = new BeamSearch();
        public Pointer new_segment_callback;
        public Pointer new_segment_callback_user_data;
        public ProgressCallback progress_callback;
        public Pointer progress_callback_user_data;
        public EncoderBeginCallback encoder_begin_callback;
        public Pointer encoder_begin_callback_user_data;
        public AbortCallback abort_callback;
        public Pointer abort_callback_user_data;
        public Pointer logits_filter_callback;
        public Pointer logits_filter_callback_user_data;
        public Pointer grammar_rules;
        public SizeT n_grammar_rules = new SizeT();
        public SizeT i_start_rule = new SizeT();
        public float grammar_penalty;

        public FullParams() {
            setStringEncoding(StandardCharsets.UTF_8.name()); // prompts and languages: whisper.cpp reads UTF-8
        }

        public static class ByValue extends FullParams implements Structure.ByValue {
        }
    }

    /** The functions of whisper.h this project calls (the {@code _with_state} variants: one state per call). */
    interface Api extends Library {
        Pointer whisper_context_default_params_by_ref();

        void whisper_free_context_params(Pointer params);

        Pointer whisper_full_default_params_by_ref(int strategy);

        void whisper_free_params(Pointer params);

        Pointer whisper_init_from_file_with_params_no_state(String pathModel, ContextParams.ByValue params);

        Pointer whisper_init_state(Pointer ctx);

        void whisper_free_state(Pointer state);

        void whisper_free(Pointer ctx);

        int whisper_is_multilingual(Pointer ctx);

        int whisper_n_audio_ctx(Pointer ctx);

        int whisper_lang_max_id();

        /** Where whisper.cpp's own messages go (default: stderr). */
        void whisper_log_set(LogCallback callback, Pointer userData);

        /** Where ggml's messages go (default: stderr); found through libwhisper's dependency on libggml. */
        void ggml_log_set(LogCallback callback, Pointer userData);

        int whisper_lang_id(String lang);

        String whisper_lang_str(int id);

        int whisper_token_eot(Pointer ctx);

        /** The first timestamp token ({@code <|0.00|>}); every later id is a timestamp too. */
        int whisper_token_beg(Pointer ctx);

        int whisper_tokenize(Pointer ctx, String text, int[] tokens, int maxTokens);

        int whisper_pcm_to_mel_with_state(Pointer ctx, Pointer state, float[] samples, int nSamples, int nThreads);

        int whisper_lang_auto_detect_with_state(Pointer ctx, Pointer state, int offsetMs, int nThreads,
                float[] langProbs);

        int whisper_full_with_state(Pointer ctx, Pointer state, FullParams.ByValue params, float[] samples,
                int nSamples);

        int whisper_full_n_segments_from_state(Pointer state);

        int whisper_full_lang_id_from_state(Pointer state);

        long whisper_full_get_segment_t0_from_state(Pointer state, int segment);

        long whisper_full_get_segment_t1_from_state(Pointer state, int segment);

        Pointer whisper_full_get_segment_text_from_state(Pointer state, int segment);

        int whisper_full_n_tokens_from_state(Pointer state, int segment);

        Pointer whisper_full_get_token_text_from_state(Pointer ctx, Pointer state, int segment, int token);

        TokenData.ByValue whisper_full_get_token_data_from_state(Pointer state, int segment, int token);
    }

    /**
     * Names a whisper.cpp v1.7.1 shared library to use instead of whisper-jni's: system property
     * {@value #LIBRARY_PROPERTY}, else environment variable {@value #LIBRARY_ENV}. {@code scripts/whisper-native}
     * builds one from the same v1.7.1 sources for this machine's CPU with ggml's tiled matrix kernels
     * ({@code GGML_LLAMAFILE}), which whisper-jni's portable build leaves out; docs/benchmarks.md has what it gains.
     * The struct layouts in this class are v1.7.1's, so any other version is refused by the build script, not here.
     */
    public static final String LIBRARY_PROPERTY = "mediajobs.whisper.library";
    /** Environment variable form of {@link #LIBRARY_PROPERTY}. */
    public static final String LIBRARY_ENV = "WHISPER_LIBRARY";
    /** {@link #LIBRARY_PROPERTY} / {@link #LIBRARY_ENV} value that asks for whisper-jni's own build explicitly. */
    public static final String BUNDLED = "bundled";

    /**
     * The library, loaded once per JVM. By default whisper-jni extracts its natives ({@code libggml.so},
     * {@code libwhisper.so.1}, its JNI glue) and loads them; JNA then opens that same extracted
     * {@code libwhisper.so.1}, so there is one whisper.cpp in the process (the dynamic linker hands back the
     * already-mapped object). With {@link #LIBRARY_PROPERTY} / {@link #LIBRARY_ENV} set, JNA opens that file
     * instead and whisper-jni's natives are never loaded.
     *
     * @throws IOException          if whisper-jni cannot extract its natives, or the configured library is not a
     *                              readable file
     * @throws UnsatisfiedLinkError if there are none for this platform, or the configured one does not load
     */
    static Api api() throws IOException {
        Api loaded = api;
        if (loaded != null) {
            return loaded;
        }
        synchronized (WhisperNative.class) {
            if (api == null) {
                limitOpenMpSpinning();
                Path configured = configuredLibrary();
                String path;
                if (configured != null) {
                    if (!Files.isRegularFile(configured)) {
                        throw new IOException("whisper.cpp library " + configured + " (" + LIBRARY_ENV + " / "
                                + LIBRARY_PROPERTY + ") is not a file");
                    }
                    path = configured.toAbsolutePath().toString();
                } else {
                    WhisperJNI.loadLibrary();
                    path = libraryPath();
                }
                // UTF-8 whatever the JVM's locale: model paths and prompt text go to whisper.cpp as C strings
                Api loadedApi = Native.load(path, Api.class,
                        Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));
                requireVersion171(path);
                WhisperLog.install(loadedApi);
                decoderThreads = optionalFunction(path, DECODER_THREADS);
                library = path;
                api = loadedApi; // published last: a reader of api sees the library and the log routing set
            }
            return api;
        }
    }

    /** libgomp's spin rounds at a barrier before a thread sleeps, unless the environment sets its own policy. */
    static final String OPENMP_SPIN_COUNT = "3000";

    /** {@code ggml_log_callback}: {@code level} is {@code enum ggml_log_level}, {@code text} a C string piece. */
    interface LogCallback extends Callback {
        void invoke(int level, Pointer text, Pointer userData);
    }

    /** The C library's {@code setenv}: libgomp reads its settings from the process environment when it loads. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Sets {@code GOMP_SPINCOUNT} to {@value #OPENMP_SPIN_COUNT} before whisper.cpp (and with it libgomp) loads, unless
     * {@code GOMP_SPINCOUNT} or {@code OMP_WAIT_POLICY} is already set. ggml's threads meet at an OpenMP barrier
     * after every operation, hundreds of times per decoded token, and libgomp spins 300,000 rounds before sleeping:
     * with 2 threads on 2 cores and one other busy process, a 60 s clip took 363 s instead of 6 s; with 3,000 rounds
     * it took 19 s, at the same speed on an idle machine (docs/benchmarks.md). {@code OMP_WAIT_POLICY=passive}
     * (sleep at once) was 1.7x slower on an idle machine.
     */
    static void limitOpenMpSpinning() {
        if (System.getenv("GOMP_SPINCOUNT") != null || System.getenv("OMP_WAIT_POLICY") != null) {
            return;
        }
        try {
            Native.load("c", LibC.class).setenv("GOMP_SPINCOUNT", OPENMP_SPIN_COUNT, 0);
        } catch (UnsatisfiedLinkError e) {
            // no C library by that name (not Linux/macOS): libgomp keeps its default
        }
    }

    /**
     * {@code void whisper_mediajobs_set_decoder_threads(struct whisper_state *, int n_threads)}: added by
     * scripts/whisper-native's build; the state's decoder then runs {@code n_threads} threads (0 = the call's
     * {@code n_threads}, as upstream) while its encoder keeps the call's.
     */
    static final String DECODER_THREADS = "whisper_mediajobs_set_decoder_threads";

    /** Whether the loaded library can run its decoder on fewer threads than its encoder ({@link #DECODER_THREADS}). */
    static boolean hasDecoderThreads() {
        return decoderThreads != null;
    }

    /**
     * Sets {@code state}'s decoder threads ({@link #DECODER_THREADS}); 0 = the same as the encoder's.
     *
     * @return false, doing nothing, where the library does not have the function
     */
    static boolean setDecoderThreads(Pointer state, int threads) {
        com.sun.jna.Function f = decoderThreads;
        if (f == null) {
            return false;
        }
        f.invokeVoid(new Object[] {state, threads});
        return true;
    }

    /** The library's exported function {@code name}, or null where it has none. */
    private static com.sun.jna.Function optionalFunction(String path, String name) {
        try {
            return com.sun.jna.NativeLibrary.getInstance(path,
                    Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name())).getFunction(name);
        } catch (UnsatisfiedLinkError absent) {
            return null;
        }
    }

    /** Functions whisper.cpp added after 1.7.1, whose versions changed the structs this class mirrors. */
    static final java.util.List<String> AFTER_171 = java.util.List.of("whisper_version", "whisper_vad_default_params",
            "whisper_full_get_segment_no_speech_prob");

    /**
     * Refuses a library newer than v1.7.1 (one that exports {@link #AFTER_171}): its {@code whisper_full_params}
     * is laid out differently, so calling it with these structs would corrupt memory rather than fail.
     *
     * @throws UnsatisfiedLinkError naming the library and the symbol that gave it away
     */
    static void requireVersion171(String path) {
        com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(path);
        for (String symbol : AFTER_171) {
            try {
                lib.getFunction(symbol);
            } catch (UnsatisfiedLinkError absent) {
                continue; // as in 1.7.1
            }
            throw new UnsatisfiedLinkError("whisper.cpp library " + path + " is newer than 1.7.1 (it has " + symbol
                    + "); this binding needs 1.7.1 (scripts/whisper-native builds it)");
        }
    }

    /**
     * The configured library ({@link #LIBRARY_PROPERTY}, else {@link #LIBRARY_ENV}), or null for whisper-jni's
     * (unset, blank or {@value #BUNDLED}).
     */
    static Path configuredLibrary() {
        String value = System.getProperty(LIBRARY_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(LIBRARY_ENV);
        }
        return value == null || value.isBlank() || BUNDLED.equals(value.strip()) ? null : Path.of(value.strip());
    }

    /** The file the loaded library came from (whisper-jni's extracted copy or the configured one); null before. */
    static String loadedLibrary() {
        return library;
    }

    /**
     * Where whisper-jni put {@code libwhisper}: its {@code LibraryUtils.libraryDir} (a temp dir, or the
     * {@code io.github.givimad.whisperjni.libdir} property); else the soname, which the linker resolves to the
     * object already loaded as the JNI glue's dependency.
     */
    private static String libraryPath() {
        String file = System.getProperty("os.name").toLowerCase().contains("mac") ? "libwhisper.1.dylib"
                : "libwhisper.so.1";
        try {
            Class<?> utils = Class.forName("io.github.givimad.whisperjni.internal.LibraryUtils");
            Field dir = utils.getDeclaredField("libraryDir");
            dir.setAccessible(true);
            Path path = dir.get(null) instanceof Path p ? p.resolve(file) : null;
            if (path != null && Files.isRegularFile(path)) {
                return path.toAbsolutePath().toString();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a different whisper-jni layout: fall back to the soname
        }
        return file;
    }

    /** A NUL-terminated C string as raw bytes: token texts can end inside a UTF-8 sequence. */
    static byte[] bytes(Pointer cString) {
        if (cString == null) {
            return new byte[0];
        }
        return cString.getString(0, StandardCharsets.ISO_8859_1.name()).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte flag(boolean value) {
        return (byte) (value ? 1 : 0);
    }

    /** whisper.cpp's defaults for a strategy, copied out of the library's by-ref params (which are then freed). */
    static FullParams.ByValue defaultFullParams(Api lib, int strategy) {
        Pointer ref = lib.whisper_full_default_params_by_ref(strategy);
        try {
            return copyOf(ref, new FullParams.ByValue());
        } finally {
            lib.whisper_free_params(ref);
        }
    }

    /** whisper.cpp's default context params, copied out like {@link #defaultFullParams}. */
    static ContextParams.ByValue defaultContextParams(Api lib) {
        Pointer ref = lib.whisper_context_default_params_by_ref();
        try {
            return copyOf(ref, new ContextParams.ByValue());
        } finally {
            lib.whisper_free_context_params(ref);
        }
    }

    /** {@code into}, filled with the struct at {@code ref} (the library's memory, freed by the caller). */
    private static <T extends Structure> T copyOf(Pointer ref, T into) {
        int size = into.size();
        into.getPointer().write(0, ref.getByteArray(0, size), 0, size);
        into.read();
        return into;
    }
}
