package io.mediajobs.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaProber;
import io.mediajobs.storage.LocalFileStorageService;
import io.mediajobs.storage.StorageService;

/** The real FFmpeg binaries, the prober every upload goes through, and asset storage. */
@Configuration
class MediaConfig {

    @Bean
    FfmpegBinaries ffmpegBinaries(@Value("${mediajobs.ffmpeg.ffmpeg-path:}") String ffmpeg,
            @Value("${mediajobs.ffmpeg.ffprobe-path:}") String ffprobe) {
        return FfmpegBinaries.locate(ffmpeg, ffprobe);
    }

    @Bean
    MediaProber mediaProber(FfmpegBinaries binaries,
            @Value("${mediajobs.ffmpeg.probe-timeout:PT30S}") Duration timeout) {
        return new MediaProber(binaries, timeout);
    }

    @Bean
    StorageService storageService(@Value("${mediajobs.storage.root}") Path root) throws IOException {
        return new LocalFileStorageService(root);
    }
}
