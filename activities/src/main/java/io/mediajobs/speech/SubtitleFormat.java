package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The caption file formats, written by one writer: an optional header, then per cue its number, {@code start --> end}
 * and its text lines, then a blank line. Blank lines inside a cue would end it early, so they are dropped (a cue
 * left without text is left out and the numbering stays dense); control characters are removed, tabs become spaces.
 * The formats differ only in header, millisecond separator, line end and how cue text is neutralised.
 */
public enum SubtitleFormat {

    /**
     * SubRip: {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, CRLF line ends. SRT has no escape syntax, but players parse
     * {@code <i>}-style tags, so {@code <} / {@code >} become the look-alike {@code ‹} / {@code ›} (and {@code -->}
     * cannot appear in text).
     */
    SRT("srt", "application/x-subrip", "", ',', "\r\n") {
        @Override
        String escape(String line) {
            return line.replace('<', '‹').replace('>', '›');
        }
    },

    /**
     * WebVTT: {@code WEBVTT} header, {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}, LF line ends; text escaped as the
     * WebVTT spec requires ({@code &amp; &lt; &gt;}).
     */
    WEBVTT("vtt", "text/vtt", "WEBVTT\n\n", '.', "\n") {
        @Override
        String escape(String line) {
            return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    };

    private final String extension;
    private final String mediaType;
    private final String header;
    private final char millisSeparator;
    private final String lineEnd;

    SubtitleFormat(String extension, String mediaType, String header, char millisSeparator, String lineEnd) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.header = header;
        this.millisSeparator = millisSeparator;
        this.lineEnd = lineEnd;
    }

    /** The file name extension without the dot: {@code srt}, {@code vtt}. */
    public String extension() {
        return extension;
    }

    /** The format whose file name extension is {@code extension} ({@code srt}, {@code vtt}), if any. */
    public static Optional<SubtitleFormat> ofExtension(String extension) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
    }

    /** The media type without parameters: {@code application/x-subrip}, {@code text/vtt}. */
    public String mediaType() {
        return mediaType;
    }

    /** The whole file for these cues (times in seconds from the start of the media), as text. */
    public String write(List<SubtitleSegment> segments) {
        StringBuilder sb = new StringBuilder(header);
        int index = 1;
        for (SubtitleSegment s : segments) {
            List<String> lines = lines(s.text());
            if (lines.isEmpty()) {
                continue;
            }
            sb.append(index++).append(lineEnd);
            sb.append(timestamp(s.startTime(), millisSeparator)).append(" --> ")
                    .append(timestamp(s.endTime(), millisSeparator)).append(lineEnd);
            for (String line : lines) {
                sb.append(line).append(lineEnd);
            }
            sb.append(lineEnd);
        }
        return sb.toString();
    }

    /** One cleaned, non-blank line of cue text made safe for this format. */
    abstract String escape(String line);

    /** {@code HH:MM:SS<sep>mmm}, rounded to the millisecond; hours grow past 99 if they must. */
    static String timestamp(double seconds, char millisSeparator) {
        long totalMillis = Math.max(0, Math.round(seconds * 1000.0));
        long hours = totalMillis / 3_600_000;
        long minutes = totalMillis / 60_000 % 60;
        long secs = totalMillis / 1000 % 60;
        long millis = totalMillis % 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", hours, minutes, secs, millisSeparator, millis);
    }

    private List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String cleaned = stripControls(line).strip();
            if (!cleaned.isEmpty()) {
                out.add(escape(cleaned));
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
}
