package io.mediajobs.platform;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaProber;
import io.mediajobs.storage.LocalFileStorageService;
import io.mediajobs.storage.ScratchSpace;
import io.mediajobs.storage.StorageService;

/** The real FFmpeg binaries, the prober every upload goes through, asset storage and the process's scratch space. */
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

    /** Created at start-up, after sweeping what crashed processes left in the temp dir; removed on shutdown. */
    @Bean(destroyMethod = "close")
    ScratchSpace scratchSpace() {
        return ScratchSpace.open();
    }
}
