package io.mediajobs.speech;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

import java.util.List;

/**
 * A finished transcription.
 *
 * @param segments            caption-shaped cues in time order (no overlaps, strictly increasing times)
 * @param mediaDurationSeconds the media's duration as probed
 * @param windowsTranscribed  windows sent to the recognizer in this call (not counting resumed ones)
 * @param windowsSkipped      windows with no speech energy, never sent to the recognizer
 */
public record Transcript(List<SubtitleSegment> segments, double mediaDurationSeconds, int windowsTranscribed,
                         int windowsSkipped) {

    public Transcript {
        segments = List.copyOf(segments);
    }

    /** All cue texts joined by single spaces: handy for search indexes and word error rates. */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (SubtitleSegment s : segments) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s.text().replace('\n', ' '));
        }
        return sb.toString();
    }
}
