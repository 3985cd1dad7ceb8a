package io.mediajobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.temporal.spring.boot.autoconfigure.properties.WorkerProperties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import io.mediajobs.support.RepoFiles;

/** The operators' replay command on recorded histories: a clean one is OK, a tampered one is reported. */
class JobReplayTest {

    private static final Path HISTORIES = RepoFiles.root().resolve("workflows/src/test/resources/histories");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aRecordedHistoryReplaysOk() {
        int status = JobReplay.run(HISTORIES.resolve("noise-removal-completed.json").toString(), "unused:7233",
                "default", out);

        assertThat(status).isEqualTo(JobReplay.OK);
        assertThat(output()).startsWith("OK ").contains("NoiseRemovalWorkflow");
    }

    @Test
    void aHistoryWhoseActivitiesTheCodeNoLongerSchedulesIsReportedWithTheDeterminismError(@TempDir Path dir)
            throws IOException {
        Path tampered = dir.resolve("tampered.json");
        String original = Files.readString(HISTORIES.resolve("noise-removal-completed.json"));
        assertThat(original).contains("\"RemoveNoise\"");
        // As if the history came from a release whose workflow called another activity first.
        Files.writeString(tampered, original.replace("\"RemoveNoise\"", "\"RemoveHum\""));

        int status = JobReplay.run(tampered.toString(), "unused:7233", "default", out);

        assertThat(status).isEqualTo(JobReplay.NOT_DETERMINISTIC);
        assertThat(output()).startsWith("NOT DETERMINISTIC ").contains("TMPRL1100").contains("RemoveNoise");
    }

    @Test
    void anUnreadableHistoryFileIsUnusable(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"events\": [");

        assertThat(JobReplay.run(broken.toString(), "unused:7233", "default", out)).isEqualTo(JobReplay.UNUSABLE);
        assertThat(output()).startsWith("CANNOT REPLAY ");
    }

    @Test
    void itReplaysEveryWorkflowTheWorkerRegisters() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        List<WorkerProperties> workers = Binder.get(environment)
                .bind("spring.temporal.workers", Bindable.listOf(WorkerProperties.class)).get();

        assertThat(workers.stream().filter(w -> w.getWorkflowClasses() != null)
                .flatMap(w -> w.getWorkflowClasses().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(JobReplay.WORKFLOW_IMPLEMENTATIONS);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
