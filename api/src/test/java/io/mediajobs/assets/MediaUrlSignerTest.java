package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/** Where the signing key comes from: the configured secret, else one generated once and kept. */
class MediaUrlSignerTest {

    private static final UUID ASSET = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyIsKeptPrivateAndReusedSoLinksSurviveARestart() throws Exception {
        Path keyFile = dir.resolve("keys/media-url-key");
        MediaUrlProperties properties = new MediaUrlProperties("", keyFile, Duration.ofMinutes(5));
        String url = new MediaUrlSigner(properties).issue(ASSET, "alice").url();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        MultiValueMap<String, String> params = UriComponentsBuilder.fromUriString(url).build().getQueryParams();
        assertThat(new MediaUrlSigner(properties).verify(ASSET, "alice", params.getFirst("expires"),
                params.getFirst("signature"))).isEqualTo("alice");
    }

    @Test
    void aShortSecretStopsStartUp() {
        assertThatThrownBy(() -> new MediaUrlSigner(new MediaUrlProperties("short", dir.resolve("k"),
                Duration.ofMinutes(5))))
                .hasMessageContaining("MEDIA_URL_SECRET")
                .hasMessageContaining("at least 32 characters");
    }

    @Test
    void twoSecretsDoNotAcceptEachOthersLinks() {
        MediaUrlSigner one = new MediaUrlSigner(new MediaUrlProperties("a".repeat(32), dir, Duration.ofMinutes(5)));
        MediaUrlSigner two = new MediaUrlSigner(new MediaUrlProperties("b".repeat(32), dir, Duration.ofMinutes(5)));
        MultiValueMap<String, String> params =
                UriComponentsBuilder.fromUriString(one.issue(ASSET, "alice").url()).build().getQueryParams();
        assertThatThrownBy(() -> two.verify(ASSET, "alice", params.getFirst("expires"), params.getFirst("signature")))
                .hasMessage("Invalid media link: request a new one");
    }
}
