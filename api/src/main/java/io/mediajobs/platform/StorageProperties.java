package io.mediajobs.platform;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Asset storage ({@code mediajobs.storage.*}; defaults in application.yml).
 *
 * @param type           where uploads and results live ({@code STORAGE}): {@code local} files under {@code root}
 *                       (the default), or an {@code s3} bucket
 * @param root           directory holding uploads, results and the staging area when {@code type} is local
 *                       ({@code STORAGE_ROOT})
 * @param maxUploadBytes largest upload accepted; larger ones are refused with 413 ({@code MAX_UPLOAD_SIZE},
 *                       e.g. {@code 2GB})
 * @param s3             the bucket when {@code type} is s3
 */
@ConfigurationProperties("mediajobs.storage")
@Validated
public record StorageProperties(
        @NotNull(message = "must be local or s3 (STORAGE)") Type type,
        @NotNull(message = "must be set (STORAGE_ROOT): the directory for uploads and results") Path root,
        @NotNull(message = "must be set (MAX_UPLOAD_SIZE), e.g. 2GB") DataSize maxUploadBytes,
        @Valid S3 s3) {

    /** The storage backends. */
    public enum Type {
        LOCAL, S3
    }

    /**
     * An S3 (or S3-compatible) bucket; credentials come from the AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID}
     * and {@code AWS_SECRET_ACCESS_KEY}, a profile, or the instance's role), never from here.
     *
     * @param endpoint  the S3 API's URL ({@code S3_ENDPOINT}), e.g. {@code http://seaweedfs:8333}; blank for AWS
     * @param bucket    an existing bucket ({@code S3_BUCKET})
     * @param region    the bucket's region ({@code S3_REGION}); S3-compatible servers accept any
     * @param pathStyle address the bucket as {@code <endpoint>/<bucket>} rather than {@code <bucket>.<host>}
     *                  ({@code S3_PATH_STYLE}; most S3-compatible servers need true)
     */
    public record S3(String endpoint, String bucket, String region, boolean pathStyle) {

        /** The endpoint, or null for AWS's own. */
        public URI endpointOrNull() {
            return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
        }

        @AssertTrue(message = "must be an http(s) URL, e.g. http://seaweedfs:8333 (S3_ENDPOINT), or blank for AWS")
        boolean isEndpointValid() {
            try {
                URI uri = endpointOrNull();
                return uri == null || (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    @AssertTrue(message = "STORAGE=s3 needs S3_BUCKET and S3_REGION")
    boolean isS3Complete() {
        return type != Type.S3 || (s3 != null && s3.bucket() != null && !s3.bucket().isBlank()
                && s3.region() != null && !s3.region().isBlank());
    }
}
