package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.mediajobs.security.DevTokenIssuer;
import io.mediajobs.support.IntegrationTest;
import io.mediajobs.support.TestApi;

/** The platform's promises, through real HTTP against real PostgreSQL and the real Temporal dev server. */
class PlatformIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkflowServiceStubs temporal;

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void talksToARealPostgresServerWithTheSchemaMigrated() {
        String version = jdbc.sql("SELECT version()").query(String.class).single();
        assertThat(version).startsWith("PostgreSQL ");
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void talksToTheRealTemporalDevServerWithTheSearchAttributesRegistered() {
        String serverVersion = temporal.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                .getServerVersion();
        assertThat(serverVersion).as("the Java test server reports no version; the dev server does").isNotBlank();
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(temporal.getRawChannel()).validateAndBuildWithDefaults());
        Map<String, ?> custom = operator.blockingStub()
                .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                .getCustomAttributesMap();
        assertThat(custom).containsKeys("JobType", "UserId", "ProjectId");
    }

    @Test
    void theStarterAppliesOurTemporalClientTimeouts() {
        assertThat(temporal.getOptions().getRpcRetryOptions().getExpiration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(temporal.getOptions().getRpcRetryOptions().getMaximumInterval())
                .isEqualTo(Duration.ofMillis(TemporalClientTimeouts.MAX_RETRY_INTERVAL_MILLIS));
        assertThat(temporal.getOptions().getSystemInfoTimeout())
                .isEqualTo(Duration.ofMillis(TemporalClientTimeouts.SYSTEM_INFO_TIMEOUT_MILLIS));
    }

    @Test
    void healthIsUpWithDatabaseAndTemporalComponents() {
        TestApi.Response health = TestApi.anonymous(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/status").asString()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.json().at("/components/temporal/status").asString()).isEqualTo("UP");
    }

    @Test
    void devTokenIsIssuedForAUserId() {
        TestApi.Response r = TestApi.anonymous(port).post("/api/dev/token", Map.of("userId", "alice"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().at("/success").asBoolean()).isTrue();
        assertThat(r.json().at("/data/token").asString()).contains(".");
        assertThat(Instant.parse(r.json().at("/data/expiresAt").asString())).isAfter(Instant.now());
    }

    @Test
    void devTokenNeedsAUsableUserId() {
        TestApi anon = TestApi.anonymous(port);
        assertThat(anon.post("/api/dev/token", Map.of()).status()).isEqualTo(400);
        assertThat(anon.post("/api/dev/token", Map.of("userId", "a b/c")).status()).isEqualTo(400);
        assertThat(anon.post("/api/dev/token", "not json").json().at("/message").asString()).contains("JSON");
    }

    @Test
    void jobsListIsEmptyForANewUser() {
        TestApi.Response r = api.get("/api/ai/jobs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"success\":true,\"data\":{\"jobs\":[]}}");
    }

    @Test
    void missingTokenIs401InTheSpecEnvelope() {
        TestApi.Response r = TestApi.anonymous(port).get("/api/ai/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/success").asBoolean()).isFalse();
        assertThat(r.json().at("/message").asString()).contains("Authentication required");
    }

    @Test
    void malformedTokenIs401() {
        TestApi.Response r = api.withToken("not.a.jwt").get("/api/ai/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/message").asString()).contains("Invalid access token");
    }

    @Test
    void expiredTokenIs401SessionExpired() {
        String expired = issuer.issue("alice", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).token();
        TestApi.Response r = api.withToken(expired).get("/api/ai/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/message").asString()).contains("Session expired");
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        var dir = Files.createTempDirectory("other-key");
        String forged = new DevTokenIssuer(dir.resolve("key"), Duration.ofHours(1)).issue("alice").token();
        TestApi.Response r = api.withToken(forged).get("/api/ai/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/message").asString()).contains("Invalid access token");
    }
}
