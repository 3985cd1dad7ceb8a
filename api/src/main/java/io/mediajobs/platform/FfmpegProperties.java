package io.mediajobs.platform;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The FFmpeg binaries ({@code mediajobs.ffmpeg.*}; defaults in application.yml).
 *
 * @param ffmpegPath   ffmpeg executable ({@code FFMPEG_PATH}); blank = bytedeco's bundled binary, else {@code PATH}
 * @param ffprobePath  ffprobe executable ({@code FFPROBE_PATH}); blank = found like ffmpeg
 * @param probeTimeout how long ffprobe may take on one upload before it is refused ({@code FFPROBE_TIMEOUT})
 */
@ConfigurationProperties("mediajobs.ffmpeg")
@Validated
public record FfmpegProperties(String ffmpegPath, String ffprobePath,
        @NotNull @DurationMin(millis = 1, message = "must be positive (FFPROBE_TIMEOUT), e.g. PT30S")
        Duration probeTimeout) {
}
