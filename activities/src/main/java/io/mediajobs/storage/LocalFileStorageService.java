package io.mediajobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files under one root directory; temp file + atomic move, so nothing partial is ever visible. */
public class LocalFileStorageService implements StorageService {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStorageService.class);

    /**
     * Names of the temp files writes go through, beside their target; a process killed mid-write leaves one (the
     * storage sweeper removes them once old).
     */
    public static final String TEMP_PREFIX = ".upload-";
    public static final String TEMP_SUFFIX = ".part";

    private final Path root;

    public LocalFileStorageService(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public StoredObject store(String key, InputStream content, long maxBytes) throws IOException {
        return writeAtomically(key, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                copyLimited(content, out, maxBytes);
            }
        });
    }

    /** Stages under {@link StorageKeys#staging} inside the root, so committing is a rename on the same disk. */
    @Override
    public Staged stage(InputStream content, long maxBytes) throws IOException {
        String stagingKey = StorageKeys.staging(UUID.randomUUID());
        long size = store(stagingKey, content, maxBytes).sizeBytes();
        Path path = resolve(stagingKey);
        return new Staged() {
            private boolean committed;

            @Override
            public Path path() {
                return path;
            }

            @Override
            public long sizeBytes() {
                return size;
            }

            @Override
            public StoredObject commit(String key) throws IOException {
                StoredObject stored = move(stagingKey, key);
                committed = true;
                return stored;
            }

            @Override
            public void close() {
                if (!committed) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        log.warn("Could not remove staged upload {} (the staging sweeper will): {}", path,
                                e.toString());
                    }
                }
            }
        };
    }

    @Override
    public StoredObject importFile(String key, Path source) throws IOException {
        // Copy then rename: the source may sit on another file system (e.g. /tmp).
        return writeAtomically(key, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Writes through a temp file beside the target, then renames it: readers see the whole file or nothing. */
    private StoredObject writeAtomically(String key, TempFileWriter writer) throws IOException {
        Path target = resolve(key);
        Path tmp = tempFileFor(target);
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredObject(key, Files.size(target));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @FunctionalInterface
    private interface TempFileWriter {
        void write(Path tmp) throws IOException;
    }

    @Override
    public StoredObject move(String fromKey, String toKey) throws IOException {
        Path source = resolve(fromKey);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(fromKey);
        }
        Path target = resolve(toKey);
        Files.createDirectories(target.getParent());
        // Same root, same file system: a rename, so the target is complete the moment it exists.
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredObject(toKey, Files.size(target));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        Path path = resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(new StoredObject(key, attributes.size()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(resolve(key));
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    /** The stored file itself (nothing to copy: it is on this disk); closing it does nothing. */
    @Override
    public LocalFile localFile(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(key);
        }
        return new LocalFile() {
            @Override
            public Path path() {
                return path;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        StorageKeys.requireValid(key);
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Storage key escapes the root: " + key);
        }
        return path;
    }

    private static Path tempFileFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), TEMP_PREFIX, TEMP_SUFFIX);
    }

    /**
     * Copies {@code in} to {@code out}, at most {@code maxBytes}.
     *
     * @return bytes copied
     * @throws SizeLimitExceededException as soon as {@code in} holds more
     */
    static long copyLimited(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new SizeLimitExceededException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }
}
