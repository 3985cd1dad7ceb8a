package io.mediajobs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * This process's scratch space, the one place temporary work files live: {@code <base>/mediajobs-scratch-<pid>-<n>}
 * (base: the system temp dir), holding every work directory ({@link #newDirectory}): noise removal's, with the
 * engine's {@code .partial} output, and the engine calibration's clips.
 *
 * <p>A process that dies without cleaning up (kill -9, OOM kill, power loss) would leave them forever, so each
 * process holds an exclusive lock on its root's {@code .owner.lock} for as long as it lives; the operating system
 * releases it when the process dies, however it dies. On start, {@link #open} deletes every other root whose lock
 * it can take (its owner is gone) and leaves the roots of processes still running on the same machine alone
 * (locked), so workers sharing a machine and a temp dir never delete each other's files. Work directories older
 * versions created directly in the temp dir ({@code mediajobs-denoise-*}, {@code mediajobs-calibration-*}) are
 * removed once nothing in them has changed for {@link #LEGACY_MAX_AGE}.
 */
public final class ScratchSpace implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScratchSpace.class);

    static final String ROOT_PREFIX = "mediajobs-scratch-";
    static final String LOCK_FILE = ".owner.lock";
    static final List<String> LEGACY_PREFIXES = List.of("mediajobs-denoise-", "mediajobs-calibration-");
    static final Duration LEGACY_MAX_AGE = Duration.ofDays(1);
    /** A root without a lock file yet is being created by a starting process, unless it is older than this. */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);

    /**
     * Roots this JVM owns. Their locks must not be probed from here: on Linux, closing any channel of a file drops
     * every lock this process holds on it.
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path root;
    /** Held for the process's life; {@link FileLock#channel()} is the open lock file. */
    private final FileLock lock;

    private ScratchSpace(Path root, FileLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /** Sweeps what dead processes left in the system temp dir, then opens this process's scratch space there. */
    public static ScratchSpace open() {
        return open(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Sweeps what dead processes left in {@code base}, then creates and locks this process's root in it.
     *
     * @throws UncheckedIOException if the root cannot be created or locked
     */
    public static ScratchSpace open(Path base) {
        Path absoluteBase = base.toAbsolutePath().normalize();
        int removed = sweep(absoluteBase, Instant.now().minus(LEGACY_MAX_AGE));
        if (removed > 0) {
            log.info("Removed {} scratch director{} left in {} by processes that are gone", removed,
                    removed == 1 ? "y" : "ies", absoluteBase);
        }
        try {
            Files.createDirectories(absoluteBase);
            Path root = Files.createTempDirectory(absoluteBase, ROOT_PREFIX + ProcessHandle.current().pid() + "-");
            FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IOException("another process locked the new scratch root " + root);
            }
            OWNED.add(root);
            return new ScratchSpace(root, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a scratch directory in " + absoluteBase, e);
        }
    }

    /** This process's root; removed when it closes. */
    public Path root() {
        return root;
    }

    /**
     * A new, empty directory for one piece of work, e.g. {@code denoise-123}; the caller deletes it when done (what a
     * crash leaves is swept with the root).
     */
    public Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(root, prefix);
    }

    /** Deletes the root with everything in it and releases the lock. */
    @Override
    public void close() {
        try {
            FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            log.warn("Could not remove scratch directory {}: {}", root, e.toString());
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            log.warn("Could not release the lock of {}: {}", root, e.toString());
        }
        OWNED.remove(root);
    }

    /**
     * Deletes, in {@code base}, the scratch roots of processes that are gone and legacy work directories untouched
     * since {@code legacyCutoff}.
     *
     * @return how many directories were removed
     */
    static int sweep(Path base, Instant legacyCutoff) {
        List<Path> candidates;
        try (Stream<Path> list = Files.list(base)) {
            candidates = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            log.warn("Cannot list {} to remove abandoned scratch files: {}", base, e.toString());
            return 0;
        }
        int removed = 0;
        for (Path dir : candidates) {
            String name = dir.getFileName().toString();
            boolean abandoned = name.startsWith(ROOT_PREFIX) ? ownerIsGone(dir)
                    : LEGACY_PREFIXES.stream().anyMatch(name::startsWith) && untouchedSince(dir, legacyCutoff);
            if (abandoned && delete(dir)) {
                removed++;
            }
        }
        return removed;
    }

    /** Its owner is gone when its lock can be taken (a process's locks die with it). */
    private static boolean ownerIsGone(Path root) {
        if (OWNED.contains(root)) {
            return false;
        }
        Path lockFile = root.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return untouchedSince(root, Instant.now().minus(UNLOCKED_GRACE)); // else a process is still creating it
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false; // held by a live process
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held in this JVM
        } catch (IOException e) {
            log.warn("Cannot tell whether scratch directory {} is in use; leaving it: {}", root, e.toString());
            return false;
        }
    }

    /** Nothing in the tree changed since {@code cutoff}. */
    private static boolean untouchedSince(Path dir, Instant cutoff) {
        FileTime limit = FileTime.from(cutoff);
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(limit) < 0;
                } catch (IOException e) {
                    return false; // vanished or unreadable: not ours to judge
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean delete(Path dir) {
        try {
            return FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not remove abandoned scratch directory {}: {}", dir, e.toString());
            return false;
        }
    }
}
