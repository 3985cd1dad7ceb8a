package io.mediajobs.denoise;

import java.time.Duration;

/** How long one FFmpeg process may run for media of a given duration before it is killed. */
@FunctionalInterface
public interface ProcessTimeoutPolicy {

    Duration timeoutFor(double mediaDurationSeconds);

    /**
     * Two minutes plus twice the media duration: the slowest algorithm (neural) runs at about 8x real time on
     * two cores, so this is more than ten times what a healthy run needs, yet a hung process still dies.
     */
    static ProcessTimeoutPolicy generous() {
        return seconds -> Duration.ofSeconds(120).plusMillis((long) (Math.max(0, seconds) * 2000));
    }
}
