package io.mediajobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of one test's own (the real binary, as {@link RealPostgres} falls back to), which the test can
 * stop and start again on the same port with the same data: an outage and a recovery, seen by the application
 * exactly as a production database going away and coming back. Not shared: other tests never see it stopped.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir = TempDirs.createDeletedOnExit("restartable-postgres-");
    private final int port = freePort();
    private EmbeddedPostgres server;

    private RestartablePostgres() {
    }

    /** A new server on a free port, started. */
    public static RestartablePostgres started() {
        RestartablePostgres postgres = new RestartablePostgres();
        postgres.start();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Starts the server on its port, with the data it had when it stopped. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (its clients' connections are closed); the data stays for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
