import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal whisper-jni runner used by tools/models/verify_conversion.py.
 *
 * <pre>
 * java -cp whisper-jni-1.7.1.jar tools/models/WhisperJniTranscribe.java [--no-timestamps] MODEL.bin A.wav [B.wav ...]
 * </pre>
 *
 * Loads the ggml model once, transcribes each 16 kHz WAV (PCM 16-bit or IEEE float, any
 * channel count, mixed down to mono) with greedy decoding, language "en", no temperature
 * fallback, non-speech tokens suppressed, and prints one line per file on stdout:
 * {@code <wav path>\t<text>}. {@code --no-timestamps} decodes without timestamp tokens
 * (one segment per 30 s window). Segment timings (centiseconds) go to stderr.
 * Exit code 2 if the model fails to load.
 */
public class WhisperJniTranscribe {

    public static void main(String[] args) throws Exception {
        boolean noTimestamps = false;
        if (args.length > 0 && args[0].equals("--no-timestamps")) {
            noTimestamps = true;
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 2) {
            System.err.println("usage: WhisperJniTranscribe [--no-timestamps] MODEL.bin AUDIO.wav [AUDIO.wav ...]");
            System.exit(64);
        }
        WhisperJNI.loadLibrary();
        WhisperJNI.setLibraryLogger(null);
        WhisperJNI whisper = new WhisperJNI();
        WhisperContext ctx;
        try {
            ctx = whisper.init(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("model failed to load: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (ctx == null) {
            System.err.println("model failed to load: null context");
            System.exit(2);
        }
        try {
            for (int i = 1; i < args.length; i++) {
                float[] samples = readWav(Path.of(args[i]));
                WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
                p.language = "en";
                p.translate = false;
                p.nThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
                p.temperature = 0f;
                p.temperatureInc = 0f;          // no temperature fallback (pure greedy)
                p.noContext = true;
                p.noTimestamps = noTimestamps;
                p.suppressBlank = true;
                p.suppressNonSpeechTokens = true; // same as faster-whisper's suppress_tokens=[-1]
                p.printProgress = false;
                p.printRealtime = false;
                p.printTimestamps = false;
                p.printSpecial = false;
                long t0 = System.nanoTime();
                int rc = whisper.full(ctx, p, samples, samples.length);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (rc != 0) {
                    System.err.println("whisper_full failed with " + rc + " for " + args[i]);
                    System.exit(3);
                }
                int n = whisper.fullNSegments(ctx);
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < n; s++) {
                    String seg = whisper.fullGetSegmentText(ctx, s);
                    System.err.printf("  [%d --> %d] %s%n", whisper.fullGetSegmentTimestamp0(ctx, s),
                            whisper.fullGetSegmentTimestamp1(ctx, s), seg);
                    text.append(seg);
                }
                System.err.printf("%s: %d segments in %d ms%n", args[i], n, ms);
                System.out.println(args[i] + "\t" + text.toString().trim().replaceAll("\\s+", " "));
            }
        } finally {
            whisper.free(ctx);
        }
    }

    /** Reads a RIFF/WAVE file at 16 kHz into mono float samples in [-1, 1]. */
    static float[] readWav(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(path + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1, channels = 0, rate = 0, bits = 0;
        int dataOff = -1, dataLen = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
                if (format == 0xFFFE && len >= 26) { // WAVE_FORMAT_EXTENSIBLE: subformat GUID
                    format = b.getShort(body + 24) & 0xffff;
                }
            } else if (id == 0x61746164) { // "data"
                dataOff = body;
                dataLen = (len < 0 || body + len > b.limit()) ? b.limit() - body : len;
                break;
            }
            pos = body + len + (len & 1);
        }
        if (dataOff < 0 || channels <= 0) {
            throw new IOException(path + ": missing fmt or data chunk");
        }
        if (rate != 16000) {
            throw new IOException(path + ": sample rate " + rate + " Hz, need 16000 Hz");
        }
        int bytesPer = bits / 8;
        int frames = dataLen / (bytesPer * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            float acc = 0;
            for (int c = 0; c < channels; c++) {
                int o = dataOff + (f * channels + c) * bytesPer;
                if (format == 1 && bits == 16) {
                    acc += b.getShort(o) / 32768f;
                } else if (format == 3 && bits == 32) {
                    acc += b.getFloat(o);
                } else if (format == 1 && bits == 32) {
                    acc += b.getInt(o) / 2147483648f;
                } else {
                    throw new IOException(path + ": unsupported WAV encoding (format " + format
                            + ", " + bits + " bits)");
                }
            }
            out[f] = acc / channels;
        }
        return out;
    }
}
