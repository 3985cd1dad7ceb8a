package io.mediajobs.denoise;

import io.mediajobs.wire.WireName;
import java.util.List;

/**
 * The audio file a job produces. {@code aac} is written in an MP4 (.m4a) container rather than raw ADTS, because
 * ADTS has no index or duration header and players and ffprobe can then only guess its length.
 */
public enum OutputFormat implements WireName {
    MP3("mp3", "mp3", "audio/mpeg", List.of("-c:a", "libmp3lame", "-b:a", "192k")),
    WAV("wav", "wav", "audio/wav", List.of("-c:a", "pcm_s16le")),
    FLAC("flac", "flac", "audio/flac", List.of("-c:a", "flac")),
    AAC("m4a", "mp4", "audio/mp4", List.of("-c:a", "aac", "-b:a", "160k"));

    /** Sample rates the MP3 format can carry (MPEG-1, -2 and -2.5 layer III). */
    private static final int[] MP3_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    /** Sample rates the AAC encoder accepts. */
    private static final int[] AAC_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200,
        96000};

    private final String extension;
    private final String muxer;
    private final String contentType;
    private final List<String> codecArgs;

    OutputFormat(String extension, String muxer, String contentType, List<String> codecArgs) {
        this.extension = extension;
        this.muxer = muxer;
        this.contentType = contentType;
        this.codecArgs = codecArgs;
    }

    /** File extension (without dot) that fits this format. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    String muxer() {
        return muxer;
    }

    List<String> codecArgs() {
        return codecArgs;
    }

    /** The nearest sample rate this format can store, so a 96 kHz input still encodes to MP3. */
    int supportedSampleRate(int wanted) {
        int[] rates = switch (this) {
            case MP3 -> MP3_RATES;
            case AAC -> AAC_RATES;
            case WAV, FLAC -> null;
        };
        if (rates == null || wanted <= 0) {
            return wanted;
        }
        int best = rates[0];
        for (int rate : rates) {
            if (Math.abs(rate - wanted) < Math.abs(best - wanted) || rate == wanted) {
                best = rate;
            }
        }
        return best;
    }
}
