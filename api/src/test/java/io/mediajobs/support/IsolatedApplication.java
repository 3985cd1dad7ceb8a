package io.mediajobs.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For an integration test that breaks something on purpose (stops the database, fails Temporal calls): an
 * application of its own, with its own PostgreSQL server and task queue, so no other test's application (they stay
 * cached in the same JVM, reconciler and worker running) acts on its rows or jobs, nor it on theirs.
 */
public final class IsolatedApplication {

    private IsolatedApplication() {
    }

    /** The database, Temporal (the dev server of {@code scripts/test}), a fresh task queue and data dir. */
    public static void register(DynamicPropertyRegistry registry, RestartablePostgres postgres, String name) {
        // Fixed here: a supplier is asked again at every lookup, and the worker must poll the queue jobs go to.
        String taskQueue = name + "-" + UUID.randomUUID();
        String dataDir = TempDirs.createDeletedOnExit(name + "-").toString();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("spring.temporal.connection.target", IntegrationTest::temporalAddress);
        registry.add("mediajobs.temporal.task-queue", () -> taskQueue);
        registry.add("mediajobs.data-dir", () -> dataDir);
    }
}
