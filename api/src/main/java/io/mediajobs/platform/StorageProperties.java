package io.mediajobs.platform;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Asset storage ({@code mediajobs.storage.*}; defaults in application.yml).
 *
 * @param root           directory holding uploads, results and the staging area ({@code STORAGE_ROOT})
 * @param maxUploadBytes largest upload accepted; larger ones are refused with 413 ({@code MAX_UPLOAD_SIZE},
 *                       e.g. {@code 2GB})
 */
@ConfigurationProperties("mediajobs.storage")
@Validated
public record StorageProperties(
        @NotNull(message = "must be set (STORAGE_ROOT): the directory for uploads and results") Path root,
        @NotNull(message = "must be set (MAX_UPLOAD_SIZE), e.g. 2GB") DataSize maxUploadBytes) {
}
