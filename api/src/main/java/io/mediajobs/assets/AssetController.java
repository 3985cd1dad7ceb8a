package io.mediajobs.assets;

import io.mediajobs.persistence.Asset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ApiResponse;
import io.mediajobs.common.ByteSizes;
import io.mediajobs.common.Ids;
import io.mediajobs.common.Timestamps;
import io.mediajobs.security.CurrentUserId;

/** Upload, list, read, stream and delete the caller's media assets. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // as MediaUrlSigner: not in workers
class AssetController {

    private final AssetService assets;
    private final MediaUrlSigner signer;

    AssetController(AssetService assets, MediaUrlSigner signer) {
        this.assets = assets;
        this.signer = signer;
    }

    /** {@code data} of upload and read: {@code {asset}}. */
    record AssetData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) AssetView asset) {
    }

    /** {@code data} of the project's asset list. */
    record AssetListData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AssetView> assets) {
    }

    /** {@code data} of a delete: the id of the asset that is gone. */
    record DeletedAssetData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String assetId) {
    }

    /** {@code data} of a media-link request: the link (relative to the API origin) and its ISO-8601 expiry. */
    record MediaUrlData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String expiresAt) {
    }

    @PostMapping("/api/projects/{projectId}/assets")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<AssetData> upload(@CurrentUserId String userId, @PathVariable String projectId,
            @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        UUID project = Ids.parse(projectId, "projectId");
        if (file == null) {
            throw ApiException.badRequest("Expected a multipart/form-data request with a 'file' field");
        }
        if (file.isEmpty()) {
            throw ApiException.badRequest("The uploaded file is empty");
        }
        if (file.getSize() > assets.maxUploadBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                    "File is too large: the limit is " + ByteSizes.human(assets.maxUploadBytes()));
        }
        // The part is on disk already (multipart file-size-threshold 0); this streams it into storage.
        try (InputStream in = file.getInputStream()) {
            Asset asset = assets.upload(project, userId, file.getOriginalFilename(), in);
            return ApiResponse.ok(new AssetData(AssetView.of(asset)));
        }
    }

    @GetMapping("/api/projects/{projectId}/assets")
    ApiResponse<AssetListData> list(@CurrentUserId String userId, @PathVariable String projectId) {
        UUID project = Ids.parse(projectId, "projectId");
        return ApiResponse.ok(new AssetListData(assets.list(project, userId).stream().map(AssetView::of).toList()));
    }

    @GetMapping("/api/assets/{assetId}")
    ApiResponse<AssetData> get(@CurrentUserId String userId, @PathVariable String assetId) {
        return ApiResponse.ok(new AssetData(AssetView.of(owned(assetId, userId))));
    }

    /**
     * The bytes with the stored Content-Type. Returning a {@link Resource} lets Spring MVC answer
     * {@code Range} requests (206 with Content-Range, multipart/byteranges for several ranges) so players can
     * seek. Unsatisfiable or malformed ranges are answered here: Spring would send 416 with the whole file.
     */
    @GetMapping("/api/assets/{assetId}/content")
    ResponseEntity<Resource> content(@CurrentUserId String userId, @PathVariable String assetId,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
        return serve(owned(assetId, userId), range);
    }

    /**
     * The same bytes through a signed link from {@link #mediaUrl}, without a bearer token (SecurityConfig lets
     * these through): 403 for a bad signature, 401 once expired, 404 if the asset is no longer the user's.
     */
    @GetMapping(value = "/api/assets/{assetId}/content", params = MediaUrlSigner.SIGNATURE_PARAM)
    ResponseEntity<Resource> signedContent(@PathVariable String assetId,
            @RequestParam(name = MediaUrlSigner.USER_PARAM, required = false) String user,
            @RequestParam(name = MediaUrlSigner.EXPIRES_PARAM, required = false) String expires,
            @RequestParam(name = MediaUrlSigner.SIGNATURE_PARAM) String signature,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
        UUID id = Ids.parse(assetId, "assetId");
        String userId = signer.verify(id, user, expires, signature);
        return serve(assets.requireOwned(id, userId), range);
    }

    /**
     * Extension: {@code {url, expiresAt}}, a short-lived link to the asset's content that needs no bearer token,
     * for {@code <video>}, {@code <audio>} and download links (they cannot send one). {@code url} is relative to
     * the API's origin.
     */
    @PostMapping("/api/assets/{assetId}/media-url")
    ApiResponse<MediaUrlData> mediaUrl(@CurrentUserId String userId, @PathVariable String assetId) {
        Asset asset = owned(assetId, userId);
        MediaUrlSigner.SignedUrl link = signer.issue(asset.id(), userId);
        return ApiResponse.ok(new MediaUrlData(link.url(), Timestamps.iso(link.expiresAt())));
    }

    private ResponseEntity<Resource> serve(Asset asset, String range) throws IOException {
        Resource body = assets.content(asset);
        if (range != null && !satisfiable(range, body)) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + body.contentLength())
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(asset.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(asset.fileName(), StandardCharsets.UTF_8).build().toString())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(body);
    }

    @DeleteMapping("/api/assets/{assetId}")
    ApiResponse<DeletedAssetData> delete(@CurrentUserId String userId, @PathVariable String assetId) {
        Asset deleted = assets.delete(Ids.parse(assetId, "assetId"), userId);
        return new ApiResponse<>(true, new DeletedAssetData(deleted.id().toString()), "Asset deleted");
    }

    private static boolean satisfiable(String range, Resource body) {
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Asset owned(String assetId, String userId) {
        return assets.requireOwned(Ids.parse(assetId, "assetId"), userId);
    }
}
