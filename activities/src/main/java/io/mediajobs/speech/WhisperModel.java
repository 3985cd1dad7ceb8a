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

    private final Path modelPath;
    private final WhisperOptions options;
    private final WhisperJNI jni;
    private final WhisperContext context;
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
        checkFile(this.modelPath);
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

    @Override
    public List<RecognizedSegment> recognize(float[] samples, int length) throws InterruptedException {
        WhisperState state = acquire();
        try {
            WhisperFullParams params = params(length);
            int rc = jni.fullWithState(context, state, params, samples, length);
            if (rc != 0) {
                throw new IllegalStateException("whisper.cpp failed to transcribe a window (code " + rc + ")");
            }
            int n = jni.fullNSegmentsFromState(state);
            List<RecognizedSegment> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // whisper.cpp timestamps are in centiseconds
                double t0 = jni.fullGetSegmentTimestamp0FromState(state, i) / 100.0;
                double t1 = jni.fullGetSegmentTimestamp1FromState(state, i) / 100.0;
                out.add(new RecognizedSegment(t0, t1, jni.fullGetSegmentTextFromState(state, i)));
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
            // 50 encoder frames per second of audio, plus headroom; 1500 is the full 30 s
            int frames = (int) Math.ceil(length / (double) SAMPLE_RATE * 50) + 128;
            p.audioCtx = frames >= 1500 ? 0 : Math.max(384, (frames + 63) / 64 * 64);
        }
        return p;
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

    private static void checkFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(path, "Whisper model file not found: " + path
                    + " (set WHISPER_MODEL or run scripts/models)", null);
        }
        if (!Files.isReadable(path)) {
            throw new ModelLoadException(path, "Whisper model file is not readable: " + path, null);
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(path)) {
            if (in.readNBytes(magic, 0, 4) < 4) {
                throw new ModelLoadException(path, "Whisper model file is empty or truncated: " + path, null);
            }
        } catch (IOException e) {
            throw new ModelLoadException(path, "Whisper model file cannot be read: " + path, e);
        }
        if (magic[0] == 'G' && magic[1] == 'G' && magic[2] == 'U' && magic[3] == 'F') {
            throw new ModelLoadException(path, "Whisper model " + path + " is GGUF; whisper-jni 1.7.1 loads only"
                    + " legacy ggml .bin models (e.g. ggml-tiny.en.bin)", null);
        }
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
