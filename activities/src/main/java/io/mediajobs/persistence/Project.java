package io.mediajobs.persistence;

import java.time.Instant;
import java.util.UUID;

/** A user's project: the container every asset and job lives in. */
public record Project(UUID id, String userId, String name, Instant createdAt) {
}
