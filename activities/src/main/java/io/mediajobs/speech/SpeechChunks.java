package io.mediajobs.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the pieces of a window that was put together from speech chunks (the non-speech between them removed) lie
 * in the audio stream, and the mapping of the recognizer's times back to it: after faster-whisper's
 * {@code collect_chunks} and {@code SpeechTimestampsMap} ({@code faster_whisper/vad.py}).
 *
 * <p>Three timelines: <em>window</em> time (seconds from the window's first sample, the chunks back to back, what
 * the recognizer hears), <em>span</em> time (seconds from the first chunk's start in the stream, gaps included,
 * what captions are shaped and checkpointed on), and the stream's own samples. A window time belongs to the chunk
 * it falls in; a time exactly on the border of two chunks belongs to the later one as a start and to the earlier
 * one as an end, so no segment or word is stretched over a removed gap by its own boundary. Immutable.
 */
final class SpeechChunks {

    private final long[] sourceStarts;
    private final int[] windowStarts;
    private final int[] lengths;
    private final VoiceActivityDetector activity;

    /**
     * @param sourceStarts each chunk's first sample, in samples from the first chunk's first sample (ascending;
     *                     the first is 0), chunks not overlapping
     * @param lengths      each chunk's length in samples (positive)
     * @param activity     the detector's verdict on span time (gaps unvoiced), or null
     * @throws IllegalArgumentException if the chunks are empty, unordered or overlap
     */
    SpeechChunks(long[] sourceStarts, int[] lengths, VoiceActivityDetector activity) {
        if (sourceStarts.length == 0 || sourceStarts.length != lengths.length || sourceStarts[0] != 0) {
            throw new IllegalArgumentException("chunks must start at 0 and have one length each");
        }
        this.sourceStarts = sourceStarts.clone();
        this.lengths = lengths.clone();
        this.windowStarts = new int[lengths.length];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] <= 0 || (i > 0 && sourceStarts[i] < sourceStarts[i - 1] + lengths[i - 1])) {
                throw new IllegalArgumentException("chunk " + i + " is empty or overlaps the one before");
            }
            windowStarts[i] = at;
            at += lengths[i];
        }
        this.activity = activity;
    }

    int size() {
        return lengths.length;
    }

    /** Samples of all chunks together: the window's length. */
    int windowLength() {
        return windowStarts[size() - 1] + lengths[size() - 1];
    }

    /** Samples from the first chunk's start to the last one's end, gaps included. */
    long spanLength() {
        return sourceStarts[size() - 1] + lengths[size() - 1];
    }

    /** The window sample where chunk {@code i} starts. */
    int windowStart(int i) {
        return windowStarts[i];
    }

    /** Chunk {@code i}'s first sample, from the first chunk's first sample. */
    long sourceStart(int i) {
        return sourceStarts[i];
    }

    int length(int i) {
        return lengths[i];
    }

    /** The detector's verdict in span time, or null. */
    VoiceActivityDetector activity() {
        return activity;
    }

    /**
     * The chunk a window time falls in (clamped to the first and last chunk).
     *
     * @param asEnd a time exactly on the border between two chunks belongs to the earlier one (an end), else to
     *              the later one (a start)
     */
    int chunkAt(double windowSeconds, boolean asEnd) {
        double sample = windowSeconds * SpeechRecognizer.SAMPLE_RATE;
        int lo = 0;
        int hi = size() - 1;
        while (lo < hi) { // the last chunk whose start is before (ends) or at (starts) the time
            int mid = (lo + hi + 1) >>> 1;
            if (asEnd ? windowStarts[mid] < sample : windowStarts[mid] <= sample) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A window time as span time, inside chunk {@code chunk} (clamped to its start and end). */
    double toSpan(double windowSeconds, int chunk) {
        double inChunk = windowSeconds * SpeechRecognizer.SAMPLE_RATE - windowStarts[chunk];
        double clamped = Math.max(0, Math.min(lengths[chunk], inChunk));
        return (sourceStarts[chunk] + clamped) / SpeechRecognizer.SAMPLE_RATE;
    }

    /** A window time as span time, in the chunk it falls in. */
    double toSpan(double windowSeconds, boolean asEnd) {
        return toSpan(windowSeconds, chunkAt(windowSeconds, asEnd));
    }

    /**
     * Segments in window time as segments in span time. A segment's start maps through its chunk; its end through
     * the chunk of its last word's start (of its start without words), clamped to that chunk's end: Whisper's
     * segment ends often run on past the speech, and here that would be over a removed gap into the next chunk (a
     * segment whose words lie in two chunks does span the gap, as its speech did). A word's start and end both map
     * through the chunk of its start, its end clamped to that chunk's end (a word never spans a gap).
     */
    List<RecognizedSegment> toSpan(List<RecognizedSegment> segments) {
        List<RecognizedSegment> out = new ArrayList<>(segments.size());
        for (RecognizedSegment s : segments) {
            double start = toSpan(s.start(), false);
            double lastWord = s.words().isEmpty() ? s.start() : s.words().get(s.words().size() - 1).start();
            int endChunk = Math.max(chunkAt(s.start(), false), Math.min(chunkAt(s.end(), true),
                    chunkAt(lastWord, false)));
            double end = Math.max(start, toSpan(s.end(), endChunk));
            List<RecognizedWord> words = new ArrayList<>(s.words().size());
            for (RecognizedWord w : s.words()) {
                int chunk = chunkAt(w.start(), false);
                double ws = Math.max(start, Math.min(end, toSpan(w.start(), chunk)));
                double we = Math.max(ws, Math.min(end, toSpan(w.end(), chunk)));
                words.add(new RecognizedWord(ws, we, w.text(), w.probability()));
            }
            out.add(new RecognizedSegment(start, end, s.text(), words));
        }
        return out;
    }
}
