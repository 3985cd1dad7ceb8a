package io.mediajobs.media;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A program run through {@link ProcessRunner} ended badly: its exit status, whether a watchdog or a caller killed it,
 * and the tail of its stderr (for logs, never for users). {@link #isPermanent()} tells a retry apart from a refusal.
 */
public class ProcessFailedException extends IOException {

    /** Exit statuses of a process ended by a signal someone else sent (128 + SIGHUP, SIGINT, SIGKILL, SIGTERM). */
    private static final Set<Integer> SIGNALLED = Set.of(129, 130, 137, 143);

    /** stderr wordings of a machine problem rather than an input problem. */
    private static final List<String> RESOURCE_ERRORS = List.of("no space left on device", "cannot allocate memory",
            "resource temporarily unavailable", "input/output error", "too many open files");

    private final int exitCode;
    private final RunningProcess.KillReason killed;
    private final String stderrTail;

    public ProcessFailedException(String program, int exitCode, RunningProcess.KillReason killed, String stderrTail) {
        super(program + (killed == null ? "" : " was killed (" + killed.wording() + "),") + " exit code " + exitCode
                + (stderrTail.isEmpty() ? "" : ": " + stderrTail));
        this.exitCode = exitCode;
        this.killed = killed;
        this.stderrTail = stderrTail;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Why the process was killed, or null when it ended by itself. */
    public RunningProcess.KillReason killed() {
        return killed;
    }

    /** The last stderr lines, joined with " | "; possibly empty. */
    public String stderrTail() {
        return stderrTail;
    }

    /**
     * True when the program itself refused its input: it exited with an error status on its own, not killed by a
     * watchdog, a cancel or a signal, and not for lack of disk, memory or file handles. Running it again on the
     * same input fails the same way, so a job should fail at once rather than retry.
     */
    public boolean isPermanent() {
        if (killed != null || exitCode == 0 || SIGNALLED.contains(exitCode)) {
            return false;
        }
        String tail = stderrTail.toLowerCase(Locale.ROOT);
        return RESOURCE_ERRORS.stream().noneMatch(tail::contains);
    }
}
