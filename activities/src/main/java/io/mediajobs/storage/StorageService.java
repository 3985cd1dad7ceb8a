package io.mediajobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where asset bytes live. Keys are server-generated ({@code <projectId>/<assetId>.<ext>}); a client's file name
 * never becomes a path. Writes are atomic: a reader sees the whole file or nothing, and a failed write
 * leaves nothing behind.
 */
public interface StorageService {

    /** Streams {@code content} into storage under {@code key}, refusing more than {@code maxBytes}. */
    StoredObject store(String key, InputStream content, long maxBytes) throws IOException;

    /** Moves a finished local file (e.g. an FFmpeg output) into storage under {@code key}. */
    StoredObject importFile(String key, Path source) throws IOException;

    /**
     * Renames an object inside storage (e.g. a probed upload from its staging key to its final key). The
     * target appears whole or not at all; the source is gone afterwards. The default copies then deletes.
     */
    default StoredObject move(String fromKey, String toKey) throws IOException {
        StoredObject moved = importFile(toKey, localPath(fromKey));
        delete(fromKey);
        return moved;
    }

    /** A local path FFmpeg can read; for remote backends this would be a cached copy. */
    Path localPath(String key);

    boolean exists(String key);

    /** Deletes the object; false if there was nothing to delete. */
    boolean delete(String key) throws IOException;

    record StoredObject(String key, long sizeBytes) {
    }

    /** The content was larger than allowed; nothing was kept. */
    class SizeLimitExceededException extends IOException {
        public SizeLimitExceededException(long maxBytes) {
            super("File is larger than the limit of " + maxBytes + " bytes");
        }
    }
}
