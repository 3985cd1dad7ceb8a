package io.mediajobs.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mediajobs.media.RunningProcess.KillReason;

/** The shared process runner on real processes: watchdogs, cancellation, tree kills, the stderr tail. */
class ProcessRunnerTest {

    /** A shell with two sleeping children: killing only the shell would orphan them. */
    private static final List<String> TREE = List.of("/bin/sh", "-c", "sleep 30 & sleep 30 & wait");

    @Test
    void maxRuntimeKillsTheWholeTreeAndSaysSo() throws Exception {
        long start = System.nanoTime();
        RunningProcess process = ProcessRunner.of(TREE).discardStdout().maxRuntime(Duration.ofMillis(700)).start();
        List<ProcessHandle> children = childrenOf(process);

        assertThat(process.awaitExit(Duration.ofSeconds(10))).isTrue();

        assertThat(elapsedMillis(start)).isLessThan(3000);
        assertThat(process.killReason()).contains(KillReason.MAX_RUNTIME);
        assertAllDead(children);
        assertThatThrownBy(process::checkSuccess).isInstanceOf(IOException.class)
                .hasMessageStartingWith("sh was killed (max runtime), exit code ");
    }

    @Test
    void throwingTickKillsTheTreeAtOnceAndIsRethrown() throws Exception {
        RunningProcess process = ProcessRunner.of(TREE).discardStdout().start();
        List<ProcessHandle> children = childrenOf(process);
        CompletableFuture<Void> pump = new CompletableFuture<>();
        RuntimeException cancel = new RuntimeException("heartbeat says cancelled");
        long start = System.nanoTime();
        List<Long> ticks = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> RunningProcess.awaitAll("Stage", List.of(process), pump, Duration.ofMillis(100),
                () -> {
                    ticks.add(elapsedMillis(start));
                    if (ticks.size() == 4) {
                        throw cancel;
                    }
                })).isSameAs(cancel);

        assertThat(elapsedMillis(start)).isLessThan(1500);
        assertThat(ticks).hasSize(4);
        assertThat(process.isAlive()).isFalse();
        assertThat(process.killReason()).contains(KillReason.REQUESTED);
        assertThat(pump.isCancelled()).isTrue();
        assertAllDead(children);
    }

    @Test
    void interruptKillsTheTreeAndKeepsTheFlag() throws Exception {
        RunningProcess process = ProcessRunner.of(TREE).discardStdout().start();
        List<ProcessHandle> children = childrenOf(process);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                RunningProcess.awaitAll("Stage", List.of(process), null, Duration.ofMillis(250), () -> { });
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        Thread.sleep(300);
        long start = System.nanoTime();
        waiter.interrupt();
        waiter.join(5000);

        assertThat(elapsedMillis(start)).isLessThan(1500);
        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessage("Stage was interrupted");
        assertThat(flag.get()).isTrue();
        assertThat(process.isAlive()).isFalse();
        assertAllDead(children);
    }

    @Test
    void stallWatchdogKillsABlockedReadButNotASlowReader() throws Exception {
        RunningProcess silent = ProcessRunner.of(List.of("sleep", "30")).stallTimeout(Duration.ofSeconds(1)).start();
        long start = System.nanoTime();
        assertThat(silent.stdout().read()).isEqualTo(-1); // EOF once the watchdog killed it
        assertThat(elapsedMillis(start)).isBetween(900L, 4000L);
        assertThat(silent.killReason()).contains(KillReason.STALL);

        // the caller not reading (busy elsewhere) is not a stall
        try (RunningProcess slow = ProcessRunner.of(List.of("/bin/sh", "-c", "sleep 2; echo done"))
                .stallTimeout(Duration.ofSeconds(1)).start()) {
            Thread.sleep(2500);
            assertThat(new String(slow.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("done\n");
            assertThat(slow.awaitExit(Duration.ofSeconds(5))).isTrue();
            assertThat(slow.killReason()).isEmpty();
            slow.checkSuccess();
        }
    }

    @Test
    void stderrTailIsBoundedKeepsTheLastLinesAndGoesIntoTheFailure() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        RunningProcess process = ProcessRunner.of(List.of("/bin/sh", "-c",
                        "i=1; while [ $i -le 100 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 3"))
                .discardStdout().tailLines(5)
                .onStderrLine(line -> {
                    seen.add(line);
                    return !line.equals("line 99"); // e.g. a progress key: observed, not kept
                })
                .start();

        assertThat(process.awaitExit(Duration.ofSeconds(10))).isTrue();

        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(seen).hasSize(100).endsWith("line 100");
        assertThat(process.stderrTail()).isEqualTo("line 95 | line 96 | line 97 | line 98 | line 100");
        assertThatThrownBy(process::checkSuccess).isInstanceOf(IOException.class)
                .hasMessage("sh exit code 3: line 95 | line 96 | line 97 | line 98 | line 100");
        assertThat(process.killReason()).isEmpty();
    }

    @Test
    void overlongStderrLinesAreCut() throws Exception {
        RunningProcess process = ProcessRunner.of(List.of("/bin/sh", "-c",
                "i=0; while [ $i -lt 300 ]; do printf 0123456789 >&2; i=$((i+1)); done")).start();
        assertThat(process.awaitExit(Duration.ofSeconds(10))).isTrue();
        assertThat(process.stderrTail()).hasSize(RunningProcess.MAX_LINE_CHARS);
    }

    @Test
    void realFfmpegFailureCarriesItsOwnMessage() throws Exception {
        FfmpegBinaries binaries = FfmpegBinaries.fromEnvironment();
        RunningProcess process = ProcessRunner.of(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-i", "/nonexistent/input.wav", "-f", "null", "-")).discardStdout().start();
        assertThat(process.awaitExit(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(process::checkSuccess).isInstanceOf(IOException.class)
                .hasMessageStartingWith("ffmpeg exit code ")
                .hasMessageContaining("No such file or directory");
    }

    /** Waits until the shell has started its children, so the test can check they die too. */
    private static List<ProcessHandle> childrenOf(RunningProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = process.process().descendants().toList();
            if (children.size() >= 2) {
                return children;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell did not start its children");
    }

    private static void assertAllDead(List<ProcessHandle> handles) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (handles.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(handles).noneMatch(ProcessHandle::isAlive);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
