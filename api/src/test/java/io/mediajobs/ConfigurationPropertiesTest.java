package io.mediajobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.mediajobs.denoise.DenoiseAlgorithm;
import io.mediajobs.platform.DenoiseProperties;
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
            assertThat(context.getBean(WhisperProperties.class).poolSize()).isZero(); // cores / threads: one context on up to 4 cores
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
                    .hasMessageContaining("must be 0 (cores / threads) or more (WHISPER_POOL_SIZE)");
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

    @Test
    void localStorageIsTheDefaultAndS3BindsFromItsVariables() {
        runner.run(context -> assertThat(context.getBean(StorageProperties.class).type())
                .isEqualTo(StorageProperties.Type.LOCAL));
        runner.withPropertyValues("mediajobs.storage.type=s3", "mediajobs.storage.s3.endpoint=http://seaweedfs:8333",
                "mediajobs.storage.s3.bucket=media", "mediajobs.storage.s3.path-style=true").run(context -> {
            assertThat(context).hasNotFailed();
            StorageProperties storage = context.getBean(StorageProperties.class);
            assertThat(storage.type()).isEqualTo(StorageProperties.Type.S3);
            assertThat(storage.s3().endpointOrNull()).hasToString("http://seaweedfs:8333");
            assertThat(storage.s3().region()).isEqualTo("us-east-1");
            assertThat(storage.s3().pathStyle()).isTrue();
        });
    }

    @Test
    void s3WithoutABucketOrWithABadEndpointStopsStartUp() {
        // Bucket blanked explicitly: scripts/test exports S3_BUCKET for the S3 tests, which application.yml reads.
        runner.withPropertyValues("mediajobs.storage.type=s3", "mediajobs.storage.s3.bucket=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("STORAGE=s3 needs S3_BUCKET and S3_REGION");
        });
        runner.withPropertyValues("mediajobs.storage.type=s3", "mediajobs.storage.s3.bucket=media",
                "mediajobs.storage.s3.endpoint=seaweedfs:8333").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("s3.endpointValid")
                    .hasMessageContaining("must be an http(s) URL");
        });
    }

    @Test
    void theOfferedNoiseAlgorithmsComeFromConfigurationNotAnEngine() {
        // Explicitly blank: scripts/test exports NOISE_MODEL_DIR, which application.yml reads.
        runner.withPropertyValues("mediajobs.noise.neural-model-dir=").run(context -> assertThat(
                context.getBean(DenoiseProperties.class).offeredAlgorithms()).containsExactlyInAnyOrder(DenoiseAlgorithm.MMSE, DenoiseAlgorithm.SPECTRAL));
        runner.withPropertyValues("mediajobs.noise.neural-model-dir=/models/dfn").run(context -> assertThat(
                context.getBean(DenoiseProperties.class).offeredAlgorithms()).contains(DenoiseAlgorithm.NEURAL));
        runner.withPropertyValues("mediajobs.noise.algorithms=mmse,neural").run(context -> assertThat(
                context.getBean(DenoiseProperties.class).offeredAlgorithms())
                .containsExactlyInAnyOrder(DenoiseAlgorithm.MMSE, DenoiseAlgorithm.NEURAL));
    }
}
