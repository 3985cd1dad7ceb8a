package io.mediajobs.platform;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Accepts the common {@code DATABASE_URL} convention ({@code postgres://user:pass@host:5432/db} or a JDBC URL)
 * and maps it onto Spring's standard datasource properties, which otherwise work as usual.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        if (url == null || url.isBlank() || environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        if (url.startsWith("jdbc:")) {
            props.put("spring.datasource.url", url);
        } else {
            URI uri = URI.create(url);
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw new IllegalArgumentException("DATABASE_URL must be postgres://... or jdbc:postgresql://...");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 5432;
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            props.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
            if (uri.getUserInfo() != null) {
                String[] userInfo = uri.getUserInfo().split(":", 2);
                props.put("spring.datasource.username", userInfo[0]);
                if (userInfo.length > 1) {
                    props.put("spring.datasource.password", userInfo[1]);
                }
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("DATABASE_URL", props));
    }
}
