package io.mediajobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageServiceTest {

    @TempDir
    Path root;

    @Test
    void storesAtomicallyAndRefusesOversizedContentLeavingNothing() throws IOException {
        LocalFileStorageService storage = new LocalFileStorageService(root);
        assertThat(storage.store("p/a.wav", new ByteArrayInputStream(new byte[10]), 10).sizeBytes()).isEqualTo(10);
        assertThat(storage.exists("p/a.wav")).isTrue();

        assertThatThrownBy(() -> storage.store("p/b.wav", new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(StorageService.SizeLimitExceededException.class);
        assertThat(storage.exists("p/b.wav")).isFalse();
        try (Stream<Path> files = Files.list(root.resolve("p"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("a.wav");
        }
    }

    @Test
    void movesBetweenKeysCreatingTheTargetDirectory() throws IOException {
        LocalFileStorageService storage = new LocalFileStorageService(root);
        storage.store("incoming/x.part", new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);

        StorageService.StoredObject moved = storage.move("incoming/x.part", "project/asset.mp3");

        assertThat(moved).isEqualTo(new StorageService.StoredObject("project/asset.mp3", 3));
        assertThat(storage.exists("incoming/x.part")).isFalse();
        assertThat(Files.readAllBytes(storage.localPath("project/asset.mp3"))).containsExactly(1, 2, 3);
        assertThat(StorageKeys.publicPath("project/asset.mp3")).isEqualTo("/uploads/project/asset.mp3");
    }

    @Test
    void refusesKeysThatCouldEscapeTheRoot() throws IOException {
        LocalFileStorageService storage = new LocalFileStorageService(root);
        for (String key : new String[] {"../x.mp3", "/etc/passwd.txt", "a/../../b.mp3", "a b.mp3", "noext"}) {
            assertThatThrownBy(() -> storage.localPath(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
