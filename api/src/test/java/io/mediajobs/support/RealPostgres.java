package io.mediajobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server for the whole test JVM: a Testcontainers container where a Docker engine
 * answers, otherwise the real server binary from Maven Central (zonky), started on a free port.
 */
public final class RealPostgres {

    public record Connection(String jdbcUrl, String username, String password, String kind) {
    }

    private static Connection connection;

    private RealPostgres() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = dockerAvailable() ? startContainer() : startBinary();
        }
        return connection;
    }

    /**
     * A new, empty database on the same server, for a test whose application context must not share rows with the
     * others (their reconcilers would act on jobs whose workflows live elsewhere). Same credentials as {@link #get()}.
     */
    public static Connection newDatabase(String prefix) {
        Connection server = get();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        String url = server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, server.username(), server.password(), server.kind());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk / the shutdown hook stop it
    private static Connection startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
    }

    private static Connection startBinary() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "binary");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the PostgreSQL server binary", e);
        }
    }
}
