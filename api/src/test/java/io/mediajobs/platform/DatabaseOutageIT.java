package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import io.mediajobs.support.IsolatedApplication;
import io.mediajobs.support.RestartablePostgres;
import io.mediajobs.support.TestApi;

/**
 * PostgreSQL stops under a running application: every endpoint answers 503 in the envelope within 2 s (not a 500
 * after Hikari's default 30 s), health says DOWN, and once the database is back the same process serves again, with
 * nothing lost. Its own database server (the shared one must never stop) and no workers of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@DirtiesContext
class DatabaseOutageIT {

    private static final RestartablePostgres POSTGRES = RestartablePostgres.started();
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, POSTGRES, "database-outage-it");
        registry.add("spring.temporal.start-workers", () -> "false"); // no jobs run here
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    @Test
    void whileTheDatabaseIsDownEveryEndpointAnswers503PromptlyAndItRecoversWithoutARestart() {
        TestApi api = TestApi.as(port, "user-" + UUID.randomUUID());
        TestApi.Response created = api.post("/api/projects", Map.of("name", "made before the outage"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String projectId = created.json().at("/data/project/projectId").asString();

        POSTGRES.stop();

        List<Runnable> requests = List.of(
                () -> assertUnavailable(api, "GET /api/projects", () -> api.get("/api/projects")),
                () -> assertUnavailable(api, "GET /api/projects/{id}", () -> api.get("/api/projects/" + projectId)),
                () -> assertUnavailable(api, "POST /api/projects",
                        () -> api.post("/api/projects", Map.of("name", "during the outage"))),
                () -> assertUnavailable(api, "GET /api/ai/jobs", () -> api.get("/api/ai/jobs")),
                () -> assertUnavailable(api, "POST /api/ai/noise-removal", () -> api.post("/api/ai/noise-removal",
                        Map.of("assetId", UUID.randomUUID().toString(), "projectId", projectId))),
                () -> assertUnavailable(api, "POST /api/ai/jobs/{id}/cancel",
                        () -> api.postEmpty("/api/ai/jobs/" + UUID.randomUUID() + "/cancel")));
        requests.forEach(Runnable::run);

        long start = System.nanoTime();
        TestApi.Response health = TestApi.anonymous(port).get("/actuator/health");
        assertThat(elapsed(start)).as("health answered in").isLessThan(PROMPT.plusSeconds(1));
        assertThat(health.status()).as(health.toString()).isEqualTo(503);
        assertThat(health.json().at("/status").asString()).isEqualTo("DOWN");
        assertThat(health.json().at("/components/db/status").asString()).isEqualTo("DOWN");

        POSTGRES.start();

        TestApi.Response listed = untilOk(() -> api.get("/api/projects"), Duration.ofSeconds(10));
        List<String> names = listed.json().at("/data/projects").valueStream()
                .map(p -> p.at("/name").asString()).toList();
        assertThat(names).containsExactly("made before the outage");
        JsonNode healthAfter = untilOk(() -> TestApi.anonymous(port).get("/actuator/health"), Duration.ofSeconds(10))
                .json();
        assertThat(healthAfter.at("/components/db/status").asString()).isEqualTo("UP");
    }

    private static void assertUnavailable(TestApi api, String what, java.util.function.Supplier<TestApi.Response> call) {
        long start = System.nanoTime();
        TestApi.Response r = call.get();
        Duration took = elapsed(start);
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(503);
        assertThat(r.json().at("/success").asBoolean(true)).isFalse();
        assertThat(r.json().at("/message").asString())
                .isEqualTo("Service unavailable: the database could not be reached, try again");
        assertThat(took).as("%s answered in", what).isLessThan(PROMPT);
    }

    private static TestApi.Response untilOk(java.util.function.Supplier<TestApi.Response> call, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TestApi.Response r = call.get();
        while (r.status() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = call.get();
        }
        assertThat(r.status()).as("after the database came back: %s", r).isEqualTo(200);
        return r;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
