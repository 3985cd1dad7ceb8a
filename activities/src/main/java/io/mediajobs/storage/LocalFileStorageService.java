package io.mediajobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** Files under one root directory; temp file + atomic move, so nothing partial is ever visible. */
public class LocalFileStorageService implements StorageService {

    /**
     * Names of the temp files writes go through, beside their target; a process killed mid-write leaves one (the
     * storage sweeper removes them once old).
     */
    public static final String TEMP_PREFIX = ".upload-";
    public static final String TEMP_SUFFIX = ".part";

    /** Keys are ours: path segments of safe characters only, no "..", no absolute paths. */
    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z0-9]{1,5}$");

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
        Path target = resolve(toKey);
        Files.createDirectories(target.getParent());
        // Same root, same file system: a rename, so the target is complete the moment it exists.
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredObject(toKey, Files.size(target));
    }

    @Override
    public Path localPath(String key) {
        return resolve(key);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid storage key: " + key);
        }
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

    private static long copyLimited(InputStream in, OutputStream out, long maxBytes) throws IOException {
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
