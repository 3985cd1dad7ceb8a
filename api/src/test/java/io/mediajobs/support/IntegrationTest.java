package io.mediajobs.support;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the whole application on a random port, against a real PostgreSQL and the
 * real Temporal dev server that {@code scripts/test} started (its address in {@code TEMPORAL_ADDRESS}).
 * Each test works as fresh random users, so tests need no cleanup and cannot see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
public abstract class IntegrationTest {

    /** One task queue per test JVM, so a stale worker from another run can never take our tasks. */
    public static final String TASK_QUEUE = "media-jobs-it-" + UUID.randomUUID();

    /** Uploads, results and the dev key of this test JVM; removed when it exits. */
    static final java.nio.file.Path DATA_DIR = TempDirs.createDeletedOnExit("media-jobs-it-");

    @LocalServerPort
    protected int port;

    protected TestApi api;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealPostgres.Connection db = RealPostgres.get();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.temporal.connection.target", IntegrationTest::temporalAddress);
        registry.add("mediajobs.temporal.task-queue", () -> TASK_QUEUE);
        registry.add("mediajobs.data-dir", () -> DATA_DIR.toString());
    }

    /** The Temporal dev server that {@code scripts/test} started. */
    public static String temporalAddress() {
        String address = System.getenv("TEMPORAL_ADDRESS");
        if (address == null || address.isBlank()) {
            throw new IllegalStateException(
                    "TEMPORAL_ADDRESS is not set: run integration tests through ./scripts/test, which starts the "
                            + "Temporal dev server");
        }
        return address;
    }

    /** A client acting as a brand-new user (its own dev token). */
    protected TestApi asNewUser() {
        return TestApi.as(port, "user-" + UUID.randomUUID());
    }

    @BeforeEach
    void newUser() {
        api = asNewUser();
    }
}
