package io.mediajobs.jobs;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import io.mediajobs.platform.DenoiseProperties;
import io.mediajobs.persistence.AssetRepository;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.platform.WhisperProperties;
import io.mediajobs.security.WithApiSecurity;
import io.mediajobs.speech.WhisperModel;

/**
 * Subtitle generation's options (language, task, prompt, maxLineLength, maxLines) through the real controller,
 * service and validation: a bad option is a 400 in the envelope naming what is accepted, before anything is
 * written; good options go on (here to the asset lookup, which finds nothing: 404).
 */
@WebMvcTest(JobController.class)
@Import({JobService.class, SubtitleRequestOptions.class, SubtitleOptionsControllerTest.EveryAlgorithm.class})
@EnableConfigurationProperties(JobLimitsProperties.class)
@WithApiSecurity
class SubtitleOptionsControllerTest {

    private static final RequestPostProcessor ALICE = jwt().jwt(j -> j.subject("alice"));
    private static final String IDS = "\"assetId\":\"%s\",\"projectId\":\"%s\"".formatted(UUID.randomUUID(),
            UUID.randomUUID());

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobRepository jobs;
    @MockitoBean
    WhisperModel whisper; // the worker's model, where this instance runs workers
    @MockitoBean
    AssetRepository assets;
    @MockitoBean
    TransactionTemplate transactions;
    @MockitoBean
    JobWorkflows workflows;
    @MockitoBean
    EstimatedDurations estimates;
    @MockitoBean
    JobStatusView statusView;
    @MockitoBean
    WhisperProperties speech;

    /** Workers that offer every noise algorithm, so noise requests reach the option checks. */
    @org.springframework.boot.test.context.TestConfiguration
    static class EveryAlgorithm {
        @org.springframework.context.annotation.Bean
        DenoiseProperties denoiseProperties() {
            return new DenoiseProperties(null, java.util.List.of(io.mediajobs.denoise.DenoiseAlgorithm.values()));
        }
    }

    private ResultActions start(String type, String options) throws Exception {
        return mvc.perform(post("/api/ai/" + type).with(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content("{" + IDS + (options.isEmpty() ? "" : "," + options) + "}"));
    }

    private void model(String file) {
        given(speech.model()).willReturn(Path.of("/models", file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"language\":\"xx\"|language must be \"auto\" or a language code the speech model supports: en, zh, de,",
            "\"language\":\"german\"|language must be \"auto\" or a language code",
            "\"task\":\"summarize\"|task must be one of: transcribe, translate",
            "\"maxLineLength\":9|maxLineLength must be between 10 and 100",
            "\"maxLineLength\":101|maxLineLength must be between 10 and 100",
            "\"maxLines\":0|maxLines must be between 1 and 4",
            "\"maxLines\":5|maxLines must be between 1 and 4",
            "\"maxLines\":1.5|Invalid value for 'maxLines' in the request body",
            "\"maxLines\":\"2\"|Invalid value for 'maxLines' in the request body",
            "\"maxLines\":99999999999|Invalid value for 'maxLines' in the request body"
    })
    void badOptionsAre400NamingWhatIsAccepted(String option, String message) throws Exception {
        model("ggml-base.bin");
        start("subtitle-generation", option)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.message").value(Matchers.startsWith(message)));
        verifyNoInteractions(jobs, workflows);
    }

    @Test
    void aPromptOfMoreThan224TokensIs400() throws Exception {
        model("ggml-base.bin");
        start("subtitle-generation", "\"prompt\":\"" + "a ".repeat(230) + "\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.startsWith(
                        "prompt is too long: at least 230 tokens, at most 224 are allowed")));
        verifyNoInteractions(whisper); // too long whatever the model says
    }

    @Test
    void aPromptTooBigForTheTokenizerIs400WithoutTokenizingIt() throws Exception {
        model("ggml-base.bin");
        start("subtitle-generation", "\"prompt\":\"" + "abcdefghi ".repeat(210) + "z\"") // 2,101 bytes
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "prompt is too long: 2101 bytes, at most 2048 (about 224 tokens) are allowed"));
        start("subtitle-generation", "\"prompt\":\"" + "x".repeat(101) + "\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "prompt has a word of more than 100 characters; separate its words"));
        verifyNoInteractions(whisper, jobs, workflows);
    }

    @Test
    void aPromptTheModelCountsAsTooLongIs400BeforeAnyJobExists() throws Exception {
        model("ggml-base.bin");
        String prompt = "Straßenbahnhaltestelle Donaudampfschifffahrtsgesellschaft"; // 2 words, many tokens
        given(whisper.countTokens(prompt)).willReturn(225);
        start("subtitle-generation", "\"prompt\":\"" + prompt + "\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(Matchers.startsWith(
                        "prompt is too long: 225 tokens, at most 224 are allowed")));
        verifyNoInteractions(jobs, workflows);
    }

    @Test
    void anEnglishOnlyModelRefusesOtherLanguagesAndTranslationInWords() throws Exception {
        model("ggml-tiny.en.bin");
        start("subtitle-generation", "\"language\":\"de\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("language \"de\" is not available: this server's speech model"
                        + " (tiny.en) is English-only; use \"en\" or leave language out"));
        start("subtitle-generation", "\"task\":\"translate\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "task \"translate\" is not available: this server's speech model (tiny.en) is English-only"));
        start("subtitle-generation", "\"language\":\"en\"").andExpect(status().isNotFound());
        start("subtitle-generation", "\"language\":\"auto\"").andExpect(status().isNotFound());
    }

    @Test
    void subtitleOptionsOnANoiseJobAre400() throws Exception {
        model("ggml-base.bin");
        start("noise-removal", "\"language\":\"de\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "language, task, prompt, maxLineLength and maxLines apply to subtitle generation only"));
    }

    @Test
    void goodOptionsPassValidation() throws Exception {
        model("ggml-base-q5_1.bin");
        start("subtitle-generation", "\"language\":\"DE\",\"task\":\"translate\",\"prompt\":\"Kubernetes, Grafana\","
                + "\"maxLineLength\":32,\"maxLines\":1")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(JobService.ASSET_NOT_FOUND));
        start("subtitle-generation", "").andExpect(status().isNotFound());
    }
}
