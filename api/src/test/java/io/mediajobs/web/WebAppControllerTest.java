package io.mediajobs.web;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;

import io.mediajobs.security.WithApiSecurity;

/**
 * The web app as the Maven build packs it: "/" without a token, revalidated on every load; the hashed bundles it
 * names cached for a year. (Skipped when the web build was, with -Dweb.skip.)
 */
@WebMvcTest(WebAppController.class)
@WithApiSecurity
class WebAppControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void indexIsPublicAndNeverCachedWhileHashedAssetsAreCachedForAYear() throws Exception {
        ClassPathResource index = new ClassPathResource("static/index.html");
        assumeThat(index.exists()).as("web app built into target/classes/static").isTrue();
        String html = index.getContentAsString(StandardCharsets.UTF_8);

        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(html));

        Matcher script = Pattern.compile("src=\"(assets/app-[A-Z0-9]+\\.js)\"").matcher(html);
        assumeThat(script.find()).isTrue();
        mvc.perform(get("/" + script.group(1)))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
    }

    @Test
    void otherPathsStillNeedAToken() throws Exception {
        mvc.perform(get("/index.html")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/projects")).andExpect(status().isUnauthorized());
    }
}
