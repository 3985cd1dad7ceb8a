package io.mediajobs.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How many CPU cores other processes are keeping busy, from Linux's {@code /proc/stat} (all CPUs' busy and total
 * ticks) less this process's own ticks ({@code /proc/self/stat} {@code utime + stime}), over the time since the
 * previous measurement. Both files count in the same clock ticks ({@code USER_HZ}).
 *
 * <p>Why: whisper.cpp's decoder runs hundreds of small operations per token, each ending in a barrier of all its
 * threads. When another busy process takes one of the cores, one of those threads is often descheduled and the
 * others wait for it at every barrier: on 2 cores next to one other busy process, the 305 s benchmark set took
 * 67.4 s with two decoder threads and 38.7 s with one (docs/benchmarks.md). {@link WhisperModel} asks before each
 * window and decodes with one thread while the cores it was configured for are not free.
 *
 * <p>Limits: where the files are missing (not Linux) it reports no contention. In a container {@code /proc/stat}
 * is the host's, so a CPU quota or cpuset is not seen: contention counts only when too few of the host's cores
 * stay free. Niced processes count as busy. Other threads of this process (another model, Silero VAD) count as
 * its own. The first window after an idle spell is judged by the average over that spell.
 * Thread-safe.
 */
final class CpuContention {

    /** Measurements closer together than this keep the previous answer: a few ticks say little. */
    static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    /** The machine-wide counters, or null where they cannot be read. */
    record Ticks(long busy, long total, int cpus) {
    }

    interface Source {
        /** All CPUs' busy and total ticks, or null. */
        Ticks machine();

        /** This process's user + system ticks, or -1. */
        long self();
    }

    private final Source source;
    private final LongSupplier nanoTime;
    private long lastAt;
    private Ticks last;
    private long lastSelf;
    private double otherCores;

    CpuContention(Source source, LongSupplier nanoTime) {
        this.source = source;
        this.nanoTime = nanoTime;
        measure();
    }

    /** Reads {@code /proc/stat} and {@code /proc/self/stat}. */
    static CpuContention system() {
        return new CpuContention(new ProcSource(), System::nanoTime);
    }

    /**
     * Cores (a fraction, e.g. 0.97) that processes other than this one kept busy since the previous call that
     * measured (at least {@link #MIN_INTERVAL_NANOS} ago); 0 where unknown.
     */
    synchronized double otherCores() {
        if (nanoTime.getAsLong() - lastAt >= MIN_INTERVAL_NANOS) {
            Ticks before = last;
            long selfBefore = lastSelf;
            measure();
            if (before != null && last != null && selfBefore >= 0 && lastSelf >= 0) {
                long total = last.total() - before.total();
                long others = (last.busy() - before.busy()) - (lastSelf - selfBefore);
                otherCores = total <= 0 ? 0 : Math.max(0, others) * (double) last.cpus() / total;
            }
        }
        return otherCores;
    }

    /**
     * Whether {@code neededCores} (this process's threads) are not all free: the machine's CPUs less the cores
     * others kept busy, with half a core of slack for short bursts.
     */
    synchronized boolean contended(int neededCores) {
        double others = otherCores();
        return last != null && last.cpus() - others + 0.5 < neededCores;
    }

    private void measure() {
        lastAt = nanoTime.getAsLong();
        last = source.machine();
        lastSelf = source.self();
    }

    /** Linux's proc files. */
    static final class ProcSource implements Source {
        private final Path stat;
        private final Path selfStat;

        ProcSource() {
            this(Path.of("/proc/stat"), Path.of("/proc/self/stat"));
        }

        ProcSource(Path stat, Path selfStat) {
            this.stat = stat;
            this.selfStat = selfStat;
        }

        @Override
        public Ticks machine() {
            try {
                return parseStat(Files.readString(stat, StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public long self() {
            try {
                return parseSelf(Files.readString(selfStat, StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /**
     * {@code /proc/stat}'s first line {@code cpu user nice system idle iowait irq softirq steal ...}: busy = all but
     * idle and iowait; total = all of them; cpus = the {@code cpuN} lines.
     *
     * @throws IllegalArgumentException if there is no {@code cpu} line
     */
    static Ticks parseStat(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("cpu ")) {
            throw new IllegalArgumentException("no cpu line");
        }
        String[] f = lines[0].trim().split("\\s+");
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice)
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        int cpus = 0;
        for (String line : lines) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cpus++;
            }
        }
        return new Ticks(total - idle, total, Math.max(1, cpus));
    }

    /**
     * {@code /proc/self/stat}: {@code utime + stime}, fields 14 and 15, counted after the command name's closing
     * parenthesis (the name may hold spaces).
     *
     * @throws IllegalArgumentException if the line is not in that shape
     */
    static long parseSelf(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no command name");
        }
        String[] f = text.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
