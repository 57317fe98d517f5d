package io.switchboard.config;

import java.time.Duration;
import java.util.Set;

/**
 * When a failed call is tried again, under {@code retry:}.
 *
 * <pre>
 * retry: { attempts: 3, backoff: 100ms, on: [connect-failure, 502, 503, 504] }
 * </pre>
 *
 * <p>Whatever is configured, a call is only retried when it is safe: the request never reached the upstream (connect
 * failure or timeout), or the method is idempotent.
 *
 * @param attempts the most attempts in all, the first included; default 3
 * @param backoff the base delay before the second attempt, doubled each time, with full jitter; default 100ms
 * @param maxBackoff the longest delay between attempts; default 2s
 * @param onFailures failures that are retried: {@code connect-failure}, {@code connect-timeout}, {@code timeout},
 *     {@code reset}; default connect-failure and connect-timeout
 * @param onStatuses response statuses that are retried (in YAML as numbers, or {@code 5xx}); default 502, 503, 504
 * @param budget retries allowed on top of first attempts, as a share of calls over the last 10 seconds, so retries
 *     never multiply an outage; default 20%
 * @param minRetriesPerSecond retries always allowed per second whatever the budget, for quiet connectors; default 3
 * @param bufferLimit a request body up to this size is kept in memory so it can be sent again; a larger one is
 *     streamed and then only retried if it never left; default 64KiB
 */
public record RetryConfig(
        int attempts,
        Duration backoff,
        Duration maxBackoff,
        Set<String> onFailures,
        Set<Integer> onStatuses,
        Percentage budget,
        int minRetriesPerSecond,
        DataSize bufferLimit) {
    /** The failure names {@code on:} accepts. */
    public static final Set<String> FAILURE_NAMES = Set.of("connect-failure", "connect-timeout", "timeout", "reset");

    /** The settings of {@code retry: {}}: every key at its default. */
    public static final RetryConfig DEFAULT = new RetryConfig(
            3,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Set.of("connect-failure", "connect-timeout"),
            Set.of(502, 503, 504),
            new Percentage(20),
            3,
            DataSize.ofKibibytes(64));

    public RetryConfig {
        onFailures = Set.copyOf(onFailures);
        onStatuses = Set.copyOf(onStatuses);
    }
}
