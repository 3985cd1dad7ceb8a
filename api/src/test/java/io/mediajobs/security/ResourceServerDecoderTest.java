package io.mediajobs.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.mediajobs.common.ApiErrorWriter;
import io.mediajobs.support.TempDirs;

/**
 * Production mode: the decoder Spring Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*} (here a
 * public key) applies {@link RequiredClaims} too. Tokens are signed with a throwaway key whose public half is
 * configured as the trusted one.
 */
@WebMvcTest(useDefaultFilters = false) // no controllers: only the filter chain and its decoder are under test
@Import({SecurityConfig.class, JsonAuthenticationErrors.class, ApiErrorWriter.class})
class ResourceServerDecoderTest {

    private static final Path DIR = TempDirs.createDeletedOnExit("resource-server-test-");
    private static final DevTokenIssuer SIGNER = new DevTokenIssuer(DIR.resolve("signing-key"), Duration.ofHours(1));

    @DynamicPropertySource
    static void trustTheSigner(DynamicPropertyRegistry registry) throws IOException {
        // DevTokenIssuer's key file: base64 X.509 public key on line 1; as PEM it is what Boot reads.
        List<String> keyFile = Files.readAllLines(DIR.resolve("signing-key"));
        Path pem = Files.writeString(DIR.resolve("public.pem"),
                "-----BEGIN PUBLIC KEY-----\n" + keyFile.get(0) + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void acceptsASignedTokenWithASubject() throws Exception {
        // No controller behind this URL in the slice: a 404 (not 401) shows the token passed the decoder.
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + SIGNER.issue("alice").token()))
                .andExpect(status().isNotFound());
    }

    @Test
    void refusesATokenWithABlankSubject() throws Exception {
        mvc.perform(get("/api/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + SIGNER.issue(" ").token()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(
                        "Invalid access token: it is malformed or its signature is not trusted"));
    }
}
