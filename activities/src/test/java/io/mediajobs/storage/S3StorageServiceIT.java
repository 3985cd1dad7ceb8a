package io.mediajobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mediajobs.support.TestS3;

/**
 * The storage contract against a real S3 server: the SeaweedFS that {@code ./scripts/test} starts (S3_* variables),
 * plus what only a remote store can get wrong: downloaded copies released, a missing bucket or an unreachable
 * endpoint reported in our words.
 */
class S3StorageServiceIT extends StorageServiceContract {

    ScratchSpace scratch;
    S3StorageService storage;

    @BeforeEach
    void connect() {
        scratch = ScratchSpace.open(temp);
        storage = TestS3.storage(TestS3.bucket(), scratch);
    }

    @AfterEach
    void close() {
        storage.close();
        scratch.close();
    }

    @Override
    StorageService storage() {
        return storage;
    }

    @Test
    void aDownloadedCopyLivesInTheScratchSpaceUntilReleased() throws IOException {
        String key = key("speech.wav");
        storage.store(key, new ByteArrayInputStream(bytes(100)), 100);

        Path copy;
        try (StorageService.LocalFile file = storage.localFile(key)) {
            copy = file.path();
            assertThat(copy).startsWith(scratch.root()).exists();
        }
        assertThat(copy).doesNotExist();
        assertThat(copy.getParent()).doesNotExist();
    }

    @Test
    void stagingLeavesNothingInTheScratchSpaceOrTheBucket() throws IOException {
        try (StorageService.Staged staged = storage.stage(new ByteArrayInputStream(bytes(100)), 100)) {
            assertThat(staged.path()).startsWith(scratch.root());
        }
        assertThatThrownBy(() -> storage.stage(new ByteArrayInputStream(bytes(101)), 100))
                .isInstanceOf(StorageService.SizeLimitExceededException.class);
        try (Stream<Path> left = Files.list(scratch.root())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".owner.lock");
        }
    }

    @Test
    void aMissingBucketStopsStartUpInWords() {
        try (S3StorageService missing = TestS3.storage("no-such-bucket-" + System.nanoTime(), scratch)) {
            assertThatThrownBy(missing::verifyBucket).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not exist: create it or set S3_BUCKET");
        }
    }

    @Test
    void anUnreachableEndpointIsUnavailableNotARawSdkError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (S3StorageService down = S3StorageService.connect(URI.create("http://127.0.0.1:" + closedPort), "us-east-1",
                true, TestS3.bucket(), scratch)) {
            down.verifyBucket(); // logged only: the endpoint may come back
            assertThatThrownBy(() -> down.stat(key("a.wav")))
                    .isInstanceOf(StorageService.StorageUnavailableException.class)
                    .hasMessage("The S3 bucket '" + TestS3.bucket() + "' at http://127.0.0.1:" + closedPort
                            + " could not be reached");
        }
    }
}
