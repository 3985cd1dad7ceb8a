package io.mediajobs.workflows;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mediajobs.workflows.subtitles.SubtitleSegment;

/** The spec's {@code JobOutputData}: a result asset for noise removal, segments for subtitles. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobOutputData(String resultAssetId, String resultAssetPath, List<SubtitleSegment> subtitles) {

    public static JobOutputData resultAsset(String assetId, String path) {
        return new JobOutputData(assetId, path, null);
    }

    public static JobOutputData subtitles(List<SubtitleSegment> segments) {
        return new JobOutputData(null, null, List.copyOf(segments));
    }
}
