package io.mediajobs.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.common.ApiException;
import io.mediajobs.persistence.Asset;
import io.mediajobs.security.WithApiSecurity;

/**
 * Signed media links over the real security chain: issued to the owner only, accepted without a bearer token while
 * valid, and refused in the envelope when expired (401), tampered with or used for another asset or user (403), or
 * when the asset is no longer the user's (404).
 */
@WebMvcTest(AssetController.class)
@WithApiSecurity
@Import(SignedMediaUrlTest.Signing.class)
class SignedMediaUrlTest {

    private static final UUID PROJECT_ID = UUID.fromString("6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b");
    private static final UUID ASSET_ID = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final UUID OTHER_ASSET_ID = UUID.fromString("1e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final RequestPostProcessor ALICE = jwt().jwt(j -> j.subject("alice"));
    private static final RequestPostProcessor BOB = jwt().jwt(j -> j.subject("bob"));
    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2025-08-04T10:30:00Z");

    /** A clock the tests move forward. */
    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class Signing {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }

        @Bean
        MediaUrlSigner signer(MovableClock clock) {
            return new MediaUrlSigner("k".repeat(32).getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(10), clock);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MovableClock clock;

    @Autowired
    JsonMapper json;

    @MockitoBean
    AssetService assets;

    private static Asset asset(UUID id, String owner) {
        return new Asset(id, PROJECT_ID, owner, "talk.wav", "audio/wav", BYTES.length, Asset.Kind.AUDIO, 1.5, true,
                new Asset.Audio("pcm_s16le", 16000, 1), null, PROJECT_ID + "/" + id + ".wav",
                "/uploads/" + PROJECT_ID + "/" + id + ".wav", null, NOW);
    }

    @BeforeEach
    void alicesAsset() {
        clock.now = NOW;
        Asset asset = asset(ASSET_ID, "alice");
        given(assets.requireOwned(ASSET_ID, "alice")).willReturn(asset);
        given(assets.requireOwned(ASSET_ID, "bob")).willThrow(ApiException.notFound("Asset not found"));
        given(assets.content(asset)).willReturn(new ByteArrayResource(BYTES));
    }

    private UriComponents issue() throws Exception {
        String body = mvc.perform(post("/api/assets/" + ASSET_ID + "/media-url").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.expiresAt").value("2025-08-04T10:40:00.000Z"))
                .andReturn().getResponse().getContentAsString();
        String url = json.readTree(body).path("data").path("url").asString();
        assertThat(url).startsWith("/api/assets/" + ASSET_ID + "/content?user=alice&expires=");
        return UriComponentsBuilder.fromUriString(url).build();
    }

    private static String with(UriComponents link, String param, String value) {
        return UriComponentsBuilder.newInstance().uriComponents(link).replaceQueryParam(param, value).build()
                .toUriString();
    }

    @Test
    void aSignedLinkServesTheBytesWithoutABearerTokenAndHonoursRanges() throws Exception {
        UriComponents link = issue();
        mvc.perform(get(link.toUriString()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "audio/wav"))
                .andExpect(content().bytes(BYTES));
        mvc.perform(get(link.toUriString()).header("Range", "bytes=2-4"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 2-4/10"))
                .andExpect(content().string("234"));
    }

    @Test
    void anExpiredLinkIs401() throws Exception {
        UriComponents link = issue();
        clock.now = NOW.plus(Duration.ofMinutes(10));
        mvc.perform(get(link.toUriString()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().json("{\"success\":false,\"message\":\"Media link expired: request a new one\"}"));
    }

    @Test
    void aTamperedLinkIs403() throws Exception {
        UriComponents link = issue();
        String signature = link.getQueryParams().getFirst("signature");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        String later = String.valueOf(NOW.plus(Duration.ofDays(365)).getEpochSecond());
        for (String tampered : new String[] {with(link, "signature", flipped), with(link, "expires", later),
                with(link, "signature", ""), with(link, "expires", "soon"), with(link, "user", "")}) {
            mvc.perform(get(tampered))
                    .andExpect(status().isForbidden())
                    .andExpect(content().json(
                            "{\"success\":false,\"message\":\"Invalid media link: request a new one\"}"));
        }
    }

    @Test
    void aLinkForOneUserCannotBeTurnedIntoAnothers() throws Exception {
        mvc.perform(get(with(issue(), "user", "bob"))).andExpect(status().isForbidden());
    }

    @Test
    void aLinkForOneAssetDoesNotOpenAnother() throws Exception {
        String other = issue().toUriString().replace(ASSET_ID.toString(), OTHER_ASSET_ID.toString());
        mvc.perform(get(other))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("Invalid media link: request a new one"));
    }

    @Test
    void anotherUsersAssetGetsNoLink() throws Exception {
        mvc.perform(post("/api/assets/" + ASSET_ID + "/media-url").with(BOB))
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"success\":false,\"message\":\"Asset not found\"}"));
    }

    @Test
    void aValidLinkToAnAssetNoLongerTheUsersIs404() throws Exception {
        UriComponents link = issue();
        given(assets.requireOwned(ASSET_ID, "alice")).willThrow(ApiException.notFound("Asset not found"));
        mvc.perform(get(link.toUriString()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("Asset not found"));
    }

    @Test
    void issuingALinkNeedsABearerToken() throws Exception {
        mvc.perform(post("/api/assets/" + ASSET_ID + "/media-url")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/assets/" + ASSET_ID + "/content")).andExpect(status().isUnauthorized());
    }
}
