package io.mediajobs.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;

/**
 * A whisper.cpp model (legacy ggml {@code .bin}, not GGUF) loaded once through whisper-jni 1.7.1, with a pool of
 * per-call states so several activities can share the weights. Create one per worker process; thread-safe.
 *
 * <p>whisper-jni 1.7.1 keeps its handles in unsynchronised native maps, so every call that creates or frees a
 * context or state is serialised on one JVM-wide lock, and all states are created up front.
 */
public final class WhisperModel implements SpeechRecognizer {

    private static final Object NATIVE_LOCK = new Object();
    private static volatile boolean libraryLoaded;

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

    private final Path modelPath;
    private final WhisperOptions options;
    private final WhisperJNI jni;
    private final WhisperContext context;
    /** The model's encoder frames (whisper.cpp {@code n_audio_ctx}): the largest {@code audio_ctx} it accepts. */
    private final int modelAudioContext;
    private final List<WhisperState> states = new ArrayList<>();
    private final BlockingQueue<WhisperState> idle;
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
        loadLibrary(this.modelPath);
        this.jni = new WhisperJNI();
        this.idle = new ArrayBlockingQueue<>(options.poolSize());
        synchronized (NATIVE_LOCK) {
            WhisperContext ctx;
            try {
                ctx = jni.initNoState(this.modelPath);
            } catch (IOException | RuntimeException e) {
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
                WhisperState state = jni.initState(ctx);
                if (state == null) {
                    states.forEach(jni::free);
                    jni.free(ctx);
                    throw new ModelLoadException(this.modelPath, "Could not allocate a whisper.cpp state for "
                            + this.modelPath + " (out of memory?)", null);
                }
                states.add(state);
                idle.add(state);
            }
        }
    }

    public Path modelPath() {
        return modelPath;
    }

    public WhisperOptions options() {
        return options;
    }

    /**
     * Transcribes one window. The samples are padded with silence where whisper.cpp needs it (see
     * {@link #LEAD_IN_SAMPLES}, {@link #MIN_INPUT_SAMPLES}); the returned times are seconds from the start of
     * {@code samples}, within [0, length], and segments that lie wholly in the padding are left out.
     *
     * @throws RecognitionFailedException if whisper.cpp returns an error code: the same input fails the same way
     */
    @Override
    public List<RecognizedSegment> recognize(float[] samples, int length) throws InterruptedException {
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
        WhisperState state = acquire();
        try {
            WhisperFullParams params = params(padded);
            int rc = jni.fullWithState(context, state, params, input, padded);
            if (rc != 0) {
                throw new RecognitionFailedException(String.format(java.util.Locale.ROOT,
                        "whisper.cpp failed to transcribe %.2f s of audio (error code %d, audio_ctx %d, model %s)",
                        seconds, rc, params.audioCtx, modelPath.getFileName()), null);
            }
            int n = jni.fullNSegmentsFromState(state);
            List<RecognizedSegment> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // whisper.cpp timestamps are in centiseconds of the padded input
                double t0 = jni.fullGetSegmentTimestamp0FromState(state, i) / 100.0 - leadSeconds;
                double t1 = jni.fullGetSegmentTimestamp1FromState(state, i) / 100.0 - leadSeconds;
                if (t0 >= seconds || t1 <= 0) {
                    continue; // over the padding only
                }
                double start = Math.max(0, t0);
                out.add(new RecognizedSegment(start, Math.max(start, Math.min(seconds, t1)),
                        jni.fullGetSegmentTextFromState(state, i)));
            }
            return out;
        } finally {
            release(state);
        }
    }

    private WhisperFullParams params(int length) {
        boolean beam = options.strategy() == WhisperOptions.Strategy.BEAM_SEARCH;
        WhisperFullParams p = new WhisperFullParams(beam ? WhisperSamplingStrategy.BEAN_SEARCH
                : WhisperSamplingStrategy.GREEDY);
        p.nThreads = options.threads();
        p.language = options.language();
        p.detectLanguage = false;
        p.translate = false;
        p.printProgress = false;
        p.printTimestamps = false;
        p.printRealtime = false;
        p.printSpecial = false;
        p.noContext = true; // windows are independent: a bad window cannot poison the next one
        p.singleSegment = false;
        p.suppressBlank = true;
        p.suppressNonSpeechTokens = true;
        p.temperature = 0f;
        p.temperatureInc = 0.2f;
        p.entropyThold = 2.4f;
        p.logprobThold = -1f;
        p.noSpeechThold = 0.6f;
        p.greedyBestOf = options.beamSize();
        p.beamSearchBeamSize = options.beamSize();
        p.beamSearchPatience = -1f;
        if (options.adaptiveAudioContext()) {
            p.audioCtx = audioContext(length, modelAudioContext);
        }
        return p;
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

    private WhisperState acquire() throws InterruptedException {
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

    private void release(WhisperState state) {
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
                states.forEach(jni::free);
                jni.free(context);
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
            throw new ModelLoadException(path, "Whisper model " + path + " is GGUF; whisper-jni 1.7.1 loads only"
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
        int value = java.nio.ByteBuffer.wrap(header, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return value > 0 ? value : DEFAULT_AUDIO_CONTEXT;
    }

    private static void loadLibrary(Path path) {
        if (libraryLoaded) {
            return;
        }
        synchronized (NATIVE_LOCK) {
            if (libraryLoaded) {
                return;
            }
            try {
                WhisperJNI.loadLibrary();
            } catch (IOException | UnsatisfiedLinkError e) {
                throw new ModelLoadException(path, "Could not load whisper-jni's native library for "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(),
                        e);
            }
            libraryLoaded = true;
        }
    }
}
