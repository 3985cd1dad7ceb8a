package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediajobs.security.DevTokenIssuer;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.RepoFiles;
import io.mediajobs.support.TestApi;

/**
 * {@code /actuator/prometheus} as production configures it (the {@code it} profile leaves
 * {@code mediajobs.actuator.open} false): refused without a token or without the metrics scope, in the envelope;
 * with it, the HTTP, JVM, Hikari and Temporal SDK series, and ours counting a real job.
 */
class JobMetricsIT extends IntegrationTest {

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void withoutATokenPrometheusIs401InTheEnvelope() {
        TestApi.Response r = TestApi.anonymous(port).get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).isEqualTo(
                "{\"success\":false,\"message\":\"Authentication required: send 'Authorization: Bearer <token>'\"}");
        assertThat(TestApi.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aUserTokenWithoutTheMetricsScopeIs403() {
        TestApi.Response r = api.get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).isEqualTo("{\"success\":false,\"message\":\"Access denied\"}");
    }

    @Test
    void aCompletedJobShowsInOurSeriesBesideHttpJvmHikariAndTemporal() {
        double startedBefore = sample(scrape(), "mediajobs_jobs_started_total", "noise-removal");
        double completedBefore = sample(scrape(), "mediajobs_jobs_completed_total", "noise-removal");

        JobsIT.Upload up = JobsIT.upload(api, RepoFiles.jfkWav(), "jfk.wav");
        TestApi.Response started = api.post("/api/ai/noise-removal", JobsIT.ids(up));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String jobId = started.json().at("/data/job/jobId").asString();
        assertThat(JobsIT.pollUntilFinal(api, jobId, Duration.ofMinutes(2)).last().at("/status").asString())
                .isEqualTo("completed");

        String text = scrape();
        assertThat(sample(text, "mediajobs_jobs_started_total", "noise-removal")).isEqualTo(startedBefore + 1);
        assertThat(sample(text, "mediajobs_jobs_completed_total", "noise-removal")).isEqualTo(completedBefore + 1);
        assertThat(text)
                .contains("mediajobs_job_duration_seconds_bucket{")
                .contains("mediajobs_job_queue_wait_seconds_bucket{")
                .contains("mediajobs_engine_speed_bucket{")
                .contains("mediajobs_jobs_active{")
                .contains("http_server_requests_seconds_count{")
                .contains("jvm_memory_used_bytes{")
                .contains("hikaricp_connections_active{");
        // The Temporal SDK's own meters, bound to Spring's MeterRegistry by temporal-spring-boot-starter.
        assertThat(text).containsPattern("(?m)^temporal_\\w+\\{");
        assertThat(text).containsPattern("(?m)^temporal_activity_execution_latency_seconds_\\w+\\{");
    }

    private String scrape() {
        String token = issuer.issue("prometheus", Instant.now(), Duration.ofMinutes(5), List.of("metrics")).token();
        TestApi.Response r = api.withToken(token).get("/actuator/prometheus");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.text();
    }

    /** The value of a series with {@code type="<type>"} (0 when it does not exist yet). */
    private static double sample(String text, String name, String type) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*type=\"" + type + "\"[^}]*} (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
