package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.temporal.spring.boot.autoconfigure.properties.WorkerProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** WORKER_QUEUES narrows application.yml's three workers to the chosen ones; slots follow the cores. */
class WorkerQueuesTest {

    @Test
    void byDefaultAnInstanceRunsAllThreeWorkersEachOnItsOwnQueue() throws IOException {
        List<WorkerProperties> workers = workersWith(Map.of());

        assertThat(workers).extracting(WorkerProperties::getName).containsExactly("workflows", "speech", "noise");
        assertThat(workers).extracting(WorkerProperties::getTaskQueue)
                .containsExactly("media-jobs", "media-jobs-speech", "media-jobs-noise");
        assertThat(workers.get(0).getActivityBeans()).containsExactly("projectionActivities");
        assertThat(workers.get(1).getActivityBeans()).containsExactly("subtitleActivities");
        assertThat(workers.get(2).getActivityBeans()).containsExactly("noiseRemovalActivities");
    }

    @Test
    void aSpeechOnlyWorkerRunsNoWorkflowsAndNoNoiseActivities() throws IOException {
        List<WorkerProperties> workers = workersWith(Map.of("WORKER_QUEUES", "speech",
                "SPEECH_TASK_QUEUE", "gpu-speech"));

        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).getName()).isEqualTo("speech");
        assertThat(workers.get(0).getTaskQueue()).isEqualTo("gpu-speech");
        assertThat(workers.get(0).getWorkflowClasses()).isNull();
    }

    @Test
    void workflowsAndNoiseKeepTheirDeclarationsAndOrder() throws IOException {
        List<WorkerProperties> workers = workersWith(Map.of("WORKER_QUEUES", " noise , workflows",
                "TEMPORAL_TASK_QUEUE", "jobs"));

        assertThat(workers).extracting(WorkerProperties::getName).containsExactly("workflows", "noise");
        assertThat(workers).extracting(WorkerProperties::getTaskQueue).containsExactly("jobs", "jobs-noise");
        assertThat(workers.get(0).getWorkflowClasses()).hasSize(2);
    }

    @Test
    void anUnknownNameStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> workersWith(Map.of("WORKER_QUEUES", "workflows,whisper")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WORKER_QUEUES")
                .hasMessageContaining("'whisper'")
                .hasMessageContaining("workflows, speech, noise");
    }

    @Test
    void aBlankValueMeansAllWorkers() {
        assertThat(WorkerQueues.chosen(" ")).containsExactlyInAnyOrderElementsOf(WorkerQueues.NAMES);
    }

    @Test
    void speechSlotsAreTheContextsTheCoresHoldAndNoiseSlotsOnePerCore() {
        WhisperProperties defaults = new WhisperProperties(Path.of("m.bin"), 0, 1, true, true, null);
        assertThat(TemporalWorkerConfig.speechSlots(2, defaults, 0)).isEqualTo(1);
        assertThat(TemporalWorkerConfig.speechSlots(8, new WhisperProperties(Path.of("m.bin"), 0, 2, true, true, null), 0))
                .as("a pool of 2 on 8 cores: 4 threads each, 2 at once").isEqualTo(2);
        assertThat(TemporalWorkerConfig.speechSlots(8, new WhisperProperties(Path.of("m.bin"), 4, 4, true, true, null), 0))
                .as("4 contexts of 4 threads overcommit 8 cores: only 2 run at once").isEqualTo(2);
        assertThat(TemporalWorkerConfig.speechSlots(2, new WhisperProperties(Path.of("m.bin"), 8, 1, true, true, null), 0))
                .as("more threads than cores still runs one").isEqualTo(1);
        assertThat(TemporalWorkerConfig.speechSlots(2, defaults, 3)).as("SPEECH_SLOTS wins").isEqualTo(3);
        WhisperProperties unset = new WhisperProperties(Path.of("m.bin"), 0, 0, true, true, null);
        assertThat(TemporalWorkerConfig.speechSlots(2, unset, 0)).as("pool 0: one 2-thread context").isEqualTo(1);
        assertThat(unset.threadsPerContext(2)).isEqualTo(2);
        assertThat(unset.contexts(8)).as("8 cores: 2 contexts of whisper.cpp's 4 threads").isEqualTo(2);
        assertThat(unset.threadsPerContext(8)).isEqualTo(4);
        assertThat(TemporalWorkerConfig.speechSlots(8, unset, 0)).isEqualTo(2);
        assertThat(unset.contexts(6)).as("6 cores: 2 contexts of 3, no core idle").isEqualTo(2);
        assertThat(unset.threadsPerContext(6)).isEqualTo(3);
        WhisperProperties lanes = new WhisperProperties(Path.of("m.bin"), 1, 0, true, true, null);
        assertThat(lanes.contexts(2)).as("threads 1, pool 0: one single-thread context per core").isEqualTo(2);
        assertThat(TemporalWorkerConfig.noiseSlots(4, 0)).isEqualTo(4);
        assertThat(TemporalWorkerConfig.noiseSlots(4, 1)).isEqualTo(1);
    }

    /** application.yml with these environment variables, after WorkerQueues, bound as the starter binds it. */
    private static List<WorkerProperties> workersWith(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        new WorkerQueues().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bind("spring.temporal.workers", Bindable.listOf(WorkerProperties.class))
                .get();
    }
}
