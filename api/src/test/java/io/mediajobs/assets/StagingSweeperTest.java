package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingSweeperTest {

    @TempDir
    Path dir;

    @Test
    void removesOnlyStagedFilesOlderThanTheCutoff() throws IOException {
        Path old = Files.writeString(dir.resolve("old.part"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path fresh = Files.writeString(dir.resolve("fresh.part"), "x");

        assertThat(StagingSweeper.sweep(dir, Instant.now().minus(StagingSweeper.MAX_AGE))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() {
        assertThat(StagingSweeper.sweep(dir.resolve("absent"), Instant.now())).isZero();
    }
}
