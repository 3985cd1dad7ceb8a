package io.mediajobs.storage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in one S3 bucket (AWS or any S3-compatible server: SeaweedFS, Ceph, R2...), through the SDK's synchronous
 * client. Uploads go up in {@link #PART_SIZE} parts (one part buffer in memory per upload in flight, whatever the
 * file's size; a multipart upload only when there is more than one part), and appear whole when S3 completes them.
 * A failed upload is aborted; one a crash interrupts is left to the bucket's lifecycle rule (README: abort
 * incomplete multipart uploads after a day). Uploads to be probed are staged in the scratch space ({@link #stage}),
 * so unchecked bytes never reach the bucket. Renames are server-side copies. Reads are ranged GETs; tools that need
 * a path get a copy downloaded into the process's {@link ScratchSpace}, deleted when released.
 *
 * <p>S3's own errors never reach callers as they are: a missing key is an empty result or
 * {@link NoSuchFileException}; everything else (unreachable endpoint, refused credentials, missing bucket, 5xx)
 * becomes {@link StorageUnavailableException} naming the bucket, with the SDK's exception as its cause.
 */
public final class S3StorageService implements StorageService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3StorageService.class);

    /** Bytes per uploaded part: S3's minimum is 5 MiB (but for the last); 10,000 parts make 80 GiB at most. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    /** The largest object a single CopyObject may copy; larger ones are copied in parts. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    /** Bytes per part of a multipart server-side copy. */
    static final long COPY_PART_SIZE = 512L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final ScratchSpace scratch;
    /** "S3 bucket 'media' at http://...": for messages. */
    private final String where;

    /**
     * @param s3       a client configured for the endpoint, region and credentials; closed with this service
     * @param bucket   an existing bucket
     * @param scratch  where {@link #localFile} downloads copies
     * @param endpoint the endpoint's description for messages (no credentials), e.g. its URL or "AWS"
     */
    public S3StorageService(S3Client s3, String bucket, ScratchSpace scratch, String endpoint) {
        this.s3 = s3;
        this.bucket = bucket;
        this.scratch = scratch;
        this.where = "S3 bucket '" + bucket + "' at " + endpoint;
    }

    /**
     * A service on a client built the way every instance connects: credentials from the SDK's default chain
     * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profile, instance or container role), checksums only
     * where S3 requires them (S3-compatible servers differ in the newer checksum headers), short connect timeouts so
     * an unreachable endpoint answers 503 within seconds.
     *
     * @param endpoint  the S3 API's URL, or null for AWS's own endpoint of {@code region}
     * @param region    e.g. {@code us-east-1} (S3-compatible servers accept any)
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (most S3-compatible
     *                  servers need it)
     */
    public static S3StorageService connect(URI endpoint, String region, boolean pathStyle, String bucket,
            ScratchSpace scratch) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new S3StorageService(builder.build(), bucket, scratch, endpoint != null ? endpoint.toString()
                : "AWS " + region);
    }

    /**
     * Checks at start-up that the bucket is there and the credentials may use it.
     *
     * @throws IllegalStateException when the bucket does not exist or access is refused (configuration errors that
     *                               restarting will not fix); an unreachable endpoint is only logged, requests answer
     *                               503 until it is back
     */
    public void verifyBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("The " + where + " does not exist: create it or set S3_BUCKET", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new IllegalStateException("The " + where + " does not exist: create it or set S3_BUCKET", e);
            }
            if (e.statusCode() == 403 || e.statusCode() == 401) {
                throw new IllegalStateException("Access to the " + where + " was refused (HTTP " + e.statusCode()
                        + "): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance's role", e);
            }
            log.warn("The {} answered HTTP {} at start-up; storage requests fail with 503 until it works",
                    where, e.statusCode());
        } catch (SdkClientException e) {
            log.warn("The {} is unreachable at start-up ({}); storage requests fail with 503 until it is back",
                    where, e.getMessage());
        }
    }

    @Override
    public StoredObject store(String key, InputStream content, long maxBytes) throws IOException {
        StorageKeys.requireValid(key);
        byte[] part = new byte[PART_SIZE];
        int length = readFully(content, part);
        if (length > maxBytes) {
            throw new SizeLimitExceededException(maxBytes);
        }
        if (length < PART_SIZE) {
            call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) length),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)));
            return new StoredObject(key, length);
        }
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int n = length;
            while (n > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new SizeLimitExceededException(maxBytes);
                }
                int number = parts.size() + 1;
                int size = n;
                String etag = call(() -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength((long) size),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, size), size)).eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                n = readFully(content, part);
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
            completed = true;
            return new StoredObject(key, total);
        } finally {
            if (!completed) {
                abortQuietly(key, uploadId);
            }
        }
    }

    /** Stages in the scratch space: nothing unchecked goes up, and committing is the one upload. */
    @Override
    public Staged stage(InputStream content, long maxBytes) throws IOException {
        Path dir = scratch.newDirectory("upload-");
        Path file = dir.resolve("upload.part");
        long size;
        try (OutputStream out = Files.newOutputStream(file)) {
            size = LocalFileStorageService.copyLimited(content, out, maxBytes);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
        return new Staged() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public long sizeBytes() {
                return size;
            }

            @Override
            public StoredObject commit(String key) throws IOException {
                return importFile(key, file);
            }

            @Override
            public void close() {
                deleteQuietly(dir);
            }
        };
    }

    @Override
    public StoredObject importFile(String key, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return store(key, in, Long.MAX_VALUE);
        }
    }

    @Override
    public StoredObject move(String fromKey, String toKey) throws IOException {
        StorageKeys.requireValid(toKey);
        long size = stat(fromKey).orElseThrow(() -> new NoSuchFileException(fromKey)).sizeBytes();
        if (size <= MAX_SINGLE_COPY) {
            call(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey)
                    .destinationBucket(bucket).destinationKey(toKey)));
        } else {
            copyInParts(fromKey, toKey, size);
        }
        delete(fromKey);
        return new StoredObject(toKey, size);
    }

    /** A server-side copy of an object over {@link #MAX_SINGLE_COPY}: UploadPartCopy of byte ranges. */
    private void copyInParts(String fromKey, String toKey, long size) {
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(toKey)).uploadId());
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += COPY_PART_SIZE) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + COPY_PART_SIZE, size) - 1);
                String etag = call(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(fromKey)
                        .destinationBucket(bucket).destinationKey(toKey).uploadId(uploadId).partNumber(number)
                        .copySourceRange(range)).copyPartResult().eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(toKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
            completed = true;
        } finally {
            if (!completed) {
                abortQuietly(toKey, uploadId);
            }
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        StorageKeys.requireValid(key);
        try {
            HeadObjectResponse head = call(() -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return Optional.of(new StoredObject(key, head.contentLength()));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        StorageKeys.requireValid(key);
        try {
            ResponseInputStream<GetObjectResponse> body = call(() -> s3.getObject(b -> b.bucket(bucket).key(key)
                    .range(offset > 0 ? "bytes=" + offset + "-" : null)));
            return new AbortOnEarlyClose(body);
        } catch (NotFound e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416 && offset > 0) {
                return InputStream.nullInputStream(); // the offset is at or past the end: nothing left to read
            }
            throw e;
        }
    }

    @Override
    public LocalFile localFile(String key) throws IOException {
        StorageKeys.requireValid(key);
        Path dir = scratch.newDirectory("s3-");
        // The key's own file name: FFmpeg may go by its extension.
        Path file = dir.resolve(key.substring(key.lastIndexOf('/') + 1));
        try {
            call(() -> s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(file)));
        } catch (NotFound e) {
            deleteQuietly(dir);
            throw new NoSuchFileException(key);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
        return new LocalFile() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public void close() {
                deleteQuietly(dir);
            }
        };
    }

    @Override
    public boolean delete(String key) {
        // DeleteObject answers the same whether or not the key existed; the HEAD tells the two apart.
        if (stat(key).isEmpty()) {
            return false;
        }
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * One S3 call, its failures translated: a missing key → {@link NotFound}; an unsatisfiable range stays as it is
     * (only {@link #open} asks for ranges, and answers it); the rest → unavailable.
     */
    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (NoSuchBucketException e) {
            throw new StorageUnavailableException("The " + where + " does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound(e);
            }
            if (e.statusCode() == 416) {
                throw e; // a range past the end: the caller's to answer
            }
            throw new StorageUnavailableException("The " + where + " refused the request (HTTP " + e.statusCode()
                    + ")", e);
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("The " + where + " could not be reached", e);
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.warn("Could not abort the multipart upload of {} to the {} (the bucket's lifecycle rule removes it):"
                    + " {}", key, where, e.toString());
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; the number of bytes read (0 at the end). */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not remove the downloaded copy in {}: {}", dir, e.toString());
        }
    }

    /** A 404 from S3, inside this class only. */
    private static final class NotFound extends RuntimeException {
        NotFound(S3Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /**
     * An object's body that, closed before its end, aborts the connection: the HTTP client would otherwise read the
     * rest of the object (maybe gigabytes) just to reuse the connection.
     */
    private static final class AbortOnEarlyClose extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> body;
        private boolean ended;

        AbortOnEarlyClose(ResponseInputStream<GetObjectResponse> body) {
            super(body);
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                body.abort();
            }
            super.close();
        }
    }
}
