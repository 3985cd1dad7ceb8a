package io.mediajobs.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.mediajobs.common.ApiErrorWriter;

/** Outside dev mode there is no token endpoint: the open URL leads nowhere. */
@WebMvcTest(DevTokenController.class)
@Import({SecurityConfig.class, JsonAuthenticationErrors.class, ApiErrorWriter.class, DevAuthConfig.class})
@MockitoBean(types = JwtDecoder.class)
@TestPropertySource(properties = "mediajobs.dev-auth.enabled=false")
class DevTokenControllerDisabledTest {

    @Autowired
    MockMvc mvc;

    @Test
    void tokenEndpointIs404() throws Exception {
        mvc.perform(post("/api/dev/token").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"alice\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":\"Not found\"}"));
    }
}
