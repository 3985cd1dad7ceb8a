package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.mediajobs.common.ApiException;
import io.mediajobs.persistence.Job;
import io.mediajobs.persistence.JobRepository;
import io.mediajobs.persistence.JobStatus;
import io.mediajobs.persistence.JobType;
import io.mediajobs.security.WithApiSecurity;

/** The AI jobs API over the real security chain and error envelope, with the job service and repository mocked. */
@WebMvcTest(JobController.class)
@EnableConfigurationProperties(JobLimitsProperties.class) // limits from application.yml, as in the app
@WithApiSecurity
class JobControllerTest {

    private static final UUID JOB_ID = UUID.fromString("0b7d9f3e-2c4a-4e6b-8d1f-3a5c7e9b1d2f");
    private static final UUID PROJECT_ID = UUID.fromString("6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b");
    private static final UUID ASSET_ID = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final Instant CREATED = Instant.parse("2025-08-04T10:30:00Z");
    private static final RequestPostProcessor ALICE = jwt().jwt(j -> j.subject("alice"));
    private static final RequestPostProcessor BOB = jwt().jwt(j -> j.subject("bob"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobService service;

    @MockitoBean
    JobStatusView statusView;

    private static Job job(JobType type, JobStatus status, String outputDataJson) {
        return new Job(JOB_ID, "alice", PROJECT_ID, ASSET_ID, type, status, status == JobStatus.COMPLETED ? 100 : 0,
                30, outputDataJson, null, null, JOB_ID.toString(), 0, null, CREATED, null, null, null, null);
    }

    @Test
    void withoutATokenIs401InTheEnvelope() throws Exception {
        mvc.perform(get("/api/ai/jobs"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Authentication required: send 'Authorization: Bearer <token>'\"}"));
        mvc.perform(post("/api/ai/noise-removal").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(service);
    }

    @Test
    void anotherUsersJobIs404() throws Exception {
        given(service.get("bob", JOB_ID)).willThrow(ApiException.notFound("Job not found"));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID).with(BOB))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":\"Job not found\"}"));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.srt").with(BOB))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":\"Job not found\"}"));
    }

    @ParameterizedTest
    @CsvSource({"/api/ai/noise-removal, NOISE_REMOVAL", "/api/ai/subtitle-generation, SUBTITLE_GENERATION"})
    void startsTheJobTypeOfItsUrlForTheTokensSubject(String url, JobType type) throws Exception {
        given(service.start(eq("alice"), eq(type), any(), eq("key-1")))
                .willReturn(job(type, JobStatus.PENDING, null));
        mvc.perform(post(url).with(ALICE).header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assetId\":\"%s\",\"projectId\":\"%s\"}".formatted(ASSET_ID, PROJECT_ID)))
                .andExpect(status().isCreated())
                .andExpect(content().json("""
                        {"success":true,"data":{"job":{"jobId":"%s","type":"%s","status":"pending","progress":0,
                        "estimatedDuration":30,"createdAt":"2025-08-04T10:30:00.000Z"}}}"""
                        .formatted(JOB_ID, type.wireName()), JsonCompareMode.STRICT));
        ArgumentCaptor<JobService.StartJobRequest> body = ArgumentCaptor.forClass(JobService.StartJobRequest.class);
        verify(service).start(eq("alice"), eq(type), body.capture(), eq("key-1"));
        assertThat(body.getValue()).isEqualTo(
                new JobService.StartJobRequest(ASSET_ID.toString(), PROJECT_ID.toString(), null, null, null, null, null));
    }

    @Test
    void theAudioTrackExtensionReachesTheService() throws Exception {
        given(service.start(eq("alice"), eq(JobType.SUBTITLE_GENERATION), any(), isNull()))
                .willReturn(job(JobType.SUBTITLE_GENERATION, JobStatus.PENDING, null));
        mvc.perform(post("/api/ai/subtitle-generation").with(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assetId\":\"%s\",\"projectId\":\"%s\",\"audioTrack\":1}"
                                .formatted(ASSET_ID, PROJECT_ID)))
                .andExpect(status().isCreated());
        ArgumentCaptor<JobService.StartJobRequest> body = ArgumentCaptor.forClass(JobService.StartJobRequest.class);
        verify(service).start(eq("alice"), eq(JobType.SUBTITLE_GENERATION), body.capture(), isNull());
        assertThat(body.getValue().audioTrack()).isEqualTo(1);
    }

    @Test
    void startWithoutABodyLeavesTheMissingIdsToTheService() throws Exception {
        given(service.start(eq("alice"), eq(JobType.NOISE_REMOVAL), isNull(), isNull()))
                .willThrow(ApiException.badRequest(JobService.IDS_REQUIRED));
        mvc.perform(post("/api/ai/noise-removal").with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(
                        "{\"success\":false,\"message\":\"Asset ID and Project ID are required\"}"));
    }

    @Test
    void startWithABodyThatIsNotJsonIs400() throws Exception {
        mvc.perform(post("/api/ai/subtitle-generation").with(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assetId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(
                        "{\"success\":false,\"message\":\"Request body is missing or is not valid JSON\"}"));
        verifyNoInteractions(service);
    }

    @Test
    void cancelIsAcceptedAs202WithTheJobShowingCancelRequested() throws Exception {
        Job requested = new Job(JOB_ID, "alice", PROJECT_ID, ASSET_ID, JobType.SUBTITLE_GENERATION,
                JobStatus.PROCESSING, 40, 30, null, null, null, JOB_ID.toString(), 1, null, CREATED,
                CREATED.plusSeconds(2), null, null, CREATED.plusSeconds(9));
        given(service.cancel("alice", JOB_ID)).willReturn(requested);
        mvc.perform(post("/api/ai/jobs/" + JOB_ID + "/cancel").with(ALICE))
                .andExpect(status().isAccepted())
                .andExpect(content().json("""
                        {"success":true,"data":{"job":{"jobId":"%s","type":"subtitle-generation",
                        "status":"processing","progress":40,"estimatedDuration":30,
                        "createdAt":"2025-08-04T10:30:00.000Z","startedAt":"2025-08-04T10:30:02.000Z",
                        "cancelRequested":true}}}""".formatted(JOB_ID), JsonCompareMode.STRICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/ai/jobs/%s", "POST /api/ai/jobs/%s/cancel", "POST /api/ai/jobs/%s/retry",
            "GET /api/ai/jobs/%s/subtitles.srt", "GET /api/ai/jobs/%s/subtitles.vtt"})
    void malformedJobIdIs400(String route) throws Exception {
        String[] methodAndPath = route.formatted("job-1").split(" ");
        MockHttpServletRequestBuilder request = methodAndPath[0].equals("GET")
                ? get(methodAndPath[1]) : post(methodAndPath[1]);
        mvc.perform(request.with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("{\"success\":false,\"message\":\"jobId must be a valid UUID\"}"));
        verifyNoInteractions(service);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            projectId=nope     | projectId must be a valid UUID
            status=done        | status must be one of: pending, processing, completed, failed
            status=            | status must be one of: pending, processing, completed, failed
            type=transcribe    | type must be one of: noise-removal, subtitle-generation
            limit=0            | limit must be between 1 and 500
            limit=501          | limit must be between 1 and 500
            limit=ten          | Invalid value for 'limit'
            cursor=not-a-page  | cursor is invalid: use the nextCursor of a previous page
            """)
    void invalidListFilterIs400(String query, String message) throws Exception {
        mvc.perform(get("/api/ai/jobs?" + query).with(ALICE))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"success\":false,\"message\":\"" + message + "\"}",
                        JsonCompareMode.STRICT));
        verifyNoInteractions(service);
    }

    @Test
    void listsTheTokensSubjectsJobsWithACursorAfterAFullPage() throws Exception {
        Job done = job(JobType.NOISE_REMOVAL, JobStatus.COMPLETED, "{\"assetId\":\"x\"}");
        given(service.list(eq("alice"), any())).willReturn(List.of(done));
        mvc.perform(get("/api/ai/jobs?status=completed&type=noise-removal&limit=1&projectId=" + PROJECT_ID)
                        .with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.jobs[0].jobId").value(JOB_ID.toString()))
                .andExpect(jsonPath("$.data.jobs[0].outputData.assetId").value("x"))
                .andExpect(jsonPath("$.data.nextCursor").value(
                        JobCursors.encode(new JobRepository.Cursor(CREATED, JOB_ID))));
        verify(service).list("alice", new JobRepository.ListFilter(PROJECT_ID, JobStatus.COMPLETED,
                JobType.NOISE_REMOVAL, 1, null));
    }

    @Test
    void subtitlesDownloadAsSrtAndWebVtt() throws Exception {
        given(service.get("alice", JOB_ID)).willReturn(job(JobType.SUBTITLE_GENERATION, JobStatus.COMPLETED,
                "{\"subtitles\":[{\"startTime\":0.5,\"endTime\":2.25,\"text\":\"Fish & chips\"}]}"));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.srt").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/x-subrip;charset=UTF-8"))
                .andExpect(header().string("Cache-Control", "no-store")) // set by the controller: empty files too
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"subtitles-" + JOB_ID + ".srt\""))
                .andExpect(content().bytes("1\r\n00:00:00,500 --> 00:00:02,250\r\nFish & chips\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8)));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.vtt").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/vtt;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"subtitles-" + JOB_ID + ".vtt\""))
                .andExpect(content().bytes("WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.250\nFish &amp; chips\n\n"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void subtitlesDownloadAsPlainTextAndJsonWithLanguageModelAndWords() throws Exception {
        given(service.get("alice", JOB_ID)).willReturn(job(JobType.SUBTITLE_GENERATION, JobStatus.COMPLETED, """
                {"subtitles":[{"startTime":0.5,"endTime":2.25,"text":"Guten Morgen,\\nihr alle","words":[
                {"startTime":0.5,"endTime":0.9,"text":"Guten","probability":0.98},
                {"startTime":0.9,"endTime":1.4,"text":"Morgen,","probability":0.91}]},
                {"startTime":3.0,"endTime":4.0,"text":"Tschüss"}],
                "audioTrack":0,"language":"de","languageProbability":0.97,"model":"base"}"""));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.txt").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"subtitles-" + JOB_ID + ".txt\""))
                .andExpect(content().bytes("Guten Morgen, ihr alle\nTschüss\n".getBytes(StandardCharsets.UTF_8)));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.json").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"subtitles-" + JOB_ID + ".json\""))
                .andExpect(content().json("""
                        {"language":"de","model":"base","segments":[
                        {"startTime":0.5,"endTime":2.25,"text":"Guten Morgen,\\nihr alle","words":[
                        {"startTime":0.5,"endTime":0.9,"text":"Guten","probability":0.98},
                        {"startTime":0.9,"endTime":1.4,"text":"Morgen,","probability":0.91}]},
                        {"startTime":3.0,"endTime":4.0,"text":"Tschüss"}]}""", JsonCompareMode.STRICT));
    }

    @Test
    void subtitlesOfAnotherJobTypeOrAnUnfinishedJobAre404() throws Exception {
        given(service.get("alice", JOB_ID)).willReturn(job(JobType.NOISE_REMOVAL, JobStatus.COMPLETED, "{}"));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.vtt").with(ALICE))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":\"This job produces no subtitles\"}"));

        given(service.get("alice", JOB_ID)).willReturn(job(JobType.SUBTITLE_GENERATION, JobStatus.PROCESSING, null));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.srt").with(ALICE))
                .andExpect(status().isNotFound())
                .andExpect(content().string(
                        "{\"success\":false,\"message\":\"Subtitles are not available until the job is completed\"}"));

        given(service.get("alice", JOB_ID)).willReturn(job(JobType.SUBTITLE_GENERATION, JobStatus.FAILED, null));
        mvc.perform(get("/api/ai/jobs/" + JOB_ID + "/subtitles.txt").with(ALICE))
                .andExpect(status().isNotFound())
                .andExpect(content().string("{\"success\":false,\"message\":"
                        + "\"Subtitles are not available: the job failed (its status says why)\"}"));
    }
}
