package io.mediajobs.speech;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a PCM stream into windows of at most {@code maxSamples} (Whisper's 30 s). Holds at most two windows in memory.
 *
 * <p>Without a speech detector each window is cut at the quietest moment between {@code minSamples} and
 * {@code maxSamples}, so words are not split. With {@link SileroVad} the stream is split by speech into chunks:
 * non-speech (silence, music, noise) before a chunk is left out, so every chunk starts where its speech starts
 * (less {@link #CHUNK_PAD}); a chunk ends in the first pause of at least {@value #LONG_PAUSE_SECONDS} s, else in the
 * latest pause between {@code minSamples} and {@code maxSamples}, else (30 s without a pause) at the quietest
 * moment. Chunks are then put together, back to back, into windows of up to {@code maxSamples} (see
 * {@link #nextConcatenated}); non-speech that no window needs comes out as windows without voiced frames, to be
 * skipped. The detector runs once over the stream, as a stream (its state carried from chunk to chunk).
 */
final class AudioWindower {

    /**
     * One window: {@code samples[0, length)} starting {@code startSample} samples after the stream's start;
     * {@code last} when the stream ends with it. {@code activity} is the detector's verdict on its 10 ms frames, or
     * null without a detector; {@code endsInPause} says the detector put the cut in a pause (no word runs through).
     */
    record Window(float[] samples, int length, long startSample, boolean last, VoiceActivityDetector activity,
                  boolean endsInPause, SpeechChunks chunks) {

        Window(float[] samples, int length, long startSample, boolean last, VoiceActivityDetector activity,
               boolean endsInPause) {
            this(samples, length, startSample, last, activity, endsInPause, null);
        }

        Window(float[] samples, int length, long startSample, boolean last) {
            this(samples, length, startSample, last, null, false);
        }

        /**
         * Samples from its first sample's position in the stream to the position of its last sample's end: its
         * length, or more when it was put together from speech chunks ({@code chunks}, non-null then, maps its
         * times back to the stream).
         */
        long spanLength() {
            return chunks == null ? length : chunks.spanLength();
        }
    }

    /** A pause this long ends a stretch of speech (a chunk) even before {@code minSamples}: music may follow. */
    static final double LONG_PAUSE_SECONDS = 2.0;
    /**
     * A window put together from chunks covers at most this much of the stream (gaps included), so checkpoints
     * and progress keep moving through long music or silence.
     */
    static final double MAX_SPAN_SECONDS = 120;
    private static final long MAX_SPAN = (long) (MAX_SPAN_SECONDS * SpeechRecognizer.SAMPLE_RATE);
    private static final int LONG_PAUSE = (int) (LONG_PAUSE_SECONDS * SpeechRecognizer.SAMPLE_RATE);
    /** Leading non-speech shorter than this stays in the speech window (Whisper likes a little lead-in). */
    private static final int MIN_SKIP = SpeechRecognizer.SAMPLE_RATE / 2;
    /**
     * Non-speech kept before and after a chunk that a long pause sets apart: faster-whisper's
     * {@code speech_pad_ms} for transcription (400 ms), so chunks put together are still heard as separate
     * sentences.
     */
    static final int CHUNK_PAD = 2 * SpeechRecognizer.SAMPLE_RATE / 5;
    private static final int CHUNK = SileroVad.CHUNK;

    private static final int FRAME = VoiceActivityDetector.FRAME_SAMPLES;
    /** The cut sits in the middle of the quietest ~300 ms. */
    private static final int SMOOTH_HALF_FRAMES = 15;

    private final PcmSource source;
    private final int maxSamples;
    private final int minSamples;
    private final float[] buffer;
    private int buffered;
    private long bufferStart;
    private boolean eof;
    private final SileroVad vad;
    private SileroVad.Stream vadStream;
    /** Speech probability of each whole {@link SileroVad#CHUNK} of the buffer analysed so far. */
    private final float[] probs;
    private int analysed;
    /** A chunk read but left for the next window (it did not fit). */
    private Window held;

    AudioWindower(PcmSource source, int maxSamples, int minSamples) {
        this(source, maxSamples, minSamples, null);
    }

    /** @param vad the speech detector, or null to cut at quiet moments and leave speech detection to the caller */
    AudioWindower(PcmSource source, int maxSamples, int minSamples, SileroVad vad) {
        if (maxSamples < 2 * FRAME || minSamples < 0 || minSamples >= maxSamples) {
            throw new IllegalArgumentException("bad window sizes " + minSamples + ".." + maxSamples);
        }
        this.source = source;
        this.maxSamples = maxSamples;
        this.minSamples = minSamples;
        this.buffer = new float[maxSamples];
        this.vad = vad;
        this.vadStream = vad == null ? null : vad.stream();
        this.probs = new float[maxSamples / CHUNK + 1];
    }

    /**
     * The next window, or null when the stream is exhausted. With a speech detector, a speech window is its
     * chunks of speech back to back (see {@link #nextConcatenated}); a window without speech comes alone.
     */
    Window next() throws IOException {
        if (vad != null) {
            return nextConcatenated();
        }
        fill();
        if (buffered == 0) {
            return null;
        }
        int cut = eof ? buffered : cutPoint();
        return take(cut, null, false);
    }

    /**
     * The first piece this windower cuts, before any putting together: a chunk of speech, or the non-speech before
     * one, or (without a detector) the stretch up to the quietest moment; null for an empty stream. Its end is a
     * place to cut the stream without cutting a word.
     */
    Window firstPiece() throws IOException {
        fill();
        if (buffered == 0) {
            return null;
        }
        return vad != null ? nextBySpeech() : take(eof ? buffered : cutPoint(), null, false);
    }

    /**
     * Speech chunks (each cut as {@link #nextBySpeech} cuts, ending in a long pause) collected into one window of
     * at most {@code maxSamples} with the non-speech between them left out, as faster-whisper's
     * {@code collect_chunks} ({@code faster_whisper/vad.py}) feeds Whisper: short sentences between music or
     * silences share one recognizer call and hear each other as context. A chunk cut through speech (30 s without
     * a pause) ends its window, so that window's cut can be heard again ({@link #pushBack}). The window's
     * {@link SpeechChunks} maps its times back.
     */
    private Window nextConcatenated() throws IOException {
        List<Window> chunks = new java.util.ArrayList<>();
        int total = 0;
        while (true) {
            Window chunk = held;
            held = null;
            if (chunk == null) {
                fill();
                if (buffered == 0) {
                    break;
                }
                chunk = nextBySpeech();
            }
            long span = chunks.isEmpty() ? 0 : chunk.startSample() + chunk.length() - chunks.get(0).startSample();
            if (!chunk.activity().hasSpeech()) {
                if (chunks.isEmpty()) {
                    return chunk; // skipped on its own
                }
                if (span > MAX_SPAN) {
                    held = chunk;
                    break;
                }
                continue; // left out of the window
            }
            if (!chunks.isEmpty() && (total + chunk.length() > maxSamples || span > MAX_SPAN)) {
                held = chunk;
                break;
            }
            chunks.add(chunk);
            total += chunk.length();
            if (!chunk.endsInPause() || chunk.last() || total >= minSamples) {
                break; // ≥ minSamples: windows of short speech stay short enough for parallel contexts
            }
        }
        if (chunks.size() <= 1) {
            return chunks.isEmpty() ? null : chunks.get(0);
        }
        Window first = chunks.get(0);
        Window lastChunk = chunks.get(chunks.size() - 1);
        float[] samples = new float[total];
        long[] sourceStarts = new long[chunks.size()];
        int[] lengths = new int[chunks.size()];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Window c = chunks.get(i);
            System.arraycopy(c.samples(), 0, samples, at, c.length());
            sourceStarts[i] = c.startSample() - first.startSample();
            lengths[i] = c.length();
            at += c.length();
        }
        int[] windowStarts = new int[chunks.size()];
        int[] spanStarts = new int[chunks.size()];
        for (int i = 0, w = 0; i < chunks.size(); w += lengths[i], i++) {
            windowStarts[i] = w;
            spanStarts[i] = (int) sourceStarts[i];
        }
        List<VoiceActivityDetector> parts = chunks.stream().map(Window::activity).toList();
        int spanLength = (int) (sourceStarts[chunks.size() - 1] + lengths[chunks.size() - 1]);
        SpeechChunks map = new SpeechChunks(sourceStarts, lengths,
                VoiceActivityDetector.placed(parts, spanStarts, spanLength));
        return new Window(samples, total, first.startSample(), lastChunk.last() && held == null,
                VoiceActivityDetector.placed(parts, windowStarts, total), lastChunk.endsInPause(), map);
    }

    private Window take(int cut, VoiceActivityDetector activity, boolean endsInPause) {
        boolean last = eof && cut == buffered;
        Window window = new Window(Arrays.copyOf(buffer, cut), cut, bufferStart, last, activity, endsInPause);
        System.arraycopy(buffer, cut, buffer, 0, buffered - cut);
        buffered -= cut;
        bufferStart += cut;
        if (vad != null) {
            // cuts are chunk-aligned (or the stream's end), so the probabilities shift with the samples
            int chunks = Math.min(analysed, cut / CHUNK);
            System.arraycopy(probs, chunks, probs, 0, analysed - chunks);
            analysed -= chunks;
        }
        return window;
    }

    /** The next window when a speech detector splits the stream (see the class comment). */
    private Window nextBySpeech() {
        analyse();
        List<int[]> spans = SileroVad.speechSpans(Arrays.copyOf(probs, analysed), analysedSamples());
        if (spans.isEmpty()) {
            // No speech: skip it all, except (mid-stream) the last chunks, where speech may be starting
            int cut = eof ? buffered : Math.max(CHUNK, alignDown(buffered - MIN_SKIP));
            return take(cut, VoiceActivityDetector.silent(cut), true);
        }
        int first = alignDown(spans.get(0)[0] - CHUNK_PAD);
        if (first >= MIN_SKIP) {
            return take(first, VoiceActivityDetector.silent(first), true);
        }
        int end = analysedSamples();
        int cut = -1;
        for (int i = 0; i < spans.size() && cut < 0; i++) {
            int gapStart = spans.get(i)[1];
            int gapEnd = i + 1 < spans.size() ? spans.get(i + 1)[0] : (eof ? buffered : end);
            if (gapEnd - gapStart >= LONG_PAUSE || (eof && i + 1 == spans.size() && gapEnd > gapStart)) {
                cut = gapStart + Math.min(gapEnd - gapStart, CHUNK_PAD);
            }
        }
        if (cut < 0 && eof && buffered <= maxSamples && spans.get(spans.size() - 1)[1] >= buffered) {
            cut = buffered; // the rest of the stream is one window, speech to the end
        }
        boolean inPause = cut >= 0;
        if (cut < 0) {
            for (int i = spans.size() - 2; i >= 0 && cut < 0; i--) {
                int middle = (spans.get(i)[1] + spans.get(i + 1)[0]) / 2;
                if (middle >= minSamples && middle <= maxSamples) {
                    cut = middle;
                    inPause = true;
                }
            }
        }
        if (cut < 0) {
            cut = cutPoint(); // 30 s without a pause
        }
        cut = cut >= buffered ? buffered : Math.max(CHUNK, alignDown(cut));
        return take(cut, VoiceActivityDetector.fromSpans(spans, cut), inPause);
    }

    /** Runs the detector over the whole chunks (and, at the end of the stream, the padded last one) not yet seen. */
    private void analyse() {
        int whole = buffered / CHUNK;
        while (analysed < whole) {
            probs[analysed] = vadStream.next(buffer, analysed * CHUNK);
            analysed++;
        }
        if (eof && buffered % CHUNK != 0 && analysed == whole) {
            float[] tail = new float[CHUNK];
            System.arraycopy(buffer, whole * CHUNK, tail, 0, buffered - whole * CHUNK);
            probs[analysed++] = vadStream.next(tail, 0);
        }
    }

    private int analysedSamples() {
        return Math.min(buffered, analysed * CHUNK);
    }

    private static int alignDown(int samples) {
        return Math.max(0, samples / CHUNK * CHUNK);
    }

    /**
     * Puts the end of the window just returned, from sample {@code from} on, back in front of the stream: the next
     * window starts there (to re-hear speech the cut ran through).
     */
    void pushBack(Window window, int from) {
        if (!canPushBack(window, from)) {
            throw new IllegalArgumentException("cannot push back samples " + from + ".." + window.length());
        }
        int n = window.length() - from;
        System.arraycopy(buffer, 0, buffer, n, buffered);
        System.arraycopy(window.samples(), from, buffer, 0, n);
        buffered += n;
        bufferStart -= n;
        if (vad != null) { // the chunks moved: listen again from here (rare: only after a cut through speech)
            vadStream = vad.stream();
            analysed = 0;
        }
    }

    /**
     * Whether {@link #pushBack} can put back the window just returned from {@code from} on: only samples of its
     * last speech chunk (the gaps before it are gone), and only while no chunk is held for the next window.
     */
    boolean canPushBack(Window window, int from) {
        int offset = 0; // where the pushed-back samples' chunk starts in the window
        long chunkStart = window.startSample();
        if (window.chunks() != null) {
            int last = window.chunks().size() - 1;
            offset = window.chunks().windowStart(last);
            chunkStart += window.chunks().sourceStart(last);
        }
        int n = window.length() - from;
        return from > offset && n > 0 && held == null && chunkStart + (window.length() - offset) == bufferStart
                && buffered + n <= buffer.length;
    }

    private void fill() throws IOException {
        while (!eof && buffered < maxSamples) {
            int n = source.read(buffer, buffered, maxSamples - buffered);
            if (n < 0) {
                eof = true;
            } else {
                buffered += n;
            }
        }
    }

    /** Sample index (frame-aligned) of the quietest moment in [minSamples, maxSamples]; latest among near-ties. */
    int cutPoint() {
        int frames = buffered / FRAME;
        double[] prefix = new double[frames + 1];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * FRAME, end = i + FRAME; i < end; i++) {
                sum += (double) buffer[i] * buffer[i];
            }
            prefix[f + 1] = prefix[f] + sum / FRAME;
        }
        int firstFrame = Math.max(1, minSamples / FRAME);
        int lastFrame = frames - 1;
        double[] smooth = new double[frames + 1];
        double min = Double.MAX_VALUE;
        for (int f = firstFrame; f <= lastFrame; f++) {
            int from = Math.max(0, f - SMOOTH_HALF_FRAMES);
            int to = Math.min(frames, f + SMOOTH_HALF_FRAMES);
            smooth[f] = (prefix[to] - prefix[from]) / (to - from);
            min = Math.min(min, smooth[f]);
        }
        double tolerance = min * 1.26 + 1e-10; // within 1 dB, or below -100 dBFS
        for (int f = lastFrame; f >= firstFrame; f--) {
            if (smooth[f] <= tolerance) {
                return f * FRAME;
            }
        }
        return maxSamples;
    }
}
