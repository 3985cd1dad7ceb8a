package io.mediajobs.support;

import java.net.URI;

import io.mediajobs.storage.S3StorageService;
import io.mediajobs.storage.ScratchSpace;

/**
 * The S3 server of the test run: {@code ./scripts/test} starts SeaweedFS and exports {@code S3_ENDPOINT},
 * {@code S3_BUCKET}, {@code S3_REGION}, {@code S3_PATH_STYLE} and the credentials ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, read by the SDK's default chain).
 */
public final class TestS3 {

    private TestS3() {
    }

    /** The test run's bucket (it exists). */
    public static String bucket() {
        return required("S3_BUCKET");
    }

    /** A service on the test server's bucket {@code bucket}, connected as production connects. */
    public static S3StorageService storage(String bucket, ScratchSpace scratch) {
        String region = System.getenv().getOrDefault("S3_REGION", "us-east-1");
        boolean pathStyle = Boolean.parseBoolean(System.getenv().getOrDefault("S3_PATH_STYLE", "true"));
        return S3StorageService.connect(URI.create(required("S3_ENDPOINT")), region, pathStyle, bucket, scratch);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run integration tests through ./scripts/test, which"
                    + " starts an S3 server (SeaweedFS)");
        }
        return value;
    }
}
