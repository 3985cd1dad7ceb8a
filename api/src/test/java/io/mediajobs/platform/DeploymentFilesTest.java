package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediajobs.metrics.JobMetrics;
import io.mediajobs.persistence.JobType;
import io.mediajobs.support.RepoFiles;

/**
 * docker-compose.yml and the monitoring files it mounts, checked where {@code docker compose config} cannot run
 * (scripts/test also runs that when the compose plugin is installed): the roles share no volume but the read-only
 * models, monitoring is an optional profile, every mounted file exists, Prometheus scrapes services that exist, and
 * the dashboard queries only {@code mediajobs_} series that {@link JobMetrics} really exports.
 */
class DeploymentFilesTest {

    private static final Path ROOT = RepoFiles.root();
    private static final List<String> APP_SERVICES = List.of("api", "worker-speech", "worker-noise");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @Test
    void apiAndWorkersAreSeparateRolesOverObjectStorageSharingOnlyReadOnlyModels() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKeys("postgres", "temporal", "seaweedfs", "api", "worker-speech", "worker-noise");
        assertThat(env(services.get("api"))).containsEntry("START_WORKERS", "false");
        assertThat(env(services.get("worker-speech")).get("WORKER_QUEUES")).isEqualTo("workflows,speech");
        assertThat(env(services.get("worker-noise")).get("WORKER_QUEUES")).isEqualTo("workflows,noise");
        for (String name : APP_SERVICES) {
            Map<String, Object> e = env(services.get(name));
            assertThat(e).as(name).containsEntry("STORAGE", "s3").containsKeys("S3_ENDPOINT", "S3_BUCKET",
                    "S3_REGION", "S3_PATH_STYLE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "TEMPORAL_TASK_QUEUE",
                    "SPEECH_TASK_QUEUE", "NOISE_TASK_QUEUE");
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) services.get(name).getOrDefault("volumes", List.of());
            assertThat(volumes).as("%s mounts only the models, read-only", name)
                    .allSatisfy(v -> assertThat(v).endsWith("/var/lib/media-jobs/models:ro"));
        }
    }

    @Test
    void monitoringIsAnOptionalProfileAndEveryMountedFileExists() throws IOException {
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, service) -> {
            boolean monitoring = name.equals("prometheus") || name.equals("grafana");
            assertThat(service.get("profiles")).as(name).isEqualTo(monitoring ? List.of("monitoring") : null);
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) service.getOrDefault("volumes", List.of());
            volumes.stream().filter(v -> v.startsWith("./")).forEach(v ->
                    assertThat(ROOT.resolve(v.substring(2, v.indexOf(':')))).as("%s mounts %s", name, v).exists());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheAppServicesManagementPort() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) yaml("monitoring/prometheus/prometheus.yml")
                .get("scrape_configs");
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> job : jobs) {
            for (Map<String, Object> sd : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
                assertThat(sd.get("port")).isEqualTo(9464);
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                scraped.addAll((List<String>) sd.get("names"));
            }
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(APP_SERVICES);
        for (String name : APP_SERVICES) {
            assertThat(env(services.get(name))).containsEntry("MANAGEMENT_SERVER_PORT", "9464");
        }
    }

    @Test
    void theDashboardQueriesOurSeriesAsPrometheusNamesThemAndTheTemporalSdks() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(ROOT.resolve("monitoring/grafana/dashboards/media-jobs.json").toFile());
        StringBuilder exprs = new StringBuilder();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.append(t.path("expr").asString())
                .append('\n')));
        assertThat(exprs).contains("temporal_activity_schedule_to_start_latency_seconds", "mediajobs_engine_speed");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JobMetrics metrics = new JobMetrics(registry, Map::of);
        metrics.jobSubmitted(JobType.NOISE_REMOVAL);
        metrics.processingStarted(JobType.NOISE_REMOVAL, Duration.ofSeconds(1));
        metrics.completed(JobType.NOISE_REMOVAL, Duration.ofSeconds(3), Duration.ofSeconds(2), 60.0);
        metrics.failed(JobType.NOISE_REMOVAL, "error", Duration.ofSeconds(1));
        String exported = registry.scrape();
        Matcher m = Pattern.compile("mediajobs_\\w+").matcher(exprs);
        while (m.find()) {
            assertThat(exported).as("the dashboard's %s is exported", m.group()).contains(m.group() + "{");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasources = (List<Map<String, Object>>) yaml(
                "monitoring/grafana/provisioning/datasources/prometheus.yml").get("datasources");
        String datasource = (String) datasources.get(0).get("uid");
        dashboard.path("panels").forEach(p -> {
            if (p.has("datasource")) {
                assertThat(p.at("/datasource/uid").asString()).isEqualTo(datasource);
            }
        });
    }
}
