package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns raw recognizer segments into readable caption cues: at most {@value #MAX_LINE_CHARS} characters per line,
 * {@value #MAX_LINES} lines and {@value #MAX_CUE_SECONDS} s per cue, trimmed text, no overlaps, strictly increasing
 * times, and no hallucinated text on silence (segments over unvoiced audio, bracketed non-speech tags, repeats).
 */
public final class CaptionShaper {

    public static final int MAX_LINE_CHARS = 42;
    public static final int MAX_LINES = 2;
    public static final double MAX_CUE_SECONDS = 7.0;
    /** Cues are stretched to this length when the next cue leaves room, so they stay readable. */
    static final double MIN_CUE_SECONDS = 0.5;
    /** A segment whose span has fewer voiced frames than this is treated as no-speech and dropped. */
    static final double MIN_VOICED_FRACTION = 0.08;

    /** Whisper's annotations for non-speech: [BLANK_AUDIO], [Music], (upbeat music), *laughs*, ♪ ... */
    private static final Pattern NON_SPEECH =
            Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)|\\*[^*]*\\*|[♪♫]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CaptionShaper() {
    }

    /**
     * Shapes one window's raw segments into cues in media time.
     *
     * @param windowStart   where the window starts in the media, seconds
     * @param windowSeconds the window's length
     * @param vad           the window's voiced frames, or null to keep every segment
     * @param previous      the last cue before this window (for repeat detection), or null
     */
    static List<SubtitleSegment> shapeWindow(List<RecognizedSegment> raw, double windowStart, double windowSeconds,
                                             VoiceActivityDetector vad, SubtitleSegment previous) {
        List<SubtitleSegment> out = new ArrayList<>();
        String lastNormalized = previous == null ? null : normalize(previous.text());
        for (RecognizedSegment seg : raw) {
            String text = cleanText(seg.text());
            if (text.isEmpty()) {
                continue;
            }
            double start = clamp(seg.start(), 0, windowSeconds);
            double end = clamp(seg.end(), start, windowSeconds);
            if (vad != null) {
                if (vad.voicedFraction(start, Math.max(end, start + 0.01)) < MIN_VOICED_FRACTION) {
                    continue; // text over silence: a hallucination
                }
                double[] span = vad.voicedSpan(start, end);
                if (span != null) { // Whisper's segment ends often run on into the following silence
                    start = Math.max(start, span[0] - 0.2);
                    end = Math.min(end, span[1] + 0.3);
                }
            }
            String normalized = normalize(text);
            if (normalized.isEmpty() || normalized.equals(lastNormalized)) {
                continue; // punctuation only, or the model repeating itself
            }
            lastNormalized = normalized;
            out.addAll(splitIntoCues(text, windowStart + start, windowStart + end));
        }
        return out;
    }

    /**
     * Final pass over all cues of a media: time order, millisecond rounding, no overlaps, strictly increasing
     * times, every cue between {@value #MIN_CUE_SECONDS} s (where there is room) and {@value #MAX_CUE_SECONDS} s,
     * and consecutive duplicates dropped.
     */
    public static List<SubtitleSegment> finish(List<SubtitleSegment> cues) {
        List<SubtitleSegment> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingDouble(SubtitleSegment::startTime));
        List<SubtitleSegment> out = new ArrayList<>(sorted.size());
        String lastNormalized = null;
        for (int i = 0; i < sorted.size(); i++) {
            SubtitleSegment cue = sorted.get(i);
            String normalized = normalize(cue.text());
            if (normalized.isEmpty() || normalized.equals(lastNormalized)) {
                continue;
            }
            double start = millis(cue.startTime());
            double end = millis(cue.endTime());
            if (!out.isEmpty()) {
                SubtitleSegment prev = out.get(out.size() - 1);
                start = Math.max(start, prev.endTime());
            }
            double nextStart = i + 1 < sorted.size() ? millis(sorted.get(i + 1).startTime()) : Double.MAX_VALUE;
            end = Math.max(end, Math.min(start + MIN_CUE_SECONDS, nextStart));
            end = Math.min(end, start + MAX_CUE_SECONDS);
            if (end <= start) {
                end = start + 0.001;
            }
            out.add(new SubtitleSegment(start, millis(end), cue.text()));
            lastNormalized = normalized;
        }
        return out;
    }

    /** Trims, collapses white space, removes non-speech tags and collapses looping repeats ("a b a b a b"). */
    static String cleanText(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = NON_SPEECH.matcher(text).replaceAll(" ");
        cleaned = SPACES.matcher(cleaned).replaceAll(" ").strip();
        return collapseLoops(cleaned);
    }

    /** Lower-case letters and digits only: what two texts must share to be "the same words". */
    static String normalize(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
        }
        return sb.toString().strip();
    }

    /**
     * A phrase of 2..10 words repeated 3+ times in a row, or one word 5+ times, is Whisper looping: keep one copy.
     */
    static String collapseLoops(String text) {
        String[] words = text.split(" ");
        if (words.length < 5) {
            return text;
        }
        List<String> out = new ArrayList<>(List.of(words));
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int size = 1; size <= 10; size++) {
                int minRepeats = size == 1 ? 5 : 3;
                for (int i = 0; i + size * minRepeats <= out.size(); i++) {
                    int repeats = 1;
                    while (i + size * (repeats + 1) <= out.size()
                            && samePhrase(out, i, i + size * repeats, size)) {
                        repeats++;
                    }
                    if (repeats >= minRepeats) {
                        out.subList(i + size, i + size * repeats).clear();
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return String.join(" ", out);
    }

    private static boolean samePhrase(List<String> words, int a, int b, int size) {
        for (int k = 0; k < size; k++) {
            if (!normalize(words.get(a + k)).equals(normalize(words.get(b + k)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits one segment into cues that each wrap into {@value #MAX_LINES} lines of at most
     * {@value #MAX_LINE_CHARS} characters. Time is shared out in proportion to characters, so cues stay in sync
     * with the speech; a long, slow segment is also split by time (about one cue per {@value #MAX_CUE_SECONDS} s,
     * but never into fragments of fewer than three words), and each cue is shown for at most
     * {@value #MAX_CUE_SECONDS} s.
     */
    static List<SubtitleSegment> splitIntoCues(String text, double start, double end) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        int totalChars = String.join(" ", words).length();
        double secondsPerChar = (end - start) / Math.max(1, totalChars);
        List<List<String>> groups = greedyGroups(words);
        int byTime = (int) Math.min(Math.ceil((end - start) / MAX_CUE_SECONDS - 1e-9), Math.max(1, words.size() / 3));
        int wanted = Math.max(groups.size(), byTime);
        List<List<String>> balanced = balance(words, wanted);
        if (balanced.size() >= groups.size() && allWrap(balanced)) {
            groups = balanced;
        }
        List<SubtitleSegment> cues = new ArrayList<>(groups.size());
        double t = start;
        for (int g = 0; g < groups.size(); g++) {
            String joined = String.join(" ", groups.get(g));
            double share = (joined.length() + (g < groups.size() - 1 ? 1 : 0)) * secondsPerChar;
            double next = g == groups.size() - 1 ? end : Math.min(end, t + share);
            double cueEnd = Math.min(next, t + MAX_CUE_SECONDS);
            cues.add(new SubtitleSegment(t, Math.max(t, cueEnd), String.join("\n", wrap(joined))));
            t = Math.max(t, next);
        }
        return cues;
    }

    private static List<List<String>> greedyGroups(List<String> words) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String word : words) {
            current.add(word);
            if (current.size() > 1 && wrap(String.join(" ", current)).size() > MAX_LINES) {
                current.remove(current.size() - 1);
                groups.add(current);
                current = new ArrayList<>(List.of(word));
            }
        }
        groups.add(current);
        return groups;
    }

    /** Splits words into at most n groups of roughly equal character counts; null if that takes more groups. */
    private static List<List<String>> balance(List<String> words, int n) {
        if (n <= 1) {
            return List.of(words);
        }
        double target = (double) String.join(" ", words).length() / n;
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String word : words) {
            int with = length + (current.isEmpty() ? 0 : 1) + word.length();
            // close the group when adding the word overshoots the target by more than stopping short undershoots it
            if (!current.isEmpty() && groups.size() < n - 1 && with - target > target - length) {
                groups.add(current);
                current = new ArrayList<>();
                with = word.length();
            }
            current.add(word);
            length = with;
        }
        groups.add(current);
        return groups;
    }

    private static boolean allWrap(List<List<String>> groups) {
        for (List<String> g : groups) {
            if (g.isEmpty() || wrap(String.join(" ", g)).size() > MAX_LINES) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wraps text into the fewest lines of at most {@value #MAX_LINE_CHARS} characters; two lines are balanced
     * (the split that makes them most equal). May return more than {@value #MAX_LINES} lines for long text.
     */
    static List<String> wrap(String text) {
        List<String> words = words(text);
        String joined = String.join(" ", words);
        if (joined.length() <= MAX_LINE_CHARS) {
            return List.of(joined);
        }
        int best = -1;
        int bestDiff = Integer.MAX_VALUE;
        for (int k = 1; k < words.size(); k++) {
            int a = String.join(" ", words.subList(0, k)).length();
            int b = joined.length() - a - 1;
            if (a <= MAX_LINE_CHARS && b <= MAX_LINE_CHARS && Math.abs(a - b) < bestDiff) {
                bestDiff = Math.abs(a - b);
                best = k;
            }
        }
        if (best > 0) {
            return List.of(String.join(" ", words.subList(0, best)), String.join(" ", words.subList(best, words.size())));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (line.length() > 0 && line.length() + 1 + w.length() > MAX_LINE_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Words of the text; a word longer than a line is hard-broken into line-sized pieces. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : SPACES.split(text.strip())) {
            if (w.isEmpty()) {
                continue;
            }
            while (w.length() > MAX_LINE_CHARS) {
                out.add(w.substring(0, MAX_LINE_CHARS));
                w = w.substring(MAX_LINE_CHARS);
            }
            out.add(w);
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
