package io.switchboard.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a connector's provider promises, under {@code objectives:}; the lamp turns yellow when the provider misses an
 * objective over the window and red when it misses it by far. See {@code docs/lamps.md}.
 *
 * <pre>
 * objectives: { error-rate: 5%, p95: 2s }
 * </pre>
 *
 * <p>Only calls that reached the provider or should have (answers, timeouts, unreachable endpoints) count; calls the
 * gateway refused itself (switched off, closed, rate limited, overloaded, circuit open) do not.
 *
 * @param errorRate the share of calls that may fail (5xx answers, timeouts, unreachable); over it the lamp is yellow,
 *     over twice it or over 50% red; none by default
 * @param p95 the 95th percentile of the time callers wait for a whole answer; over it the lamp is yellow, over twice
 *     it red; none by default
 * @param window how far back the objectives look, from 10s to 15m in steps of 10s; default 5m
 * @param minRequests calls the window must hold before the objectives are judged, so one failure on a quiet
 *     connector does not turn it red; default 20
 */
public record ObjectivesConfig(
        @Nullable Percentage errorRate, @Nullable Duration p95, Duration window, int minRequests) {
    /** The default window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    /** The default minimum of calls in the window. */
    public static final int DEFAULT_MIN_REQUESTS = 20;
}
