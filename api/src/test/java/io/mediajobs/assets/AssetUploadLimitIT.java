package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import io.mediajobs.common.ApiException;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TestApi;
import io.mediajobs.support.TestMedia;

/**
 * Upload size limits, with small limits so the test stays fast. This is the one extra application context of
 * the integration tests: both limits are start-up configuration (the multipart limit lives in the servlet
 * container), so they cannot change inside the shared context.
 */
@TestPropertySource(properties = {
        "spring.servlet.multipart.max-file-size=1MB",
        "spring.servlet.multipart.max-request-size=1MB",
        "mediajobs.storage.max-upload-bytes=256KB"})
class AssetUploadLimitIT extends IntegrationTest {

    @TempDir
    Path dir;

    @Value("${mediajobs.storage.root}")
    Path storageRoot;

    @Autowired
    AssetService assets;

    @Test
    void overTheStorageLimitIs413WithTheLimitInTheMessage() throws IOException {
        String project = AssetsIT.newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.randomBytes(dir, "big.wav", 300 * 1024, 1), "big.wav", "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.text()).isEqualTo("{\"success\":false,\"message\":\"File is too large: the limit is 256 KB\"}");
        assertNothingStored(project);
    }

    @Test
    void overTheMultipartLimitIs413() throws IOException {
        String project = AssetsIT.newProject(api);
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file",
                TestMedia.randomBytes(dir, "huge.mp4", 2 * 1024 * 1024, 2), "huge.mp4", "video/mp4");
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().at("/success").asBoolean()).isFalse();
        assertThat(r.json().at("/message").asString()).startsWith("File is too large");
        assertNothingStored(project);
    }

    @Test
    void aStreamThatTurnsOutLargerThanTheLimitIsCutOffAndNothingIsKept() throws IOException {
        String project = AssetsIT.newProject(api);
        byte[] tooMuch = new byte[256 * 1024 + 1];
        assertThatThrownBy(() -> assets.upload(UUID.fromString(project), api.userId(), "x.wav",
                new ByteArrayInputStream(tooMuch)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertNothingStored(project);
    }

    @Test
    void underTheLimitStillWorks() {
        String project = AssetsIT.newProject(api);
        Path wav = TestMedia.wav(dir, 1, 16000, 1); // ~32 KB
        TestApi.Response r = api.upload("/api/projects/" + project + "/assets", "file", wav, "ok.wav", "audio/wav");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void assertNothingStored(String project) throws IOException {
        for (Path d : List.of(storageRoot.resolve(project), storageRoot.resolve("incoming"))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    assertThat(files.toList()).as(d.toString()).isEmpty();
                }
            }
        }
    }
}
