package io.mediajobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Temporal dev server of the test's own, from the CLI that {@code scripts/test} exports as {@code TEMPORAL_CLI}
 * (the one {@code scripts/lib.sh} installs), with its state in a SQLite file so it can be stopped and started
 * again on the same port and keep every workflow. Started like {@code scripts/lib.sh start_temporal}: on
 * 127.0.0.1, headless, with the search attributes the application sets.
 */
public final class TemporalDevServer implements AutoCloseable {

    /** The environment variable naming the {@code temporal} CLI. */
    public static final String CLI_ENV = "TEMPORAL_CLI";

    /** As in scripts/lib.sh (SEARCH_ATTRIBUTES) and temporal-config/. */
    private static final List<String> SEARCH_ATTRIBUTES = List.of("JobType=Keyword", "UserId=Keyword",
            "ProjectId=Keyword");

    private final Path cli;
    private final int port;
    private final Path dbFile;
    private final Path log;
    private ExternalProcess process;

    private TemporalDevServer(Path cli, int port, Path dbFile, Path log) {
        this.cli = cli;
        this.port = port;
        this.dbFile = dbFile;
        this.log = log;
    }

    /** The CLI from {@code TEMPORAL_CLI}, or empty when the variable is unset (a run outside scripts/test). */
    public static Optional<Path> cli() {
        String value = System.getenv(CLI_ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Starts a server on a free loopback port, its state and log in {@code dir}; waits until it listens. */
    public static TemporalDevServer start(Path cli, Path dir) {
        if (!Files.isExecutable(cli)) {
            throw new IllegalStateException(CLI_ENV + "=" + cli + " is not an executable file");
        }
        TemporalDevServer server = new TemporalDevServer(cli, freePort(), dir.resolve("temporal.db"),
                dir.resolve("temporal.log"));
        server.startProcess();
        return server;
    }

    /** {@code 127.0.0.1:<port>}, for {@code spring.temporal.connection.target}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Stops the server with SIGTERM, as an operator would, and waits until it has exited (SIGKILL after 30 s).
     *
     * @return whether it shut down by itself
     */
    public boolean stop() {
        return process.terminate(Duration.ofSeconds(30));
    }

    /** Starts it again on the same port and database file; waits until it listens. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("Temporal dev server is still running");
        }
        startProcess();
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev", "--ip", "127.0.0.1",
                "--port", String.valueOf(port), "--headless", "--log-level", "warn", "--db-filename",
                dbFile.toString()));
        for (String attribute : SEARCH_ATTRIBUTES) {
            command.add("--search-attribute");
            command.add(attribute);
        }
        process = ExternalProcess.start("Temporal dev server", command, Map.of(), log);
        try {
            process.awaitReady(this::listening, Duration.ofSeconds(60), "listening on " + address());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
