package io.mediajobs.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.mediajobs.common.ApiException;

/**
 * Short-lived signed links to an asset's bytes, for the elements that cannot send a bearer token ({@code <video>},
 * {@code <audio>}, a download link). The one place that issues and checks them: an object store can later issue its
 * own presigned URL from {@link #issue} instead.
 *
 * <p>A link is {@code /api/assets/{assetId}/content?user={userId}&expires={epoch seconds}&signature={sig}}, where
 * {@code sig} is base64url(HMAC-SHA256(key, "v1\n" + assetId + "\n" + expires + "\n" + userId)). It is bound to the
 * asset, the user and the expiry; changing any of them breaks the signature. Checking: a bad or missing signature
 * (tampered, another asset's, another user's) is 403 "Invalid media link"; a genuine but expired one is 401
 * "Media link expired"; the asset must still be the user's (404 otherwise, checked by the caller).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // only the API hands out links
public class MediaUrlSigner {

    private static final Logger log = LoggerFactory.getLogger(MediaUrlSigner.class);

    public static final String USER_PARAM = "user";
    public static final String EXPIRES_PARAM = "expires";
    public static final String SIGNATURE_PARAM = "signature";
    static final String INVALID = "Invalid media link: request a new one";
    static final String EXPIRED = "Media link expired: request a new one";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern CONTENT_PATH = Pattern.compile("^/api/assets/[^/]+/content$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,12}$");
    private static final int MIN_SECRET_LENGTH = 32;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /** A link issued for one asset: {@code url} is relative to the API's origin. */
    public record SignedUrl(String url, Instant expiresAt) {
    }

    @Autowired
    public MediaUrlSigner(MediaUrlProperties properties) {
        this(keyOf(properties), properties.ttl(), Clock.systemUTC());
    }

    MediaUrlSigner(byte[] key, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether a request asks for an asset's content with a signed link (it then needs no bearer token). */
    public static boolean isSignedContentRequest(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getParameter(SIGNATURE_PARAM) != null
                && CONTENT_PATH.matcher(request.getRequestURI()).matches();
    }

    /** A link to the asset's bytes for this user, valid for the configured ttl from now. */
    public SignedUrl issue(UUID assetId, String userId) {
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        long expires = expiresAt.getEpochSecond();
        String url = "/api/assets/" + assetId + "/content?" + USER_PARAM + "=" + URLEncoder.encode(userId,
                StandardCharsets.UTF_8) + "&" + EXPIRES_PARAM + "=" + expires + "&" + SIGNATURE_PARAM + "="
                + sign(assetId, String.valueOf(expires), userId);
        return new SignedUrl(url, expiresAt);
    }

    /**
     * Checks a link's parameters for {@code assetId}; returns the user it was issued to.
     *
     * @throws ApiException 403 (missing, malformed or wrong signature), 401 (expired)
     */
    public String verify(UUID assetId, String userId, String expires, String signature) {
        if (userId == null || userId.isEmpty() || expires == null || !DIGITS.matcher(expires).matches()
                || signature == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, INVALID);
        }
        byte[] expected = sign(assetId, expires, userId).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(HttpStatus.FORBIDDEN, INVALID);
        }
        if (clock.instant().getEpochSecond() >= Long.parseLong(expires)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, EXPIRED);
        }
        return userId;
    }

    private String sign(UUID assetId, String expires, String userId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("v1\n" + assetId + "\n" + expires + "\n" + userId)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The configured secret, else the generated key in keyFile (created on first start). */
    private static byte[] keyOf(MediaUrlProperties properties) {
        String secret = properties.secret();
        if (secret != null && !secret.isBlank()) {
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("MEDIA_URL_SECRET (mediajobs.media-urls.secret) must be at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        Path file = properties.keyFile().toAbsolutePath();
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
                if (key.length >= MIN_SECRET_LENGTH) {
                    return key;
                }
                throw new IllegalStateException("Media link key " + file + " is too short; delete it to regenerate");
            }
            byte[] key = new byte[MIN_SECRET_LENGTH];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".media-url-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a media link key in {}; set MEDIA_URL_SECRET where several API instances serve one"
                    + " address", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the media link key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Media link key " + file + " is unreadable; delete it to regenerate", e);
        }
    }
}
