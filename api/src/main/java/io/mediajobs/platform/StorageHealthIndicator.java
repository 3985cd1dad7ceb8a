package io.mediajobs.platform;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.mediajobs.storage.StorageService;

/**
 * The {@code storage} component of {@code /actuator/health}: does asset storage answer right now (for S3: a HEAD of a
 * key that need not exist, so a reachable bucket with working credentials is UP)?
 */
@Component("storage")
class StorageHealthIndicator implements HealthIndicator {

    /** Looked up, never written: its absence is the normal answer. */
    static final String PROBE_KEY = "health/probe.txt";

    private final StorageService storage;
    private final StorageProperties properties;

    StorageHealthIndicator(StorageService storage, StorageProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public Health health() {
        String type = properties.type().name().toLowerCase();
        try {
            storage.exists(PROBE_KEY);
            return Health.up().withDetail("type", type).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("type", type).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
