package io.mediajobs.persistence;

/** A client's file name made safe to show and to put in Content-Disposition. It is metadata only, never a path. */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /**
     * Keeps the last path segment, drops control and invisible formatting characters (e.g. right-to-left
     * overrides), collapses whitespace and caps the length, keeping the extension when it can. Falls back to
     * {@code upload.<ext>}.
     */
    public static String sanitize(String original, String fallbackExtension) {
        String name = original == null ? "" : original;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                clean.append(' ');
            } else if (!Character.isISOControl(cp) && type != Character.FORMAT && type != Character.PRIVATE_USE
                    && type != Character.SURROGATE && type != Character.UNASSIGNED) {
                clean.appendCodePoint(cp);
            }
        });
        name = clean.toString().replaceAll(" +", " ").strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return "upload." + fallbackExtension;
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            int keep = MAX_LENGTH - ext.codePointCount(0, ext.length());
            name = name.substring(0, name.offsetByCodePoints(0, keep)) + ext;
        }
        return name;
    }
}
