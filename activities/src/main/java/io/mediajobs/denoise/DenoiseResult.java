package io.mediajobs.denoise;

import java.nio.file.Path;

/**
 * The finished output file, as ffprobe reads it back.
 *
 * @param output          where the file is (the destination the caller gave)
 * @param durationSeconds its duration
 * @param sampleRate      its sample rate in Hz
 * @param channels        its channel count
 * @param format          its format; {@link OutputFormat#contentType()} is the MIME type to store
 * @param algorithm       the algorithm that produced it
 * @param codec           its audio codec, as ffprobe names it (e.g. {@code mp3}, {@code aac})
 */
public record DenoiseResult(
        Path output,
        double durationSeconds,
        int sampleRate,
        int channels,
        OutputFormat format,
        DenoiseAlgorithm algorithm,
        String codec) {

    public String contentType() {
        return format.contentType();
    }
}
