package io.mediajobs.media;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;


/**
 * The containers we accept, and the file extension and Content-Type each is stored and served with. Both come
 * from what ffprobe found, never from the client's file name or header: a client cannot choose how its bytes
 * are served. Anything else ffprobe can open (images, raw elementary streams, …) is refused.
 */
public final class MediaFormats {

    private static final Set<String> WEBM_VIDEO = Set.of("vp8", "vp9", "av1");
    private static final Set<String> WEBM_AUDIO = Set.of("opus", "vorbis");
    /** Containers whose timestamps are absolute: a stream that starts at 3 s is played after 3 s of nothing. */
    private static final Set<String> ABSOLUTE_TIMELINE = Set.of("mov", "mp4", "matroska", "webm");
    /**
     * Raw elementary streams: no timestamps are stored, so after a seek FFmpeg guesses them from the byte position
     * and the bitrate, and only a read from the start counts them exactly.
     */
    private static final Set<String> NO_TIMESTAMPS = Set.of("aac", "mp3", "ac3", "eac3", "amr", "dts", "truehd",
            "mlp");

    private MediaFormats() {
    }

    /** How a stored file is named and served. */
    public record StoredFormat(String extension, String contentType) {
    }

    public static Optional<StoredFormat> of(MediaInfo info) {
        List<String> names = names(info.formatName());
        boolean video = info.hasVideo();
        if (names.contains("mov") || names.contains("mp4")) {
            return Optional.of(video ? new StoredFormat("mp4", "video/mp4") : new StoredFormat("m4a", "audio/mp4"));
        }
        if (names.contains("matroska") || names.contains("webm")) {
            boolean webm = info.video().map(v -> WEBM_VIDEO.contains(v.codec())).orElse(true)
                    && info.audioStreams().stream().allMatch(a -> WEBM_AUDIO.contains(a.codec()));
            if (webm) {
                return Optional.of(new StoredFormat("webm", video ? "video/webm" : "audio/webm"));
            }
            return Optional.of(new StoredFormat("mkv", video ? "video/x-matroska" : "audio/x-matroska"));
        }
        String name = names.isEmpty() ? "" : names.get(0);
        return Optional.ofNullable(switch (name) {
            case "mp3" -> new StoredFormat("mp3", "audio/mpeg");
            case "wav" -> new StoredFormat("wav", "audio/wav");
            case "w64" -> new StoredFormat("w64", "audio/x-w64");
            case "flac" -> new StoredFormat("flac", "audio/flac");
            case "ogg" -> video ? new StoredFormat("ogv", "video/ogg") : new StoredFormat("ogg", "audio/ogg");
            case "aac" -> new StoredFormat("aac", "audio/aac");
            case "aiff" -> new StoredFormat("aiff", "audio/aiff");
            case "caf" -> new StoredFormat("caf", "audio/x-caf");
            case "amr" -> new StoredFormat("amr", "audio/amr");
            case "ac3" -> new StoredFormat("ac3", "audio/ac3");
            case "eac3" -> new StoredFormat("eac3", "audio/eac3");
            case "wv" -> new StoredFormat("wv", "audio/x-wavpack");
            case "avi" -> new StoredFormat("avi", "video/x-msvideo");
            case "asf" -> video ? new StoredFormat("wmv", "video/x-ms-wmv") : new StoredFormat("wma", "audio/x-ms-wma");
            case "flv" -> new StoredFormat("flv", "video/x-flv");
            case "mpegts" -> new StoredFormat("ts", "video/mp2t");
            case "mpeg" -> new StoredFormat("mpg", "video/mpeg");
            default -> null;
        });
    }

    /**
     * Whether presentation time 0 is file time 0 ({@link MediaInfo#originSeconds()}): true for MP4 (edit lists) and
     * Matroska; false where timestamps run on an arbitrary clock (MPEG-TS, Ogg...), where the first one is 0.
     */
    static boolean hasAbsoluteTimeline(String formatName) {
        return names(formatName).stream().anyMatch(ABSOLUTE_TIMELINE::contains);
    }

    /** Whether packets carry their own timestamps, so that a seek lands on true times (false for raw streams). */
    static boolean storesTimestamps(String formatName) {
        List<String> names = names(formatName);
        return !names.isEmpty() && !NO_TIMESTAMPS.contains(names.get(0));
    }

    private static List<String> names(String formatName) {
        return formatName == null ? List.of() : Arrays.stream(formatName.split(",")).map(String::trim).toList();
    }
}
