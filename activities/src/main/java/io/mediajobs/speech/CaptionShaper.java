package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;
import io.mediajobs.workflows.subtitles.SubtitleWord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw recognizer segments into readable caption cues: at most {@value #MAX_LINE_CHARS} characters per line,
 * {@value #MAX_LINES} lines (or a {@link Layout}'s) and {@value #MAX_CUE_SECONDS} s per cue, trimmed text, no
 * overlaps, strictly increasing times, and no hallucinated text on silence (segments over unvoiced audio, bracketed
 * non-speech tags, repeats). The recognizer's words travel with the text: each cue keeps the timed words it shows,
 * in order and inside the cue; where the model timed the words, cue boundaries fall on word boundaries.
 */
public final class CaptionShaper {

    /**
     * A caption layout.
     *
     * @param maxLineChars characters per line (a longer word is hard-broken)
     * @param maxLines     lines per cue
     */
    public record Layout(int maxLineChars, int maxLines) {

        public static final Layout DEFAULT = new Layout(MAX_LINE_CHARS, MAX_LINES);

        public Layout {
            if (maxLineChars < 1 || maxLines < 1) {
                throw new IllegalArgumentException("line length and lines must be positive");
            }
        }
    }

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
    /** The most a word the model gave no duration of its own is shown for (a typical spoken word is 0.2-0.5 s). */
    static final double UNTIMED_WORD_SECONDS = 0.5;
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
        return shapeWindow(raw, windowStart, windowSeconds, vad, earlier, rehearing, Layout.DEFAULT);
    }

    /** {@link #shapeWindow(List, double, double, VoiceActivityDetector, List, boolean)} into {@code layout}. */
    static List<SubtitleSegment> shapeWindow(List<RecognizedSegment> raw, double windowStart, double windowSeconds,
                                             VoiceActivityDetector vad, List<SubtitleSegment> earlier,
                                             boolean rehearing, Layout layout) {
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
            List<String> words = words(text, layout);
            List<String> before = recentWords(recent, windowStart + start, layout);
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
                            Math.max(last.endTime(), windowStart + end), last.text(), last.words());
                    recent.set(recent.size() - 1, longer);
                    if (!out.isEmpty()) { // (a cue of an earlier window stays as it is)
                        out.set(out.size() - 1, longer);
                    }
                }
                continue;
            }
            List<SubtitleWord> timed = new ArrayList<>();
            for (RecognizedWord w : seg.words()) {
                double ws = clamp(w.start(), start, end);
                timed.add(new SubtitleWord(windowStart + ws, windowStart + clamp(w.end(), ws, end), w.text(),
                        clamp(w.probability(), 0, 1)));
            }
            if (repeated > 0) {
                SubtitleWord[] match = matchWords(words, timed);
                SubtitleWord firstKept = firstMatched(match, repeated, match.length);
                if (firstKept != null) { // the rest starts where the model heard its first word
                    start = Math.max(start, firstKept.startTime() - windowStart);
                    timed = new ArrayList<>(timed.subList(timed.indexOf(firstKept), timed.size()));
                } else {
                    start += (end - start) * String.join(" ", words.subList(0, repeated)).length() / text.length();
                }
                text = String.join(" ", words.subList(repeated, words.size()));
            }
            lastNormalized = normalized;
            List<SubtitleSegment> cues = splitIntoCues(text, windowStart + start, windowStart + end, timed, layout);
            out.addAll(cues);
            recent.addAll(cues);
        }
        return out;
    }

    /** The last words of the cues before {@code start}, if the last of them ends close enough to repeat into it. */
    private static List<String> recentWords(List<SubtitleSegment> recent, double start, Layout layout) {
        if (recent.isEmpty() || recent.get(recent.size() - 1).endTime() < start - REPEAT_GAP_SECONDS) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (int i = recent.size() - 1; i >= 0 && words.size() < REPEAT_CONTEXT_WORDS; i--) {
            words.addAll(0, words(recent.get(i).text(), layout));
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
        return finish(cues, Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #finish(List)} for a media of {@code mediaSeconds}: no cue ends after it (the minimum length is not
     * reached by running past the end of the media). A non-positive or unknown ({@code NaN}) length bounds nothing.
     */
    public static List<SubtitleSegment> finish(List<SubtitleSegment> cues, double mediaSeconds) {
        double mediaEnd = mediaSeconds > 0 ? millis(mediaSeconds) : Double.POSITIVE_INFINITY;
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
            start = Math.min(start, mediaEnd - 0.001);
            double nextStart = i + 1 < sorted.size() ? millis(sorted.get(i + 1).startTime()) : mediaEnd;
            end = Math.max(end, Math.min(start + MIN_CUE_SECONDS, nextStart));
            end = Math.min(Math.min(end, start + MAX_CUE_SECONDS), mediaEnd);
            if (end <= start) {
                end = start + 0.001;
            }
            out.add(new SubtitleSegment(start, millis(end), cue.text(), clampWords(cue.words(), start, millis(end))));
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

    /** {@link #splitIntoCues(String, double, double, List, Layout)} without word timings, default layout. */
    static List<SubtitleSegment> splitIntoCues(String text, double start, double end) {
        return splitIntoCues(text, start, end, List.of(), Layout.DEFAULT);
    }

    /**
     * Splits one segment into cues that each wrap into {@code layout}'s lines. Time is shared out in proportion to
     * characters, so cues stay in sync with the speech; a long, slow segment is also split by time (about one cue
     * per {@value #MAX_CUE_SECONDS} s, but never into fragments of fewer than three words), and each cue is shown
     * for at most {@value #MAX_CUE_SECONDS} s. Timed words (media seconds, in order) are matched to the text's
     * words; a cue then starts where the model heard its first word, and carries its matched words.
     */
    static List<SubtitleSegment> splitIntoCues(String text, double start, double end, List<SubtitleWord> timed,
                                               Layout layout) {
        List<String> words = words(text, layout);
        if (words.isEmpty()) {
            return List.of();
        }
        int totalChars = String.join(" ", words).length();
        double secondsPerChar = (end - start) / Math.max(1, totalChars);
        List<List<String>> groups = greedyGroups(words, layout);
        int byTime = (int) Math.min(Math.ceil((end - start) / MAX_CUE_SECONDS - 1e-9), Math.max(1, words.size() / 3));
        int wanted = Math.max(groups.size(), byTime);
        List<List<String>> balanced = balance(words, wanted);
        if (balanced.size() >= groups.size() && allWrap(balanced, layout)) {
            groups = balanced;
        }
        SubtitleWord[] match = matchWords(words, timed);
        List<SubtitleSegment> cues = new ArrayList<>(groups.size());
        double t = start;
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            int last = first + groups.get(g).size(); // exclusive
            String joined = String.join(" ", groups.get(g));
            double share = (joined.length() + (g < groups.size() - 1 ? 1 : 0)) * secondsPerChar;
            double next = g == groups.size() - 1 ? end : Math.min(end, t + share);
            SubtitleWord nextFirst = g == groups.size() - 1 ? null : firstMatched(match, last, last
                    + groups.get(g + 1).size());
            if (nextFirst != null && nextFirst.startTime() > t) {
                next = Math.min(end, nextFirst.startTime()); // the boundary where the model heard the next cue begin
            }
            double cueEnd = Math.min(next, t + MAX_CUE_SECONDS);
            List<SubtitleWord> own = new ArrayList<>();
            for (int i = first; i < last; i++) {
                if (match[i] != null) {
                    own.add(match[i]);
                }
            }
            double cueStart = t;
            cues.add(new SubtitleSegment(cueStart, Math.max(cueStart, cueEnd), String.join("\n", wrap(joined, layout)),
                    clampWords(own, cueStart, Math.max(cueStart, cueEnd))));
            t = Math.max(t, next);
            first = last;
        }
        return cues;
    }

    private static SubtitleWord firstMatched(SubtitleWord[] match, int from, int to) {
        for (int i = from; i < Math.min(to, match.length); i++) {
            if (match[i] != null) {
                return match[i];
            }
        }
        return null;
    }

    /**
     * For each text word, the timed word it is (same letters and digits), matched in order by longest common
     * subsequence; null where the text has a word the model did not time (or cleaning changed it).
     */
    static SubtitleWord[] matchWords(List<String> words, List<SubtitleWord> timed) {
        SubtitleWord[] out = new SubtitleWord[words.size()];
        if (timed == null || timed.isEmpty()) {
            return out;
        }
        int n = words.size();
        int m = timed.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            String k = key(words.get(i));
            for (int j = m - 1; j >= 0; j--) {
                d[i][j] = !k.isEmpty() && k.equals(key(timed.get(j).text())) ? d[i + 1][j + 1] + 1
                        : Math.max(d[i + 1][j], d[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            String k = key(words.get(i));
            if (!k.isEmpty() && k.equals(key(timed.get(j).text()))) {
                out[i++] = timed.get(j++);
            } else if (d[i + 1][j] >= d[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /**
     * Words moved inside [start, end] into time order, at millisecond precision, each with a duration where the cue
     * leaves room; null for none. Starts are clamped and made non-decreasing. Words that then share a start (DTW can
     * put two short words on one 20 ms frame; clamping piles words timed past the cue's end onto its end) share the
     * time up to the next word's start evenly, at most {@value #UNTIMED_WORD_SECONDS} s each, and a pile at the
     * cue's end shares it with the word before. A word ends where the model ended it, but not after the next word
     * starts; one that would end at or before its start gets up to {@value #UNTIMED_WORD_SECONDS} s, not past the
     * next word's start (a word before a pause is not stretched over the pause).
     */
    static List<SubtitleWord> clampWords(List<SubtitleWord> words, double start, double end) {
        if (words == null || words.isEmpty()) {
            return null;
        }
        int n = words.size();
        double[] s = new double[n];
        double floor = start;
        for (int i = 0; i < n; i++) {
            s[i] = clamp(Math.max(words.get(i).startTime(), floor), start, end);
            floor = s[i];
        }
        for (int a = 0, b; a < n; a = b) {
            b = a + 1;
            while (b < n && s[b] == s[a]) {
                b++;
            }
            double next = b < n ? s[b] : end;
            if (next > s[a]) { // spread forwards, towards the next word
                double step = Math.min(UNTIMED_WORD_SECONDS, (next - s[a]) / (b - a));
                for (int k = a + 1; k < b; k++) {
                    s[k] = s[a] + (k - a) * step;
                }
            } else { // piled on the cue's end: back from it, after the word before (or the cue's start)
                double before = a > 0 ? s[a - 1] : start;
                double step = Math.min(UNTIMED_WORD_SECONDS, (end - before) / (b - a + (a > 0 ? 1 : 0)));
                for (int k = a; k < b; k++) {
                    s[k] = end - (b - k) * step;
                }
            }
        }
        List<SubtitleWord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double next = i + 1 < n ? s[i + 1] : end;
            double e = clamp(words.get(i).endTime(), s[i], next);
            if (e <= s[i]) {
                e = Math.min(next, s[i] + UNTIMED_WORD_SECONDS);
            }
            double from = millis(s[i]);
            out.add(new SubtitleWord(from, Math.max(from, millis(e)), words.get(i).text(), words.get(i).probability()));
        }
        return out;
    }

    private static List<List<String>> greedyGroups(List<String> words, Layout layout) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String word : words) {
            current.add(word);
            if (current.size() > 1 && wrap(String.join(" ", current), layout).size() > layout.maxLines()) {
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

    private static boolean allWrap(List<List<String>> groups, Layout layout) {
        for (List<String> g : groups) {
            if (g.isEmpty() || wrap(String.join(" ", g), layout).size() > layout.maxLines()) {
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
        return wrap(text, Layout.DEFAULT);
    }

    /** {@link #wrap(String)} into {@code layout}'s line length; two lines are balanced when they are enough. */
    static List<String> wrap(String text, Layout layout) {
        int max = layout.maxLineChars();
        List<String> words = words(text, layout);
        String joined = String.join(" ", words);
        if (joined.length() <= max) {
            return List.of(joined);
        }
        int best = -1;
        int bestDiff = Integer.MAX_VALUE;
        for (int k = 1; k < words.size(); k++) {
            int a = String.join(" ", words.subList(0, k)).length();
            int b = joined.length() - a - 1;
            if (a <= max && b <= max && Math.abs(a - b) < bestDiff) {
                bestDiff = Math.abs(a - b);
                best = k;
            }
        }
        if (best > 0 && layout.maxLines() >= 2) {
            return List.of(String.join(" ", words.subList(0, best)), String.join(" ", words.subList(best, words.size())));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (line.length() > 0 && line.length() + 1 + w.length() > max) {
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
        return words(text, Layout.DEFAULT);
    }

    /** {@link #words(String)} with {@code layout}'s line length. */
    static List<String> words(String text, Layout layout) {
        int max = layout.maxLineChars();
        List<String> out = new ArrayList<>();
        for (String w : SPACES.split(text.strip())) {
            if (w.isEmpty()) {
                continue;
            }
            while (w.length() > max) {
                out.add(w.substring(0, max));
                w = w.substring(max);
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
