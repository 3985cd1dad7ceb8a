package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class EngineThreadsTest {

    /** Field 19 of /proc/thread-self/stat (proc(5)): the calling thread's nice value. */
    private static int niceOfCurrentThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]); // fields after "(comm)" start at field 3
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void engineThreadsRunNicerThanTheRestOfTheProcess() throws Exception {
        int callerNice = niceOfCurrentThread();
        ExecutorService pool = Executors.newSingleThreadExecutor(EngineThreads.factory("test-engine"));
        try {
            CompletableFuture<Integer> nice = CompletableFuture.supplyAsync(() -> {
                try {
                    return niceOfCurrentThread();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(Math.max(callerNice, EngineThreads.NICE));
            assertThat(niceOfCurrentThread()).as("the caller keeps its priority").isEqualTo(callerNice);
        } finally {
            pool.shutdownNow();
        }
    }
}
