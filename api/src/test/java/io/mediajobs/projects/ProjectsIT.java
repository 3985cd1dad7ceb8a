package io.mediajobs.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TestApi;

import tools.jackson.databind.JsonNode;

/** Projects through the real HTTP API and PostgreSQL. */
class ProjectsIT extends IntegrationTest {

    @Test
    void createsAProjectWithAServerGeneratedIdAndATrimmedName() {
        TestApi.Response r = api.post("/api/projects", Map.of("name", "  My podcast  "));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().at("/success").asBoolean()).isTrue();
        JsonNode project = r.json().at("/data/project");
        assertThat(UUID.fromString(project.at("/projectId").asString())).isNotNull();
        assertThat(project.at("/name").asString()).isEqualTo("My podcast");
        assertThat(project.at("/createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(r.json().has("message")).as("absent fields are omitted").isFalse();

        TestApi.Response got = api.get("/api/projects/" + project.at("/projectId").asString());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/data/project")).isEqualTo(project);
    }

    @Test
    void listsOnlyTheCallersProjectsNewestFirst() {
        String first = create(api, "first");
        String second = create(api, "second");
        create(asNewUser(), "someone else's");

        TestApi.Response r = api.get("/api/projects");
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = StreamSupport.stream(r.json().at("/data/projects").spliterator(), false)
                .map(p -> p.at("/projectId").asString()).toList();
        assertThat(ids).containsExactly(second, first);
    }

    @Test
    void aNewUserHasNoProjects() {
        assertThat(api.get("/api/projects").text()).isEqualTo("{\"success\":true,\"data\":{\"projects\":[]}}");
    }

    @Test
    void rejectsMissingBlankAndTooLongNames() {
        assertBadRequest(api.post("/api/projects", Map.of()), "Project name is required");
        assertBadRequest(api.post("/api/projects", Map.of("name", "   ")), "Project name is required");
        assertBadRequest(api.post("/api/projects", Map.of("name", "x".repeat(201))), "at most 200 characters");
        assertBadRequest(api.post("/api/projects", Map.of("name", "a\u0000b")), "control characters");
        assertBadRequest(api.post("/api/projects", "not json"), "JSON");
        assertThat(api.post("/api/projects", Map.of("name", "x".repeat(200))).status()).isEqualTo(201);
    }

    @Test
    void someoneElsesProjectIsNotFoundExactlyLikeAMissingOne() {
        String theirs = create(asNewUser(), "private");
        TestApi.Response other = api.get("/api/projects/" + theirs);
        TestApi.Response missing = api.get("/api/projects/" + UUID.randomUUID());
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.text()).isEqualTo(missing.text()).isEqualTo("{\"success\":false,\"message\":\"Project not found\"}");
    }

    @Test
    void malformedProjectIdIs400() {
        TestApi.Response r = api.get("/api/projects/not-a-uuid");
        assertBadRequest(r, "projectId must be a valid UUID");
    }

    @Test
    void requiresAuthentication() {
        assertThat(TestApi.anonymous(port).get("/api/projects").status()).isEqualTo(401);
        assertThat(TestApi.anonymous(port).post("/api/projects", Map.of("name", "x")).status()).isEqualTo(401);
    }

    static String create(TestApi user, String name) {
        TestApi.Response r = user.post("/api/projects", Map.of("name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/data/project/projectId").asString();
    }

    private static void assertBadRequest(TestApi.Response r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/success").asBoolean()).isFalse();
        assertThat(r.json().at("/message").asString()).contains(message);
    }
}
