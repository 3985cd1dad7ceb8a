package io.mediajobs.platform;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Short environment variables for what self-hosters set most, mapped onto Spring's standard properties (which
 * otherwise work as usual, and win when both are set): {@code DATABASE_URL} ({@code postgres://user:pass@host/db}
 * or a JDBC URL), {@code JWT_ISSUER_URI}, {@code JWT_JWK_SET_URI} and {@code JWT_AUDIENCE}. Blank values are ignored, so an empty
 * variable in a compose file never half-configures the JWT decoder. {@code LOG_FORMAT=json} means Spring Boot's
 * structured format {@code ecs} (its other names, {@code logstash} and {@code gelf}, pass through as they are).
 */
public class EnvironmentAliases implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        alias(environment, props, "JWT_ISSUER_URI", "spring.security.oauth2.resourceserver.jwt.issuer-uri");
        alias(environment, props, "JWT_JWK_SET_URI", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        // Tokens your identity provider issued for other applications are refused when this is set.
        alias(environment, props, "JWT_AUDIENCE", "spring.security.oauth2.resourceserver.jwt.audiences");
        databaseUrl(environment, props);
        String logFormat = environment.getProperty("LOG_FORMAT", "").strip();
        if (!logFormat.isEmpty() && !environment.containsProperty("logging.structured.format.console")) {
            props.put("logging.structured.format.console", "json".equalsIgnoreCase(logFormat) ? "ecs" : logFormat);
        }
        if (!props.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("mediajobs-env-aliases", props));
        }
    }

    private static void alias(ConfigurableEnvironment env, Map<String, Object> props, String variable, String property) {
        String value = env.getProperty(variable);
        if (value != null && !value.isBlank() && !env.containsProperty(property)) {
            props.put(property, value);
        }
    }

    private static void databaseUrl(ConfigurableEnvironment environment, Map<String, Object> props) {
        String url = environment.getProperty("DATABASE_URL");
        if (url == null || url.isBlank() || environment.containsProperty("spring.datasource.url")) {
            return;
        }
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
    }
}
