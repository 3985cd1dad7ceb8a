package io.mediajobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EnvironmentAliasesTest {

    private static StandardEnvironment env(Map<String, Object> values) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", values));
        new EnvironmentAliases().postProcessEnvironment(env, null);
        return env;
    }

    @Test
    void postgresUrlBecomesJdbcUrlWithCredentials() {
        StandardEnvironment env = env(Map.of("DATABASE_URL", "postgres://media:s3cret@db.internal:6543/jobs?sslmode=require"));
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.internal:6543/jobs?sslmode=require");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("media");
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo("s3cret");
    }

    @Test
    void jdbcUrlIsTakenAsItIsAndExplicitSpringPropertiesWin() {
        assertThat(env(Map.of("DATABASE_URL", "jdbc:postgresql://h/db")).getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://h/db");
        assertThat(env(Map.of("DATABASE_URL", "postgres://h/db", "spring.datasource.url", "jdbc:postgresql://mine/db"))
                .getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://mine/db");
    }

    @Test
    void blankJwtVariablesConfigureNothingAndSetOnesMapToTheResourceServer() {
        StandardEnvironment blank = env(Map.of("JWT_ISSUER_URI", "", "JWT_JWK_SET_URI", " "));
        assertThat(blank.containsProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")).isFalse();
        assertThat(blank.containsProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")).isFalse();
        assertThat(env(Map.of("JWT_ISSUER_URI", "https://id.example.com/realms/media"))
                .getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo("https://id.example.com/realms/media");
    }

    @Test
    void logFormatJsonMeansEcsStructuredLogsAndOtherFormatsPassThrough() {
        assertThat(env(Map.of("LOG_FORMAT", "json")).getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
        assertThat(env(Map.of("LOG_FORMAT", "logstash")).getProperty("logging.structured.format.console"))
                .isEqualTo("logstash");
        assertThat(env(Map.of("LOG_FORMAT", "")).containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void otherSchemesAreRefusedClearly() {
        assertThatThrownBy(() -> env(Map.of("DATABASE_URL", "mysql://h/db"))).hasMessageContaining("postgres://");
    }
}
