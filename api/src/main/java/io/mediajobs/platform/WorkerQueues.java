package io.mediajobs.platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * {@code WORKER_QUEUES} ({@code mediajobs.worker.queues}, a comma list of {@code workflows}, {@code speech},
 * {@code noise}): which of the workers declared in {@code spring.temporal.workers} this instance runs, by their
 * {@code name}. The Temporal starter has no switch per worker, so the declared list is narrowed before it binds: the
 * chosen entries are re-declared in a property source of higher precedence, and Spring binds a list wholesale from
 * the highest source that has one. Everything else about a worker stays the starter's (options, start, shutdown).
 */
public class WorkerQueues implements EnvironmentPostProcessor, Ordered {

    /** The worker names WORKER_QUEUES may list; every declared worker carries one of them. */
    public static final List<String> NAMES = List.of("workflows", "speech", "noise");

    static final String PROPERTY = "mediajobs.worker.queues";
    private static final String WORKERS = "spring.temporal.workers";
    private static final Pattern ENTRY = Pattern.compile(Pattern.quote(WORKERS) + "\\[(\\d+)](.+)");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and its profiles are loaded
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<String> chosen = chosen(environment.getProperty(PROPERTY));
        if (chosen.containsAll(NAMES)) {
            return;
        }
        Map<Integer, Map<String, Object>> declared = declaredWorkers(environment);
        Map<String, Object> narrowed = new LinkedHashMap<>();
        int index = 0;
        for (Map<String, Object> worker : declared.values()) {
            if (chosen.contains(String.valueOf(worker.get(".name")))) {
                for (Map.Entry<String, Object> property : worker.entrySet()) {
                    narrowed.put(WORKERS + "[" + index + "]" + property.getKey(), property.getValue());
                }
                index++;
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mediajobs-worker-queues", narrowed));
    }

    /**
     * The names in a WORKER_QUEUES value; blank means all of them (an empty variable in a compose file).
     *
     * @throws IllegalArgumentException naming the variable if a name is not one of {@link #NAMES}
     */
    static Set<String> chosen(String value) {
        if (value == null || value.isBlank()) {
            return Set.copyOf(NAMES);
        }
        Set<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("WORKER_QUEUES (" + PROPERTY + ") lists '" + name
                        + "'; it takes a comma list of " + String.join(", ", NAMES));
            }
        }
        return names;
    }

    /** The declared workers' properties by list index (keys relative to the entry, e.g. {@code .name}). */
    private static Map<Integer, Map<String, Object>> declaredWorkers(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) { // highest precedence first
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            Map<Integer, Map<String, Object>> workers = new TreeMap<>();
            for (String name : enumerable.getPropertyNames()) {
                Matcher m = ENTRY.matcher(name);
                if (m.matches()) {
                    workers.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                            .put(m.group(2), enumerable.getProperty(name));
                }
            }
            if (!workers.isEmpty()) {
                return workers;
            }
        }
        return Map.of();
    }
}
