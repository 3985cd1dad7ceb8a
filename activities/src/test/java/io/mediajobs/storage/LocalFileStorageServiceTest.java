package io.mediajobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageServiceTest extends StorageServiceContract {

    @TempDir
    Path root;

    LocalFileStorageService storage;

    @BeforeEach
    void open() throws IOException {
        storage = new LocalFileStorageService(root);
    }

    @Override
    StorageService storage() {
        return storage;
    }

    @Test
    void aRefusedWriteLeavesNoTempFileBehind() throws IOException {
        storage.store("p/a.wav", new ByteArrayInputStream(new byte[10]), 10);
        try {
            storage.store("p/b.wav", new ByteArrayInputStream(new byte[11]), 10);
        } catch (StorageService.SizeLimitExceededException expected) {
            // the contract's concern; here: what is left on disk
        }
        try (Stream<Path> files = Files.list(root.resolve("p"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("a.wav");
        }
    }

    @Test
    void handsOutItsOwnFileAndKeysMapToPathsUnderTheRoot() throws IOException {
        storage.store("project/asset.mp3", new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);
        try (StorageService.LocalFile file = storage.localFile("project/asset.mp3")) {
            assertThat(file.path()).isEqualTo(root.toAbsolutePath().normalize().resolve("project/asset.mp3"));
        }
        assertThat(root.resolve("project/asset.mp3")).exists(); // released, not deleted
        assertThat(StorageKeys.publicPath("project/asset.mp3")).isEqualTo("/uploads/project/asset.mp3");
    }
}
