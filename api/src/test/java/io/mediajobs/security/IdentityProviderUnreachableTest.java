package io.mediajobs.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import io.mediajobs.common.ApiErrorWriter;
import io.mediajobs.support.TempDirs;

/**
 * Production mode with the identity provider down: the JWK set URI answers nothing, so no token can be checked.
 * That is the service's problem, not the client's: 503 in the envelope, while a token that is malformed on its face
 * is still a 401.
 */
@WebMvcTest(useDefaultFilters = false) // no controllers: only the filter chain and its decoder are under test
@Import({SecurityConfig.class, JsonAuthenticationErrors.class, ApiErrorWriter.class})
@TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks")
class IdentityProviderUnreachableTest {

    private static final Path DIR = TempDirs.createDeletedOnExit("idp-unreachable-test-");
    private static final DevTokenIssuer SIGNER = new DevTokenIssuer(DIR.resolve("signing-key"), Duration.ofHours(1));

    @Autowired
    MockMvc mvc;

    @Test
    void aWellFormedTokenIs503BecauseItsKeysCannotBeFetched() throws Exception {
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + SIGNER.issue("alice").token()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"success":false,
                         "message":"Service unavailable: the identity provider could not be reached, try again"}""",
                        JsonCompareMode.STRICT));
    }

    @Test
    void aMalformedTokenIsStill401() throws Exception {
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt"))
                .andExpect(status().isUnauthorized());
    }
}
