package io.mediajobs.assets;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.mediajobs.common.ApiException;
import io.mediajobs.persistence.Asset;
import io.mediajobs.security.WithApiSecurity;
import io.mediajobs.storage.StorageService;

/** The assets API over the real security chain and error envelope, with the asset service mocked. */
@WebMvcTest(AssetController.class)
@WithApiSecurity
class AssetControllerTest {

    private static final UUID PROJECT_ID = UUID.fromString("6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b");
    private static final UUID ASSET_ID = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final RequestPostProcessor ALICE = jwt().jwt(j -> j.subject("alice"));
    private static final RequestPostProcessor BOB = jwt().jwt(j -> j.subject("bob"));
    private static final MockMultipartFile WAV =
            new MockMultipartFile("file", "talk.wav", "audio/wav", new byte[] {1, 2, 3, 4});

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AssetService assets;

    @MockitoBean
    MediaUrlSigner signer;

    private static Asset asset() {
        return new Asset(ASSET_ID, PROJECT_ID, "alice", "talk.wav", "audio/wav", 4, Asset.Kind.AUDIO, 1.5, true,
                new Asset.Audio("pcm_s16le", 16000, 1), null, PROJECT_ID + "/" + ASSET_ID + ".wav",
                "/uploads/" + PROJECT_ID + "/" + ASSET_ID + ".wav", null, Instant.parse("2025-08-04T10:30:00Z"));
    }

