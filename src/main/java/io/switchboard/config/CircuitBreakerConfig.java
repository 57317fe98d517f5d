package io.switchboard.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * When a connector stops calling its failing provider for a while, under {@code circuit-breaker:}.
 *
 * <pre>
 * circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }
 * </pre>
 *
 * <p>Failures are connect failures, resets, timeouts and 5xx answers; 4xx answers are the caller's business.
 *
 * @param failureRate the share of failed calls in the window that opens the breaker; default 50%
 * @param window the sliding time window the rate is computed over; default 30s
 * @param minRequests calls the window must hold before the rate counts; default 20
 * @param openFor how long the breaker stays open before letting probes through; default 30s
 * @param halfOpenRequests probe calls let through while half-open; default 3
 * @param slowCall a call slower than this counts as failed; none by default
 */
public record CircuitBreakerConfig(
        Percentage failureRate,
        Duration window,
        int minRequests,
        Duration openFor,
        int halfOpenRequests,
        @Nullable Duration slowCall) {
    /** The settings of {@code circuit-breaker: {}}: every key at its default. */
    public static final CircuitBreakerConfig DEFAULT =
            new CircuitBreakerConfig(new Percentage(50), Duration.ofSeconds(30), 20, Duration.ofSeconds(30), 3, null);
}
