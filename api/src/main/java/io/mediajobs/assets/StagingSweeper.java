package io.mediajobs.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.mediajobs.platform.StorageProperties;
import io.mediajobs.storage.StorageKeys;

/**
 * Failed uploads clean up after themselves; only a crash mid-upload can leave a staged file behind. This
 * removes staged files old enough that no upload can still be using them (uploads from other instances
 * sharing the directory included).
 */
@Component
class StagingSweeper {

    private static final Logger log = LoggerFactory.getLogger(StagingSweeper.class);
    static final Duration MAX_AGE = Duration.ofHours(6);

    private final List<Path> dirs;

    StagingSweeper(StorageProperties storage) {
        Path base = storage.root().toAbsolutePath().normalize();
        this.dirs = List.of(base.resolve(StorageKeys.STAGING_PREFIX));
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void sweep() {
        for (Path dir : dirs) {
            int removed = sweep(dir, Instant.now().minus(MAX_AGE));
            if (removed > 0) {
                log.info("Removed {} abandoned file(s) from {}", removed, dir);
            }
        }
    }

    static int sweep(Path dir, Instant olderThan) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).toList();
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
