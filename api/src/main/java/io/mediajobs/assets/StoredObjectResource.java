package io.mediajobs.assets;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

import io.mediajobs.storage.StorageService;

/**
 * An object in {@link StorageService} as a Spring {@link org.springframework.core.io.Resource}, so Spring MVC serves
 * it with {@code Range} support whatever the backend. Spring reads a range by skipping to its start on a fresh
 * stream; that skip costs nothing here: the stream opens at the first read, at the offset skipped to (one ranged
 * GET on S3, a seek on local files).
 */
final class StoredObjectResource extends AbstractResource {

    private final StorageService storage;
    private final StorageService.StoredObject object;
    private final String fileName;

    StoredObjectResource(StorageService storage, StorageService.StoredObject object, String fileName) {
        this.storage = storage;
        this.object = object;
        this.fileName = fileName;
    }

    @Override
    public InputStream getInputStream() {
        return new OpenedOnFirstRead();
    }

    /** The size looked up when the resource was made: no second round trip per range. */
    @Override
    public long contentLength() {
        return object.sizeBytes();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public String getDescription() {
        return "stored object " + object.key();
    }

    /** Skips by moving the offset until the first read, which opens the object there. */
    private final class OpenedOnFirstRead extends InputStream {

        private long offset;
        private InputStream opened;

        @Override
        public long skip(long n) throws IOException {
            if (opened != null) {
                return opened.skip(n);
            }
            long skipped = Math.max(0, Math.min(n, object.sizeBytes() - offset));
            offset += skipped;
            return skipped;
        }

        @Override
        public int read() throws IOException {
            return stream().read();
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            return stream().read(buffer, off, len);
        }

        private InputStream stream() throws IOException {
            if (opened == null) {
                opened = storage.open(object.key(), offset);
            }
            return opened;
        }

        @Override
        public void close() throws IOException {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
