package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.ArrayList;
import java.util.List;

/** Renders caption cues as SubRip (.srt) or WebVTT (.vtt) text. */
public final class SubtitleFormats {

    private SubtitleFormats() {
    }

    /**
     * SubRip: numbered cues, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each cue, CRLF line ends.
     *
     * <p>SRT has no escape syntax, but players parse {@code <i>}-style tags and a blank line ends a cue, so text is
     * neutralised: blank lines are dropped, {@code <} / {@code >} become the look-alike {@code ‹} / {@code ›}, and
     * {@code -->} cannot appear.
     */
    public static String toSrt(List<SubtitleSegment> segments) {
        StringBuilder sb = new StringBuilder();
        int index = 1;
        for (SubtitleSegment s : segments) {
            List<String> lines = lines(s.text(), SubtitleFormats::escapeSrt);
            if (lines.isEmpty()) {
                continue;
            }
            sb.append(index++).append("\r\n");
            sb.append(timestamp(s.startTime(), ',')).append(" --> ").append(timestamp(s.endTime(), ',')).append("\r\n");
            for (String line : lines) {
                sb.append(line).append("\r\n");
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /**
     * WebVTT: {@code WEBVTT} header, numbered cues, {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}; text escaped as the
     * spec requires ({@code &amp; &lt; &gt;}), blank lines dropped.
     */
    public static String toWebVtt(List<SubtitleSegment> segments) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        int index = 1;
        for (SubtitleSegment s : segments) {
            List<String> lines = lines(s.text(), SubtitleFormats::escapeVtt);
            if (lines.isEmpty()) {
                continue;
            }
            sb.append(index++).append('\n');
            sb.append(timestamp(s.startTime(), '.')).append(" --> ").append(timestamp(s.endTime(), '.')).append('\n');
            for (String line : lines) {
                sb.append(line).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code HH:MM:SS<sep>mmm}, rounded to the millisecond; hours grow past 99 if they must. */
    static String timestamp(double seconds, char millisSeparator) {
        long totalMillis = Math.max(0, Math.round(seconds * 1000.0));
        long hours = totalMillis / 3_600_000;
        long minutes = totalMillis / 60_000 % 60;
        long secs = totalMillis / 1000 % 60;
        long millis = totalMillis % 1000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%c%03d", hours, minutes, secs, millisSeparator,
                millis);
    }

    private static List<String> lines(String text, java.util.function.UnaryOperator<String> escape) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String cleaned = stripControls(line).strip();
            if (!cleaned.isEmpty()) {
                out.add(escape.apply(cleaned));
            }
        }
        return out;
    }

    private static String stripControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                sb.append(' ');
            } else if (!Character.isISOControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escapeSrt(String line) {
        return line.replace('<', '‹').replace('>', '›');
    }

    private static String escapeVtt(String line) {
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
