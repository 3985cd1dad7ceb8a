package io.mediajobs.platform;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The zero-setup embedded PostgreSQL ({@code mediajobs.database.*}; defaults in application.yml). Used only when
 * {@code embedded} is true (the dev profile) and no {@code spring.datasource.url} / {@code DATABASE_URL} is set.
 *
 * @param embedded     start PostgreSQL inside the application
 * @param embeddedDir  its data directory ({@code $DATA_DIR/postgres}), kept across restarts
 * @param embeddedPort its port; 0 = a free one
 */
@ConfigurationProperties("mediajobs.database")
@Validated
record DatabaseProperties(boolean embedded,
        @NotNull(message = "must be set: the embedded PostgreSQL's data directory") Path embeddedDir,
        @PositiveOrZero @Max(65535) int embeddedPort) {
}
