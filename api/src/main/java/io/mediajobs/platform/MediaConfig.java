package io.mediajobs.platform;

import java.io.IOException;

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
    FfmpegBinaries ffmpegBinaries(FfmpegProperties ffmpeg) {
        return FfmpegBinaries.locate(ffmpeg.ffmpegPath(), ffmpeg.ffprobePath());
    }

    @Bean
    MediaProber mediaProber(FfmpegBinaries binaries, FfmpegProperties ffmpeg) {
        return new MediaProber(binaries, ffmpeg.probeTimeout());
    }

    @Bean
    StorageService storageService(StorageProperties storage) throws IOException {
        return new LocalFileStorageService(storage.root());
    }
}
