package io.mediajobs.workflows;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mediajobs.workflows.subtitles.SubtitleActivities.SubtitleResult;
import io.mediajobs.workflows.subtitles.SubtitleSegment;

/**
 * The spec's {@code JobOutputData}: a result asset for noise removal, segments for subtitles; plus the extensions
 * {@code audioTrack}, the source's audio stream the job used (0-based among the asset's {@code audioStreams}),
 * absent for jobs submitted before it existed, and for subtitles {@code language} (ISO 639-1, detected or forced),
 * {@code languageProbability} (the model's confidence, when it detected the language) and {@code model} (the
 * weights that ran, e.g. "base-q5_1"). Absent fields are omitted from the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobOutputData(String resultAssetId, String resultAssetPath, List<SubtitleSegment> subtitles,
        Integer audioTrack, String language, Double languageProbability, String model) {

    /** Noise removal's output: the cleaned audio asset. */
    public static JobOutputData resultAsset(String assetId, String path) {
        return resultAsset(assetId, path, null);
    }

    /** @param audioTrack the source track that was cleaned, or null when unknown */
    public static JobOutputData resultAsset(String assetId, String path, Integer audioTrack) {
        return new JobOutputData(assetId, path, null, audioTrack, null, null, null);
    }

    /** Subtitle generation's output: the cues, seconds from the start of the media. */
    public static JobOutputData subtitles(List<SubtitleSegment> segments) {
        return subtitles(segments, null);
    }

    /** @param audioTrack the source track that was transcribed, or null when unknown */
    public static JobOutputData subtitles(List<SubtitleSegment> segments, Integer audioTrack) {
        return new JobOutputData(null, null, List.copyOf(segments), audioTrack, null, null, null);
    }

    /** Subtitle generation's output with its language and model. */
    public static JobOutputData subtitles(SubtitleResult result, Integer audioTrack) {
        return new JobOutputData(null, null, List.copyOf(result.segments()), audioTrack, result.language(),
                result.languageProbability(), result.model());
    }
}
