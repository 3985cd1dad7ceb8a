package io.mediajobs.media;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for CPU-bound engine work (Whisper inference) that run at a lower scheduling priority than the rest of
 * the process: on a machine whose cores an engine keeps busy, the API's request threads, Temporal's heartbeats and
 * pollers still get the CPU when they need it (Linux CFS gives a nice-10 thread about a tenth of a nice-0 thread's
 * share while both are runnable; idle cores still go to the engine in full). Linux sets nice per thread
 * ({@code setpriority(PRIO_PROCESS, tid, n)}, see setpriority(2)); threads the engine starts from these inherit it.
 * Elsewhere, or where the call is refused, threads keep the normal priority (logged once).
 */
public final class EngineThreads {

    /** Nice value of engine threads: 0 (normal) to 19 (lowest). */
    public static final int NICE = 10;

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);
    private static final int PRIO_PROCESS = 0;
    private static volatile boolean warned;

    private EngineThreads() {
    }

    /** glibc's gettid(2) (glibc 2.30+) and setpriority(2). */
    private interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    private static final LibC LIBC = load();

    private static LibC load() {
        try {
            return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                    ? Native.load("c", LibC.class) : null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * A daemon-thread factory named {@code prefix-N} whose threads lower their own priority to {@link #NICE} before
     * running their first task.
     */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                lowerCurrentThread();
                r.run();
            }, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Sets the calling thread's nice value to {@link #NICE}.
     *
     * @return true if the operating system took it
     */
    public static boolean lowerCurrentThread() {
        boolean done = false;
        try {
            done = LIBC != null && LIBC.setpriority(PRIO_PROCESS, LIBC.gettid(), NICE) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            done = false;
        }
        if (!done && !warned) {
            warned = true;
            LOG.info("Engine threads run at normal priority (could not set nice {} on this system)", NICE);
        }
        return done;
    }
}
