package io.mediajobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link StorageService} promises, run against each implementation: local files
 * ({@link LocalFileStorageServiceTest}) and a real S3 server ({@link S3StorageServiceIT}).
 */
abstract class StorageServiceContract {

    /** More than one S3 part, not a whole number of them. */
    static final int LARGE = 2 * S3StorageService.PART_SIZE + 12_345;

    @TempDir
    Path temp;

    /** The implementation under test; each test uses keys of its own. */
    abstract StorageService storage();

    /** A fresh key under a prefix of its own, e.g. {@code <uuid>/a.wav}. */
    static String key(String name) {
        return UUID.randomUUID() + "/" + name;
    }

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void storesStreamsAndStatsAnObject() throws IOException {
        String key = key("a.wav");
        assertThat(storage().store(key, new ByteArrayInputStream(bytes(10)), 10))
                .isEqualTo(new StorageService.StoredObject(key, 10));

        assertThat(storage().exists(key)).isTrue();
        assertThat(storage().stat(key)).contains(new StorageService.StoredObject(key, 10));
        try (InputStream in = storage().open(key, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(10));
        }
    }

    @Test
    void refusesOversizedContentLeavingNothing() {
        String small = key("b.wav");
        assertThatThrownBy(() -> storage().store(small, new ByteArrayInputStream(bytes(11)), 10))
                .isInstanceOf(StorageService.SizeLimitExceededException.class);
        assertThat(storage().exists(small)).isFalse();

        // Refused only after whole parts went up: the unfinished upload is discarded too.
        String large = key("c.wav");
        assertThatThrownBy(() -> storage().store(large, new ByteArrayInputStream(bytes(LARGE)), LARGE - 1))
                .isInstanceOf(StorageService.SizeLimitExceededException.class);
        assertThat(storage().exists(large)).isFalse();
    }

    @Test
    void storesContentLargerThanOnePartFromAStreamThatTricklesIn() throws IOException {
        String key = key("large.mp3");
        byte[] data = bytes(LARGE);
        // Short reads, as from a socket: the parts are still filled.
        InputStream trickle = new SequenceInputStream(new ByteArrayInputStream(data, 0, 1000),
                new ByteArrayInputStream(data, 1000, data.length - 1000));

        assertThat(storage().store(key, trickle, LARGE).sizeBytes()).isEqualTo(LARGE);

        try (InputStream in = storage().open(key, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // Exactly one part's worth, then the end.
        String exact = key("exact.mp3");
        assertThat(storage().store(exact, new ByteArrayInputStream(bytes(S3StorageService.PART_SIZE)), LARGE)
                .sizeBytes()).isEqualTo(S3StorageService.PART_SIZE);
        assertThat(storage().stat(exact).map(StorageService.StoredObject::sizeBytes))
                .contains((long) S3StorageService.PART_SIZE);
    }

    @Test
    void importsALocalFileReplacingWhatWasThere() throws IOException {
        String key = key("result.mp3");
        storage().store(key, new ByteArrayInputStream(bytes(5)), 100);
        Path file = Files.write(temp.resolve("out.mp3"), bytes(LARGE));

        assertThat(storage().importFile(key, file)).isEqualTo(new StorageService.StoredObject(key, LARGE));

        try (InputStream in = storage().open(key, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(LARGE));
        }
        assertThat(file).exists(); // a copy: the caller still owns its file
    }

    @Test
    void readsFromAnOffsetAndClosingEarlyIsFine() throws IOException {
        String key = key("seek.wav");
        byte[] data = bytes(LARGE);
        storage().store(key, new ByteArrayInputStream(data), LARGE);

        try (InputStream in = storage().open(key, 1_000_000)) {
            byte[] head = in.readNBytes(100);
            assertThat(head).isEqualTo(java.util.Arrays.copyOfRange(data, 1_000_000, 1_000_100));
        }
        try (InputStream in = storage().open(key, LARGE - 3)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, LARGE - 3, LARGE));
        }
        try (InputStream in = storage().open(key, LARGE)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThatThrownBy(() -> storage().open(key("missing.wav"), 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void movesWithinStorage() throws IOException {
        String from = StorageKeys.staging(UUID.randomUUID());
        String to = key("asset.mp3");
        storage().store(from, new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);

        assertThat(storage().move(from, to)).isEqualTo(new StorageService.StoredObject(to, 3));

        assertThat(storage().exists(from)).isFalse();
        try (InputStream in = storage().open(to, 0)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> storage().move(from, key("other.mp3"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void stagesAnUploadForProbingThenCommitsItUnderItsKey() throws IOException {
        String key = key("upload.wav");
        try (StorageService.Staged staged = storage().stage(new ByteArrayInputStream(bytes(LARGE)), LARGE)) {
            assertThat(staged.sizeBytes()).isEqualTo(LARGE);
            assertThat(Files.readAllBytes(staged.path())).isEqualTo(bytes(LARGE));
            assertThat(storage().exists(key)).isFalse();

            assertThat(staged.commit(key)).isEqualTo(new StorageService.StoredObject(key, LARGE));
        }
        try (InputStream in = storage().open(key, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(LARGE));
        }
    }

    @Test
    void aStagedUploadNotCommittedIsDiscardedAndAnOversizedOneRefused() throws IOException {
        Path staged;
        try (StorageService.Staged upload = storage().stage(new ByteArrayInputStream(bytes(10)), 10)) {
            staged = upload.path();
        }
        assertThat(staged).doesNotExist();
        assertThatThrownBy(() -> storage().stage(new ByteArrayInputStream(bytes(11)), 10))
                .isInstanceOf(StorageService.SizeLimitExceededException.class);
    }

    @Test
    void handsOutALocalFileForTools() throws IOException {
        String key = key("speech.wav");
        storage().store(key, new ByteArrayInputStream(bytes(1000)), 1000);

        try (StorageService.LocalFile file = storage().localFile(key)) {
            assertThat(Files.readAllBytes(file.path())).isEqualTo(bytes(1000));
            assertThat(file.path().getFileName().toString()).endsWith(".wav");
        }
        assertThatThrownBy(() -> storage().localFile(key("missing.wav"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletesOnce() throws IOException {
        String key = key("gone.mp3");
        storage().store(key, new ByteArrayInputStream(bytes(3)), 100);

        assertThat(storage().delete(key)).isTrue();
        assertThat(storage().delete(key)).isFalse();
        assertThat(storage().exists(key)).isFalse();
        assertThat(storage().stat(key)).isEqualTo(Optional.empty());
    }

    @Test
    void refusesKeysItDoesNotMake() {
        for (String key : new String[] {"../x.mp3", "/etc/passwd.txt", "a/../../b.mp3", "a b.mp3", "noext"}) {
            assertThatThrownBy(() -> storage().stat(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().localFile(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().store(key, InputStream.nullInputStream(), 1)).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
