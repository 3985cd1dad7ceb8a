package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
    /** Phrases this long are never said twice in a row: a second copy is Whisper looping. */
    static final int LONG_PHRASE_WORDS = 6;
    private static final int MAX_PHRASE_WORDS = 30;
    /** A segment whose span has fewer voiced frames than this is treated as no-speech and dropped. */
    static final double MIN_VOICED_FRACTION = 0.08;

    /** Whisper's annotations for non-speech: [BLANK_AUDIO], [Music], (upbeat music), *laughs*, ♪ ... */
    private static final Pattern NON_SPEECH =
            Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)|\\*[^*]*\\*|[♪♫]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** A segment starting within this long after the previous text ends may repeat that text's end. */
    static final double REPEAT_GAP_SECONDS = 1.0;
    /** How many trailing words of the earlier text a repeat is looked for in. */
    private static final int REPEAT_CONTEXT_WORDS = 24;
    /**
     * English function words: they recur all the time, so a repeat must be made of other words ("ask not what
     * your country can do for you, ask what you can do for your country" repeats none).
     */
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "so", "of", "to",
            "in", "on", "at", "by", "for", "with", "from", "over", "into", "up", "down", "out", "off", "about", "as",
            "is", "are", "was", "were", "be", "been", "am", "i", "im", "you", "youre", "he", "hes", "she", "shes",
            "it", "its", "we", "they", "theyre", "me", "him", "her", "us", "them", "my", "your", "his", "our",
            "their", "this", "that", "thats", "these", "those", "what", "which", "who", "when", "where", "how", "not",
            "no", "yes", "do", "does", "did", "dont", "have", "has", "had", "will", "would", "can", "could", "there",
            "here", "then", "than", "too", "very", "just", "oh", "uh", "um", "ah", "well");

    private CaptionShaper() {
    }

    /**
     * Shapes one window's raw segments into cues in media time.
     *
     * @param windowStart   where the window starts in the media, seconds
     * @param windowSeconds the window's length
     * @param vad           the window's voiced frames, or null to keep every segment
     * @param earlier       the cues before this window in time order (for repeat detection), or null
     * @param rehearing     the window starts with speech the window before left out (its cut ran through speech):
     *                      then even one word at its start that repeats the text before is a repeat
     */
    static List<SubtitleSegment> shapeWindow(List<RecognizedSegment> raw, double windowStart, double windowSeconds,
                                             VoiceActivityDetector vad, List<SubtitleSegment> earlier,
                                             boolean rehearing) {
        List<SubtitleSegment> out = new ArrayList<>();
        List<SubtitleSegment> recent = new ArrayList<>(earlier == null ? List.of()
                : earlier.subList(Math.max(0, earlier.size() - REPEAT_CONTEXT_WORDS), earlier.size()));
        String lastNormalized = recent.isEmpty() ? null : normalize(recent.get(recent.size() - 1).text());
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
            if (normalized.isEmpty()) {
                continue; // punctuation only
            }
            List<String> words = words(text);
            List<String> before = recentWords(recent, windowStart + start);
            int repeated = normalized.equals(lastNormalized) ? words.size() : repeatedLead(before, words);
            if (repeated == 0 && rehearing && out.isEmpty() && !before.isEmpty()
                    && key(words.get(0)).equals(key(before.get(before.size() - 1)))) {
                repeated = 1; // "... crowded neighbourhoods where" then "Where thousands ..."
            }
            if (repeated == words.size()) { // the model repeating itself
                SubtitleSegment last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
                if (last != null && last.endTime() >= windowStart + start - REPEAT_GAP_SECONDS) {
                    // it re-heard the speech of the cue before, which really lasts until here
                    SubtitleSegment longer = new SubtitleSegment(last.startTime(),
                            Math.max(last.endTime(), windowStart + end), last.text());
                    recent.set(recent.size() - 1, longer);
                    if (!out.isEmpty()) { // (a cue of an earlier window stays as it is)
                        out.set(out.size() - 1, longer);
                    }
                }
                continue;
            }
            if (repeated > 0) {
                double cut = (end - start) * String.join(" ", words.subList(0, repeated)).length() / text.length();
                start += cut;
                text = String.join(" ", words.subList(repeated, words.size()));
            }
            lastNormalized = normalized;
            List<SubtitleSegment> cues = splitIntoCues(text, windowStart + start, windowStart + end);
            out.addAll(cues);
            recent.addAll(cues);
        }
        return out;
    }

    /** The last words of the cues before {@code start}, if the last of them ends close enough to repeat into it. */
    private static List<String> recentWords(List<SubtitleSegment> recent, double start) {
        if (recent.isEmpty() || recent.get(recent.size() - 1).endTime() < start - REPEAT_GAP_SECONDS) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (int i = recent.size() - 1; i >= 0 && words.size() < REPEAT_CONTEXT_WORDS; i--) {
            words.addAll(0, words(recent.get(i).text()));
        }
        return words.subList(Math.max(0, words.size() - REPEAT_CONTEXT_WORDS), words.size());
    }

    /**
     * How many leading {@code words} repeat the end of {@code before}: Whisper re-hearing audio it already
     * transcribed (its internal seek, or a window that starts inside speech) writes the same words again, often
     * slightly misheard ("... over the lazy nog." then "We're lazy dog."). A lead counts as a repeat when it ends
     * on the word {@code before} ends on, and at least two of its words that are not function words, and two thirds
     * of them, match {@code before}'s last words in order (letters equal, or one typo apart). 0 if none.
     */
    static int repeatedLead(List<String> before, List<String> words) {
        if (before.isEmpty()) {
            return 0;
        }
        String lastBefore = key(before.get(before.size() - 1));
        for (int k = words.size(); k >= 1; k--) {
            if (!sameWord(key(words.get(k - 1)), lastBefore)) {
                continue;
            }
            List<String> lead = contentKeys(words.subList(0, k));
            if (lead.size() < 2) {
                continue;
            }
            List<String> tail = contentKeys(before.subList(Math.max(0, before.size() - k - 2), before.size()));
            int common = commonInOrder(lead, tail);
            if (common >= 2 && 3 * common >= 2 * lead.size()) {
                return k;
            }
        }
        return 0;
    }

    /** Lower-case letters and digits of one word: "We're" is "were", "round-fark," is "roundfark". */
    private static String key(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static List<String> contentKeys(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            String k = key(w);
            if (!k.isEmpty() && !FUNCTION_WORDS.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Equal, or (content words of 3+ letters) one edit apart, two for words of 6+ letters. */
    private static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.isEmpty() || b.isEmpty() || FUNCTION_WORDS.contains(a) || FUNCTION_WORDS.contains(b)) {
            return false;
        }
        int shorter = Math.min(a.length(), b.length());
        int allowed = shorter >= 6 ? 2 : shorter >= 3 ? 1 : 0;
        return allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && editDistance(a, b) <= allowed;
    }

    /** Longest common subsequence under {@link #sameWord}. */
    private static int commonInOrder(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                d[i][j] = sameWord(a.get(i - 1), b.get(j - 1)) ? d[i - 1][j - 1] + 1
                        : Math.max(d[i - 1][j], d[i][j - 1]);
            }
        }
        return d[a.size()][b.size()];
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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
     * A phrase of 2..10 words repeated 3+ times in a row, one word 5+ times, or a phrase of
     * {@value #LONG_PHRASE_WORDS}+ words twice, is Whisper looping: keep one copy.
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
            for (int size = 1; size <= Math.min(MAX_PHRASE_WORDS, out.size() / 2); size++) {
                int minRepeats = size == 1 ? 5 : size >= LONG_PHRASE_WORDS ? 2 : 3;
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
