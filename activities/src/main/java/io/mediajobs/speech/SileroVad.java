package io.mediajobs.speech;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Silero VAD v5 (MIT; {@code silero_vad.onnx} from PyPI's {@code silero-vad}) through ONNX Runtime: the speech
 * probability of every 32 ms of 16 kHz audio, and the speech spans that silero-vad's {@code get_speech_timestamps}
 * derives from them.
 *
 * <p>The model is streaming: each call takes 512 new samples preceded by the previous call's last 64 (zeros at the
 * start), a recurrent state {@code [2, 1, 128]} and the sample rate, and returns a probability and the next state
 * (silero-vad's {@code OnnxWrapper}). The input names are read from the session. ONNX Runtime runs with one intra-op
 * and one inter-op thread and without spinning threads: a chunk is tiny, and spinning would steal the CPU from
 * whisper.cpp. One instance per worker; thread-safe (each {@link Stream} has its own state).
 */
public final class SileroVad implements AutoCloseable {

    /** Samples per model call at 16 kHz. */
    public static final int CHUNK = 512;
    /** Samples of the previous chunk the model sees before each chunk. */
    static final int CONTEXT = 64;
    private static final long[] STATE_SHAPE = {2, 1, 128};
    private static final long[] AUDIO_SHAPE = {1, CONTEXT + CHUNK};
    private static final long[] RATE = {SpeechRecognizer.SAMPLE_RATE};

    /** silero-vad {@code get_speech_timestamps} defaults (utils_vad.py, silero-vad 6.2). */
    static final float THRESHOLD = 0.5f;
    static final float NEG_THRESHOLD = 0.35f; // max(threshold - 0.15, 0.01)
    static final int MIN_SPEECH_SAMPLES = 250 * 16;
    static final int MIN_SILENCE_SAMPLES = 100 * 16;
    static final int SPEECH_PAD_SAMPLES = 30 * 16;

    private final Path modelPath;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String audioInput;
    private final String stateInput;
    private final String rateInput;

    /** @throws ModelLoadException naming the path when the file is missing or not a Silero VAD v5 model */
    public SileroVad(Path modelPath) {
        this.modelPath = modelPath.toAbsolutePath();
        if (!Files.isRegularFile(this.modelPath)) {
            throw new ModelLoadException(this.modelPath, "Silero VAD model not found: " + this.modelPath
                    + " (set WHISPER_VAD_MODEL or run scripts/models vad)", null);
        }
        try {
            this.env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
                this.session = env.createSession(this.modelPath.toString(), options);
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            this.rateInput = inputOfRank(inputs, 0);
            this.audioInput = inputOfRank(inputs, 2);
            this.stateInput = inputOfRank(inputs, 3);
        } catch (OrtException | RuntimeException e) {
            throw new ModelLoadException(this.modelPath, "Could not load the Silero VAD model " + this.modelPath
                    + ": " + e.getMessage(), e);
        }
    }

    /** v5's inputs are told apart by rank: sr (scalar), input [batch, samples], state [2, batch, 128]. */
    private static String inputOfRank(Map<String, NodeInfo> inputs, int rank) throws OrtException {
        for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == rank) {
                return e.getKey();
            }
        }
        throw new OrtException("not a Silero VAD v5 model: no input of rank " + rank + " among " + inputs.keySet());
    }

    public Path modelPath() {
        return modelPath;
    }

    /** A new stream, at the start of some audio (zero state, zero context). */
    Stream stream() {
        return new Stream();
    }

    /**
     * Speech probabilities of {@code samples[0, length)}, one per {@value #CHUNK} samples (the last chunk padded
     * with zeros), from a fresh state.
     */
    float[] probabilities(float[] samples, int length) {
        Stream s = stream();
        int chunks = (length + CHUNK - 1) / CHUNK;
        float[] out = new float[chunks];
        float[] chunk = new float[CHUNK];
        for (int c = 0; c < chunks; c++) {
            int from = c * CHUNK;
            int n = Math.min(CHUNK, length - from);
            System.arraycopy(samples, from, chunk, 0, n);
            java.util.Arrays.fill(chunk, n, CHUNK, 0f);
            out[c] = s.next(chunk, 0);
        }
        return out;
    }

    /**
     * Speech spans as silero-vad's {@code get_speech_timestamps} (v6.2, {@code max_speech_duration_s = inf}) finds
     * them from the chunk probabilities: speech starts at a chunk with probability >= {@value #THRESHOLD}, ends
     * after at least {@code MIN_SILENCE_SAMPLES} below {@value #NEG_THRESHOLD}; spans of
     * {@code MIN_SPEECH_SAMPLES} or less are dropped; each span is padded by {@code SPEECH_PAD_SAMPLES} (half the
     * gap when two spans are closer than twice that).
     *
     * @param probs  one probability per {@value #CHUNK} samples, from the first sample
     * @param length the audio's length in samples (an unfinished span ends there)
     * @return {@code [start, end)} sample pairs, ascending and disjoint, within [0, length]
     */
    static List<int[]> speechSpans(float[] probs, int length) {
        List<int[]> speeches = new ArrayList<>();
        boolean triggered = false;
        int start = 0;
        int tempEnd = 0;
        for (int i = 0; i < probs.length; i++) {
            int cur = CHUNK * i;
            float p = probs[i];
            if (p >= THRESHOLD && tempEnd != 0) {
                tempEnd = 0;
            }
            if (p >= THRESHOLD && !triggered) {
                triggered = true;
                start = cur;
                continue;
            }
            if (p < NEG_THRESHOLD && triggered) {
                if (tempEnd == 0) {
                    tempEnd = cur;
                }
                if (cur - tempEnd < MIN_SILENCE_SAMPLES) {
                    continue;
                }
                if (tempEnd - start > MIN_SPEECH_SAMPLES) {
                    speeches.add(new int[] {start, tempEnd});
                }
                tempEnd = 0;
                triggered = false;
            }
        }
        if (triggered && length - start > MIN_SPEECH_SAMPLES) {
            speeches.add(new int[] {start, length});
        }
        for (int i = 0; i < speeches.size(); i++) {
            int[] s = speeches.get(i);
            if (i == 0) {
                s[0] = Math.max(0, s[0] - SPEECH_PAD_SAMPLES);
            }
            if (i != speeches.size() - 1) {
                int[] next = speeches.get(i + 1);
                int silence = next[0] - s[1];
                if (silence < 2 * SPEECH_PAD_SAMPLES) {
                    s[1] += silence / 2;
                    next[0] = Math.max(0, next[0] - silence / 2);
                } else {
                    s[1] = Math.min(length, s[1] + SPEECH_PAD_SAMPLES);
                    next[0] = Math.max(0, next[0] - SPEECH_PAD_SAMPLES);
                }
            } else {
                s[1] = Math.min(length, s[1] + SPEECH_PAD_SAMPLES);
            }
        }
        return speeches;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the Silero VAD session", e);
        }
    }

    /** The model's streaming state over one stretch of audio; not thread-safe. */
    final class Stream {
        private final float[] state = new float[2 * 128];
        private final float[] input = new float[CONTEXT + CHUNK];

        /** The speech probability of {@code samples[from, from + CHUNK)}, advancing the state. */
        float next(float[] samples, int from) {
            System.arraycopy(samples, from, input, CONTEXT, CHUNK);
            try (OnnxTensor audio = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), AUDIO_SHAPE);
                 OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), STATE_SHAPE);
                 OnnxTensor sr = OnnxTensor.createTensor(env, LongBuffer.wrap(RATE), new long[0]);
                 OrtSession.Result result = session.run(Map.of(audioInput, audio, stateInput, st, rateInput, sr))) {
                float probability = ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
                ((OnnxTensor) result.get(1)).getFloatBuffer().get(state);
                System.arraycopy(input, CHUNK, input, 0, CONTEXT); // the last 64 samples are the next context
                return probability;
            } catch (OrtException e) {
                throw new IllegalStateException("Silero VAD failed on " + modelPath.getFileName() + ": "
                        + e.getMessage(), e);
            }
        }
    }

}
