package io.mediajobs.projects;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

import io.mediajobs.persistence.Project;
import io.mediajobs.persistence.ProjectRepository;
import io.mediajobs.security.WithApiSecurity;

/** The projects API over the real security chain and error envelope, with the repository mocked. */
@WebMvcTest(ProjectController.class)
@WithApiSecurity
class ProjectControllerTest {

    private static final UUID PROJECT_ID = UUID.fromString("6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b");
    private static final Project ALICES = new Project(PROJECT_ID, "alice", "My podcast",
            Instant.parse("2025-08-04T10:30:00Z"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProjectRepository projects;

    @Test
    void withoutATokenIs401InTheEnvelope() throws Exception {
        mvc.perform(get("/api/projects"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType("application/json;charset=UTF-8"))
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Authentication required: send 'Authorization: Bearer <token>'\"}"));
        verifyNoInteractions(projects);
    }

    @Test
    void createsAProjectForTheTokensSubject() throws Exception {
        given(projects.create("alice", "My podcast")).willReturn(ALICES);
        mvc.perform(post("/api/projects").with(jwt().jwt(j -> j.subject("alice")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  My podcast \"}"))
                .andExpect(status().isCreated())
                .andExpect(content().json("""
                        {"success":true,"data":{"project":{"projectId":"%s","name":"My podcast",
                        "createdAt":"2025-08-04T10:30:00.000Z"}}}""".formatted(PROJECT_ID), JsonCompareMode.STRICT));
    }

    @Test
    void listsTheTokensSubjectsProjects() throws Exception {
        given(projects.list("alice")).willReturn(List.of(ALICES));
        mvc.perform(get("/api/projects").with(jwt().jwt(j -> j.subject("alice"))))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"data\":{\"projects\":[{\"name\":\"My podcast\"}]}}"));
    }

    /** Every kind of "the database did not answer", however it reaches the controller. */
    @ParameterizedTest
    @MethodSource("databaseUnavailable")
    void aDatabaseThatDoesNotAnswerIs503InTheEnvelope(RuntimeException failure) throws Exception {
        given(projects.list("alice")).willThrow(failure);
        mvc.perform(get("/api/projects").with(jwt().jwt(j -> j.subject("alice"))))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Service unavailable: the database could not be reached, try again\"}"));
    }

    static List<RuntimeException> databaseUnavailable() {
        return List.of(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"),
                new DataAccessResourceFailureException("I/O error: connection reset"),
                new QueryTimeoutException("canceling statement due to statement timeout"),
                new RecoverableDataAccessException("connection lost"),
                new CannotCreateTransactionException("Could not open JDBC Connection"));
    }

    @Test
    void readsOwnProject() throws Exception {
        given(projects.findOwned(PROJECT_ID, "alice")).willReturn(Optional.of(ALICES));
        mvc.perform(get("/api/projects/" + PROJECT_ID).with(jwt().jwt(j -> j.subject("alice"))))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"data\":{\"project\":{\"name\":\"My podcast\"}}}"));
    }

    @Test
    void anotherUsersProjectIs404() throws Exception {
        given(projects.findOwned(PROJECT_ID, "alice")).willReturn(Optional.of(ALICES));
        given(projects.findOwned(PROJECT_ID, "bob")).willReturn(Optional.empty());
        mvc.perform(get("/api/projects/" + PROJECT_ID).with(jwt().jwt(j -> j.subject("bob"))))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":\"Project not found\"}"));
    }

    @Test
    void malformedProjectIdIs400() throws Exception {
        mvc.perform(get("/api/projects/not-a-uuid").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"projectId must be a valid UUID\"}"));
        verifyNoInteractions(projects);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                         | Project name is required
            {"name":null}              | Project name is required
            {"name":"   "}             | Project name is required
            {"name":"a\\u0007b"}       | Project name must not contain control characters
            not json                   | Request body is missing or is not valid JSON
            """)
    void invalidCreateRequestIs400(String body, String message) throws Exception {
        mvc.perform(post("/api/projects").with(jwt()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"success\":false,\"message\":\"" + message + "\"}",
                        JsonCompareMode.STRICT));
        verifyNoInteractions(projects);
    }

    @Test
    void overlongProjectNameIs400() throws Exception {
        String name = "x".repeat(ProjectController.MAX_NAME_LENGTH + 1);
        mvc.perform(post("/api/projects").with(jwt()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(
                        "{\"success\":false,\"message\":\"Project name must be at most 200 characters\"}"));
    }
}
