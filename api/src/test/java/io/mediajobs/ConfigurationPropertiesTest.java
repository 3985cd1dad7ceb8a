package io.mediajobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.mediajobs.platform.StorageProperties;
import io.mediajobs.platform.TemporalClientProperties;
import io.mediajobs.platform.WhisperProperties;

/**
 * The typed configuration on its own (no database, no Temporal): application.yml's defaults bind and validate, and
 * a bad value stops start-up with a message naming the property.
 */
class ConfigurationPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan
    static class AllProperties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(AllProperties.class);

    @Test
    void applicationYmlDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(WhisperProperties.class).poolSize()).isZero(); // one context per core
            assertThat(context.getBean(StorageProperties.class).maxUploadBytes()).isEqualTo(DataSize.ofGigabytes(2));
            TemporalClientProperties temporal = context.getBean(TemporalClientProperties.class);
            assertThat(temporal.callTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(temporal.describeTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void aNegativeWhisperPoolStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("mediajobs.speech.pool-size=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("\"mediajobs.speech.pool-size\"")
                    .hasMessageContaining("rejected value [-1]")
                    .hasMessageContaining("must be 0 (one context per core) or more (WHISPER_POOL_SIZE)");
        });
    }

    @Test
    void aMaximumMediaDurationOfZeroStopsStartUp() {
        runner.withPropertyValues("mediajobs.jobs.max-media-duration=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("\"mediajobs.jobs.max-media-duration\"")
                    .hasMessageContaining("must be at least 1 second");
        });
    }

    @Test
    void aZeroCallTimeoutStopsStartUp() {
        runner.withPropertyValues("mediajobs.temporal.call-timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("\"mediajobs.temporal.call-timeout\"")
                    .hasMessageContaining("must be positive");
        });
    }
}
