package io.mediajobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import io.mediajobs.common.ApiErrorWriter;
import io.mediajobs.support.TempDirs;

/**
 * Dev mode: the token endpoint and the real dev decoder behind the application's filter chain. Requests carry real
 * tokens here (no {@code jwt()} post-processor), so the decoder's validation and the 401 messages are the real ones.
 * The actuator's health endpoint is added to the slice to show it answers without a token.
 */
@WebMvcTest(DevTokenController.class)
@Import({SecurityConfig.class, JsonAuthenticationErrors.class, ApiErrorWriter.class, DevAuthConfig.class})
@ImportAutoConfiguration({EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
        ManagementContextAutoConfiguration.class, HealthContributorAutoConfiguration.class,
        HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class})
class DevTokenControllerTest {

    private static final Path KEY_DIR = TempDirs.createDeletedOnExit("dev-token-test-");

    @DynamicPropertySource
    static void devMode(DynamicPropertyRegistry registry) {
        registry.add("mediajobs.dev-auth.enabled", () -> "true");
        registry.add("mediajobs.dev-auth.key-file", () -> KEY_DIR.resolve("dev-jwt-key").toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void issuesATokenThatAuthenticates() throws Exception {
        String body = mvc.perform(post("/api/dev/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice@example.com\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.success").value(true))
                .andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(body, "$.data.token");
        assertThat(Instant.parse(JsonPath.read(body, "$.data.expiresAt"))).isAfter(Instant.now());

        // No controller behind this URL in the slice: a 404 (not 401) shows the token passed the decoder.
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isNotFound());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                  | userId is required
            {"userId":"  "}     | userId is required
            {"userId":"a b/c"}  | userId must be 1-128 characters of letters, digits, '.', '_', '@' or '-'
            not json            | Request body is missing or is not valid JSON
            """)
    void invalidTokenRequestIs400(String body, String message) throws Exception {
        mvc.perform(post("/api/dev/token").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"success\":false,\"message\":\"" + message + "\"}",
                        JsonCompareMode.STRICT));
    }

    @Test
    void tokenWithABlankSubjectIs401() throws Exception {
        String blankSubject = issuer.issue(" ").token();
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + blankSubject))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Invalid access token: it is malformed or its signature is not trusted\"}"));
    }

    @Test
    void expiredTokenIs401SessionExpired() throws Exception {
        String expired = issuer.issue("alice", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).token();
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Session expired: the access token has expired, sign in again\"}"));
    }

    @Test
    void malformedTokenIs401() throws Exception {
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(
                        "Invalid access token: it is malformed or its signature is not trusted"));
    }

    @Test
    void healthIsOpen() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }
}
