package io.mediajobs.platform;

import io.temporal.testserver.TestServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-resort zero-setup mode, for machines where scripts/run cannot install the Temporal CLI (no Python):
 * Temporal's in-memory Java test server on :7233, started before Spring so the client finds it. It keeps nothing
 * across restarts and has no Web UI; the reconciler fails jobs it lost and restarts pending ones.
 */
public final class EmbeddedTemporalServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);
    public static final String ENV = "MEDIAJOBS_TEMPORAL_EMBEDDED";

    private EmbeddedTemporalServer() {
    }

    public static void startIfRequested() {
        if (!"true".equalsIgnoreCase(System.getenv(ENV)) && !Boolean.getBoolean("mediajobs.temporal.embedded-test-server")) {
            return;
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("MEDIAJOBS_TEMPORAL_EMBEDDED_PORT", "7233"));
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-temporal-stop"));
        log.warn("Using Temporal's in-memory test server on port {}: jobs do not survive a restart", port);
    }
}
