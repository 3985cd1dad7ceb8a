package io.mediajobs.media;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.bramp.ffmpeg.ProcessFunction;

/**
 * Starts ffmpeg-cli-wrapper's processes from an argument list (never a shell string) and kills any that
 * outlives its timeout, so a hostile or broken file can never hang a request or a worker.
 */
public final class TimeoutProcessFunction implements ProcessFunction {

    private final Duration timeout;

    public TimeoutProcessFunction(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Process run(List<String> args) throws IOException {
        Process process = new ProcessBuilder(args).start();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        });
        return process;
    }
}
