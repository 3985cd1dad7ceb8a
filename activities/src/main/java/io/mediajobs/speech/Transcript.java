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
 * @param language            ISO 639-1 code the speech was decoded as (forced or detected); null if none was voiced
 * @param languageProbability the model's probability for {@code language} when it detected it, else null
 * @param model               the recognizer's model name, or null
 */
public record Transcript(List<SubtitleSegment> segments, double mediaDurationSeconds, int windowsTranscribed,
                         int windowsSkipped, String language, Double languageProbability, String model) {

    public Transcript {
        segments = List.copyOf(segments);
    }

    public Transcript(List<SubtitleSegment> segments, double mediaDurationSeconds, int windowsTranscribed,
                      int windowsSkipped) {
        this(segments, mediaDurationSeconds, windowsTranscribed, windowsSkipped, null, null, null);
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
