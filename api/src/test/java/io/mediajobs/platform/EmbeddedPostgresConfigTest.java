package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The zero-setup database's pool takes the same {@code spring.datasource.hikari.*} settings as a configured one, so
 * a stopped database fails requests within the connection timeout here too.
 */
class EmbeddedPostgresConfigTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DatabaseProperties.class)
    @Import(EmbeddedPostgresConfig.class)
    static class Embedded {
    }

    @Test
    void thePoolUsesTheHikariPropertiesOfApplicationYml() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Embedded.class)
                .withPropertyValues("mediajobs.database.embedded=true",
                        "mediajobs.database.embedded-dir=" + dataDir,
                        "spring.datasource.hikari.maximum-pool-size=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(1500);
                    assertThat(pool.getValidationTimeout()).isEqualTo(1000);
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(JdbcClient.create(pool).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
                });
    }
}
