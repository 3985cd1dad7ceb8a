package io.mediajobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where asset bytes live: a local directory ({@link LocalFileStorageService}) or an S3 bucket
 * ({@link S3StorageService}). Keys are server-generated ({@code <projectId>/<assetId>.<ext>}); a client's file name
 * never becomes a path. Writes are atomic: a reader sees the whole object or nothing, and a failed write leaves
 * nothing behind. Nothing here assumes the caller shares a disk with the storage: readers stream ({@link #open}) or
 * take a copy they release ({@link #localFile}).
 *
 * <p>Every method may throw {@link StorageUnavailableException} when the storage cannot be reached; callers answer
 * 503 (API) or let Temporal retry (activities).
 */
public interface StorageService {

    /**
     * Streams {@code content} into storage under {@code key}, refusing more than {@code maxBytes} (nothing is kept
     * then). Memory stays bounded whatever the size.
     *
     * @throws SizeLimitExceededException when {@code content} holds more than {@code maxBytes}
     */
    StoredObject store(String key, InputStream content, long maxBytes) throws IOException;

    /**
     * Receives an upload that must be checked (probed) before it gets its key: {@code content} lands in a local file
     * the caller reads ({@link Staged#path()}), then {@link Staged#commit commits} under a key or discards by
     * closing. Local storage stages inside its root (commit is a rename); remote storage stages in the process's
     * {@link ScratchSpace} (commit is the one upload), so no unchecked bytes ever reach the bucket.
     *
     * @throws SizeLimitExceededException when {@code content} holds more than {@code maxBytes} (nothing is kept)
     */
    Staged stage(InputStream content, long maxBytes) throws IOException;

    /** Copies a finished local file (e.g. an FFmpeg output) into storage under {@code key}, replacing any object. */
    StoredObject importFile(String key, Path source) throws IOException;

    /**
     * Renames an object inside storage (e.g. a probed upload from its staging key to its final key), without its
     * bytes passing through this process. The target appears whole or not at all; the source is gone afterwards.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object {@code fromKey}
     */
    StoredObject move(String fromKey, String toKey) throws IOException;

    /** The object's key and size, or empty when there is none. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** Whether there is an object {@code key}. */
    default boolean exists(String key) {
        try {
            return stat(key).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look up " + key, e);
        }
    }

    /**
     * The object's bytes from {@code offset} (0-based) to its end, streamed; the caller closes the stream, and may
     * close it before the end.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object {@code key}
     */
    InputStream open(String key, long offset) throws IOException;

    /**
     * The object as a local file, for tools that need a path (ffprobe, FFmpeg, Whisper's decoder). Local storage
     * hands out its own file; remote storage downloads a copy into this process's {@link ScratchSpace}, deleted on
     * {@link LocalFile#close()}, so the disk used is bounded by the work in flight. Never write to the file.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object {@code key}
     */
    LocalFile localFile(String key) throws IOException;

    /** Deletes the object; false if there was nothing to delete. */
    boolean delete(String key) throws IOException;

    /** An object: its key and size in bytes. */
    record StoredObject(String key, long sizeBytes) {
    }

    /** A readable local file with an object's bytes; {@link #close()} releases it (deletes a downloaded copy). */
    interface LocalFile extends AutoCloseable {

        /** The file; valid until {@link #close()}. */
        Path path();

        @Override
        void close();
    }

    /** An upload received but not yet stored under a key; closing it discards it unless it was committed. */
    interface Staged extends LocalFile {

        /** Bytes received. */
        long sizeBytes();

        /**
         * Stores the staged bytes under {@code key} (whole or not at all); afterwards {@link #close()} only releases
         * the local file.
         */
        StoredObject commit(String key) throws IOException;
    }

    /** The content was larger than allowed; nothing was kept. */
    class SizeLimitExceededException extends IOException {
        public SizeLimitExceededException(long maxBytes) {
            super("File is larger than the limit of " + maxBytes + " bytes");
        }
    }

    /**
     * The storage could not be reached or refused to work (network, credentials, server error). The message is
     * ours, safe to log, and says which storage; the SDK's exception is the cause.
     */
    class StorageUnavailableException extends RuntimeException {
        public StorageUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
