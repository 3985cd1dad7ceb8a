package io.mediajobs.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.mediajobs.platform.StorageProperties;
import io.mediajobs.storage.LocalFileStorageService;
import io.mediajobs.storage.StorageKeys;

/**
 * Failed uploads clean up after themselves; only a crash mid-write can leave a file behind: a staged upload, or the
 * temp file any write into storage goes through (beside its target, e.g. a job's result being stored when its
 * worker was killed). This removes such files old enough that no write can still be using them (writes from other
 * instances sharing the directory included; a file being written keeps a fresh modification time). Local storage
 * only: S3 storage stages in the scratch space, swept with it, and the bucket's lifecycle rule aborts interrupted
 * multipart uploads (README, {@code STORAGE}).
 */
@Component
@ConditionalOnProperty(name = "mediajobs.storage.type", havingValue = "local", matchIfMissing = true)
class StagingSweeper {

    private static final Logger log = LoggerFactory.getLogger(StagingSweeper.class);
    static final Duration MAX_AGE = Duration.ofHours(6);

    private final Path root;

    StagingSweeper(StorageProperties storage) {
        this.root = storage.root().toAbsolutePath().normalize();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void sweep() {
        Instant cutoff = Instant.now().minus(MAX_AGE);
        int removed = sweep(root.resolve(StorageKeys.STAGING_PREFIX), cutoff) + sweepWriteTempFiles(root, cutoff);
        if (removed > 0) {
            log.info("Removed {} abandoned file(s) from {}", removed, root);
        }
    }

    /** Storage's write temp files, beside their targets ({@code <projectId>/.upload-*.part}), older than the cutoff. */
    static int sweepWriteTempFiles(Path root, Instant olderThan) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", root, e.toString());
            return 0;
        }
        int removed = 0;
        for (Path dir : dirs) {
            removed += sweep(dir, olderThan, name -> name.startsWith(LocalFileStorageService.TEMP_PREFIX)
                    && name.endsWith(LocalFileStorageService.TEMP_SUFFIX));
        }
        return removed;
    }

    static int sweep(Path dir, Instant olderThan) {
        return sweep(dir, olderThan, name -> true);
    }

    private static int sweep(Path dir, Instant olderThan, Predicate<String> named) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(f -> named.test(f.getFileName().toString())).toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", dir, e.toString());
            return 0;
        }
        int removed = 0;
        for (Path file : files) {
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(olderThan) && Files.deleteIfExists(file)) {
                    removed++;
                }
            } catch (IOException e) {
                log.warn("Cannot remove abandoned upload {}: {}", file, e.toString());
            }
        }
        return removed;
    }
}
