package io.mediajobs.platform;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediajobs.media.FfmpegBinaries;
import io.mediajobs.media.MediaProber;
import io.mediajobs.storage.LocalFileStorageService;
import io.mediajobs.storage.S3StorageService;
import io.mediajobs.storage.ScratchSpace;
import io.mediajobs.storage.StorageService;

/**
 * The real FFmpeg binaries, the prober every upload goes through, asset storage (local or S3) and the process's
 * scratch space.
 */
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

    /**
     * Local files (the zero-setup default) or an S3 bucket ({@code STORAGE=s3}). A bucket that does not exist or
     * refuses the credentials stops start-up with a message saying so; an unreachable endpoint does not (requests
     * answer 503 until it is back).
     */
    @Bean
    StorageService storageService(StorageProperties storage, ScratchSpace scratch) throws IOException {
        if (storage.type() == StorageProperties.Type.S3) {
            StorageProperties.S3 s3 = storage.s3();
            S3StorageService service = S3StorageService.connect(s3.endpointOrNull(), s3.region(), s3.pathStyle(),
                    s3.bucket(), scratch);
            service.verifyBucket();
            return service;
        }
        return new LocalFileStorageService(storage.root());
    }

    /** Created at start-up, after sweeping what crashed processes left in the temp dir; removed on shutdown. */
    @Bean(destroyMethod = "close")
    ScratchSpace scratchSpace() {
        return ScratchSpace.open();
    }
}