    @Test
    void withoutATokenIs401InTheEnvelope() throws Exception {
        mvc.perform(get("/api/assets/" + ASSET_ID))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Authentication required: send 'Authorization: Bearer <token>'\"}"));
        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(WAV))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(assets);
    }

    @Test
    void uploadsForTheTokensSubject() throws Exception {
        given(assets.maxUploadBytes()).willReturn(1024L);
        given(assets.upload(eq(PROJECT_ID), eq("alice"), eq("talk.wav"), any())).willReturn(asset());
        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(WAV).with(ALICE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.asset.assetId").value(ASSET_ID.toString()))
                .andExpect(jsonPath("$.data.asset.kind").value("audio"))
                .andExpect(jsonPath("$.data.asset.video").doesNotExist());
    }

    @Test
    void anAssetListsEveryAudioStreamAndTheOneJobsUse() throws Exception {
        Asset a = asset();
        Asset twoTracks = new Asset(a.id(), a.projectId(), a.userId(), "talk.mp4", "video/mp4", 4, Asset.Kind.VIDEO,
                11.005333333333333, true, new Asset.Audio("aac", 44100, 2), new Asset.Video("mpeg4", 160, 120),
                a.storageKey(), a.storagePath(), null, a.createdAt(), List.of(new Asset.AudioStream(0, "aac", 44100, 2, "eng", true),
                        new Asset.AudioStream(1, "aac", 16000, 1, null, false)), 1);
        given(assets.requireOwned(ASSET_ID, "alice")).willReturn(twoTracks);
        mvc.perform(get("/api/assets/" + ASSET_ID).with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.asset.audioTrack").value(1))
                .andExpect(jsonPath("$.data.asset.durationSeconds").value(11.005)) // to the millisecond
                .andExpect(content().json("""
                        {"data":{"asset":{"audioStreams":[
                        {"index":0,"codec":"aac","sampleRate":44100,"channels":2,"language":"eng","default":true},
                        {"index":1,"codec":"aac","sampleRate":16000,"channels":1,"default":false}]}}}"""))
                .andExpect(jsonPath("$.data.asset.audioStreams[1].language").doesNotExist());
    }

    @Test
    void anAssetWithoutAudioHasNoAudioStreamsField() throws Exception {
        Asset a = asset();
        given(assets.requireOwned(ASSET_ID, "alice")).willReturn(new Asset(a.id(), a.projectId(), a.userId(),
                "film.mp4", "video/mp4", 4, Asset.Kind.VIDEO, 2.0, false, null, new Asset.Video("mpeg4", 160, 120),
                a.storageKey(), a.storagePath(), null, a.createdAt()));
        mvc.perform(get("/api/assets/" + ASSET_ID).with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.asset.audioStreams").doesNotExist())
                .andExpect(jsonPath("$.data.asset.audioTrack").doesNotExist());
    }

    @Test
    void anotherUsersAssetIs404() throws Exception {
        given(assets.requireOwned(ASSET_ID, "bob")).willThrow(ApiException.notFound("Asset not found"));
        given(assets.delete(ASSET_ID, "bob")).willThrow(ApiException.notFound("Asset not found"));
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                get("/api/assets/" + ASSET_ID), get("/api/assets/" + ASSET_ID + "/content"),
                delete("/api/assets/" + ASSET_ID)}) {
            mvc.perform(request.with(BOB))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string("{\"success\":false,\"message\":\"Asset not found\"}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/assets/a-1", "GET /api/assets/a-1/content", "DELETE /api/assets/a-1"})
    void malformedAssetIdIs400(String route) throws Exception {
        String[] methodAndPath = route.split(" ");
        MockHttpServletRequestBuilder request = methodAndPath[0].equals("GET")
                ? get(methodAndPath[1]) : delete(methodAndPath[1]);
        mvc.perform(request.with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"assetId must be a valid UUID\"}"));
        verifyNoInteractions(assets);
    }

    @Test
    void malformedProjectIdIs400() throws Exception {
        mvc.perform(get("/api/projects/p-1/assets").with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"projectId must be a valid UUID\"}"));
        mvc.perform(multipart("/api/projects/p-1/assets").file(WAV).with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"projectId must be a valid UUID\"}"));
        verifyNoInteractions(assets);
    }

    @Test
    void uploadWithoutAFileFieldIs400() throws Exception {
        String message =
                "{\"success\":false,\"message\":\"Expected a multipart/form-data request with a 'file' field\"}";
        MockMultipartFile wrongField = new MockMultipartFile("media", "talk.wav", "audio/wav", new byte[] {1});
        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(wrongField).with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(message));
        mvc.perform(post("/api/projects/" + PROJECT_ID + "/assets").with(ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(message));
        verify(assets, never()).upload(any(), any(), any(), any());
    }

    @Test
    void emptyUploadIs400() throws Exception {
        MockMultipartFile empty = new MockMultipartFile("file", "talk.wav", "audio/wav", new byte[0]);
        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(empty).with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"The uploaded file is empty\"}"));
        verify(assets, never()).upload(any(), any(), any(), any());
    }

    @Test
    void uploadOverTheLimitIs413() throws Exception {
        given(assets.maxUploadBytes()).willReturn(3L);
        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(WAV).with(ALICE))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.message").value("File is too large: the limit is 3 bytes"));
        verify(assets, never()).upload(any(), any(), any(), any());
    }

    @Test
    void storageThatCannotBeReachedIsA503InOurWordsNotTheSdks() throws Exception {
        given(assets.maxUploadBytes()).willReturn(1024L);
        given(assets.upload(eq(PROJECT_ID), eq("alice"), eq("talk.wav"), any())).willThrow(
                new StorageService.StorageUnavailableException("The S3 bucket 'media' at http://s3:8333 could not be"
                        + " reached", new IllegalStateException("Unable to execute HTTP request: Connect refused")));
        given(assets.requireOwned(ASSET_ID, "alice")).willReturn(asset());
        given(assets.content(any())).willThrow(new StorageService.StorageUnavailableException("down", null));

        mvc.perform(multipart("/api/projects/" + PROJECT_ID + "/assets").file(WAV).with(ALICE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"success\":false,"
                        + "\"message\":\"Service unavailable: file storage could not be reached, try again\"}", true));
        mvc.perform(get("/api/assets/" + ASSET_ID + "/content").with(ALICE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.message")
                        .value("Service unavailable: file storage could not be reached, try again"));
    }
}
