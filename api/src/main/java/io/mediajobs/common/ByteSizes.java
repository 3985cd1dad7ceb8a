package io.mediajobs.common;

/** Byte counts as people read them in messages, e.g. "File is too large: the limit is 2 GB". */
public final class ByteSizes {

    private ByteSizes() {
    }

    /** The largest binary unit (1 KB = 1024 bytes) that divides {@code bytes} exactly: "2 GB", "64 KB", "1000 bytes". */
    public static String human(long bytes) {
        long kib = 1024;
        long mib = kib * 1024;
        long gib = mib * 1024;
        if (bytes >= gib && bytes % gib == 0) {
            return bytes / gib + " GB";
        }
        if (bytes >= mib && bytes % mib == 0) {
            return bytes / mib + " MB";
        }
        if (bytes >= kib && bytes % kib == 0) {
            return bytes / kib + " KB";
        }
        return bytes + " bytes";
    }
}
