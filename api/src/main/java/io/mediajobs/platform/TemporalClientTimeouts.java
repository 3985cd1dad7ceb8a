package io.mediajobs.platform;

import java.time.Duration;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;

import org.springframework.stereotype.Component;

/**
 * Keeps the Temporal client's own waiting within a call's deadline ({@code mediajobs.temporal.call-timeout}; the
 * deadline itself is set per call, see {@code JobWorkflows}). Without this, when Temporal is down a call ends up to
 * the SDK's 5 s maximum backoff after its deadline. Worker RPCs keep the SDK's defaults.
 * <ul>
 * <li>The client's retries of a failed call stop after the call timeout (the SDK's default: a minute) and back off at
 * most {@value #MAX_RETRY_INTERVAL_MILLIS} ms.</li>
 * <li>The server-capabilities lookup the SDK makes before its first call to a server (GetSystemInfo, retried) gets
 * {@value #SYSTEM_INFO_TIMEOUT_MILLIS} ms instead of 5 s: a reachable server answers it in milliseconds, and until
 * Temporal has been reached once, calls then fail after about that long rather than past their deadline.</li>
 * </ul>
 */
@Component
public class TemporalClientTimeouts implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> {

    static final long MAX_RETRY_INTERVAL_MILLIS = 500;
    static final long SYSTEM_INFO_TIMEOUT_MILLIS = 1000;

    private final Duration callTimeout;

    public TemporalClientTimeouts(TemporalClientProperties temporal) {
        this.callTimeout = temporal.callTimeout();
    }

    @Override
    public WorkflowServiceStubsOptions.Builder customize(WorkflowServiceStubsOptions.Builder builder) {
        return builder
                .setRpcRetryOptions(RpcRetryOptions.newBuilder()
                        .setExpiration(callTimeout)
                        .setMaximumInterval(Duration.ofMillis(MAX_RETRY_INTERVAL_MILLIS))
                        .build())
                .setSystemInfoTimeout(Duration.ofMillis(SYSTEM_INFO_TIMEOUT_MILLIS));
    }
}
