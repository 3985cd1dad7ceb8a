package io.mediajobs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuContentionTest {

    private static final String STAT = """
            cpu  1000 50 200 5000 100 10 20 30 0 0
            cpu0 500 25 100 2500 50 5 10 15 0 0
            cpu1 500 25 100 2500 50 5 10 15 0 0
            intr 12345
            """;

    @Test
    void procStatBusyLeavesOutIdleAndIowait() {
        CpuContention.Ticks t = CpuContention.parseStat(STAT);

        assertThat(t.total()).isEqualTo(1000 + 50 + 200 + 5000 + 100 + 10 + 20 + 30);
        assertThat(t.busy()).isEqualTo(1000 + 50 + 200 + 10 + 20 + 30);
        assertThat(t.cpus()).isEqualTo(2);
    }

    @Test
    void selfStatIsUserPlusSystemTimeEvenWithSpacesInTheName() {
        String line = "4242 (java main) S 1 4242 4242 0 -1 4194560 500 0 0 0 1234 567 0 0 20 0 30 0 100 0\n";

        assertThat(CpuContention.parseSelf(line)).isEqualTo(1234 + 567);
        assertThatThrownBy(() -> CpuContention.parseStat("intr 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheProcFiles(@TempDir Path dir) throws Exception {
        Path stat = Files.writeString(dir.resolve("stat"), STAT);
        Path self = Files.writeString(dir.resolve("self"), "1 (x) R 1 1 1 0 -1 0 0 0 0 0 7 3 0 0\n");
        CpuContention.ProcSource source = new CpuContention.ProcSource(stat, self);

        assertThat(source.machine().cpus()).isEqualTo(2);
        assertThat(source.self()).isEqualTo(10);
        assertThat(new CpuContention.ProcSource(dir.resolve("none"), dir.resolve("none")).machine()).isNull();
    }

    /** Two cores over 2 s (400 ticks): another process busy on one core, ours on the other. */
    @Test
    void anotherBusyProcessOnOneOfTwoCoresIsContention() {
        CpuContention contention = new TwoSeconds(400, 400, 200).contention; // all busy; 200 of it ours

        assertThat(contention.otherCores()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(contention.contended(2)).isTrue();
        assertThat(contention.contended(1)).isFalse();
    }

    @Test
    void anIdleMachineOrOurOwnLoadIsNot() {
        CpuContention contention = new TwoSeconds(390, 400, 380).contention; // busy, but almost all of it ours

        assertThat(contention.otherCores()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(contention.contended(2)).isFalse();
    }

    @Test
    void tooShortAnIntervalKeepsThePreviousAnswer() {
        TwoSeconds f = new TwoSeconds(400, 400, 200);
        assertThat(f.contention.contended(2)).isTrue();

        f.now[0] += CpuContention.MIN_INTERVAL_NANOS / 2; // not measured again: the scripted sample stays unread
        f.source.next(400, 400, 400);
        assertThat(f.contention.contended(2)).isTrue();
        assertThat(f.source.samples).hasSize(1);
    }

    @Test
    void unreadableCountersMeanNoContention() {
        CpuContention.Source none = new CpuContention.Source() {
            @Override
            public CpuContention.Ticks machine() {
                return null;
            }

            @Override
            public long self() {
                return -1;
            }
        };
        long[] now = {0};
        CpuContention contention = new CpuContention(none, () -> now[0]);
        now[0] = 5_000_000_000L;

        assertThat(contention.otherCores()).isZero();
        assertThat(contention.contended(64)).isFalse();
    }

    /**
     * A contention on 2 CPUs measured first at all-zero counters, its clock then 2 s (400 ticks of 2 CPUs) later
     * with the counters {@code busy}, {@code total} and {@code self} queued for its next measurement.
     */
    static final class TwoSeconds {
        final Scripted source = new Scripted();
        final long[] now = {0};
        final CpuContention contention;

        TwoSeconds(long busy, long total, long self) {
            source.next(0, 0, 0);
            contention = new CpuContention(source, () -> now[0]);
            now[0] = 2_000_000_000L;
            source.next(busy, total, self);
        }
    }

    /** Hands out the queued (busy, total, self) samples in order, on 2 CPUs. */
    static final class Scripted implements CpuContention.Source {
        final Deque<long[]> samples = new ArrayDeque<>();
        private long[] current;

        void next(long busy, long total, long self) {
            samples.add(new long[] {busy, total, self});
        }

        @Override
        public CpuContention.Ticks machine() {
            current = samples.poll();
            return new CpuContention.Ticks(current[0], current[1], 2);
        }

        @Override
        public long self() {
            return current[2];
        }
    }
}
