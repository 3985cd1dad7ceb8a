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
    void writeTempFilesAKilledProcessLeftBesideTheirTargetsAreRemovedOnceOld() throws IOException {
        Path project = Files.createDirectories(dir.resolve("6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b"));
        Path abandoned = Files.writeString(project.resolve(".upload-123.part"), "half a result");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path beingWritten = Files.writeString(project.resolve(".upload-456.part"), "x");
        Path asset = Files.writeString(project.resolve("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b.mp3"), "x");
        Files.setLastModifiedTime(asset, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

        assertThat(StagingSweeper.sweepWriteTempFiles(dir, Instant.now().minus(StagingSweeper.MAX_AGE))).isEqualTo(1);
        assertThat(abandoned).doesNotExist();
        assertThat(beingWritten).exists();
        assertThat(asset).as("stored assets are never touched, however old").exists();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() {
        assertThat(StagingSweeper.sweep(dir.resolve("absent"), Instant.now())).isZero();
    }
}
